package org.accueil.patients.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Audit;
import org.accueil.platform.IdempotentRequests;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/patients")
@Tag(name = "Patients")
class PatientsController {

  record PatientView(
      UUID id,
      String givenName,
      String familyName,
      LocalDate birthDate,
      @Nullable String phone,
      @Nullable String email) {
    static PatientView of(Patient p) {
      return new PatientView(
          p.id().value(), p.givenName(), p.familyName(), p.birthDate(), p.phone(), p.email());
    }
  }

  private final Patients patients;
  private final IdempotentRequests idempotency;
  private final Audit audit;

  PatientsController(Patients patients, IdempotentRequests idempotency, Audit audit) {
    this.patients = patients;
    this.idempotency = idempotency;
    this.audit = audit;
  }

  @GetMapping("/{id}")
  @Operation(summary = "A patient's record; every view is in the audit trail")
  PatientView patient(@PathVariable UUID id) {
    Patient patient = patients.visibleToCaller(PatientId.of(id));
    audit.success("patient.view", "patient", id, Map.of("patient", id));
    return PatientView.of(patient);
  }

  @GetMapping
  @Operation(summary = "Find patients by family name (prefix), birth date and/or phone")
  List<PatientView> search(
      @RequestParam(required = false) @Nullable String familyName,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          @Nullable LocalDate birthDate,
      @RequestParam(required = false) @Nullable String phone,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
    var found = patients.visibleToCaller(patients.search(familyName, birthDate, phone, limit));
    audit.success(
        "patient.search",
        "patient",
        null,
        Map.of(
            "results",
            String.join(",", found.stream().map(p -> p.id().value().toString()).toList())));
    return found.stream().map(PatientView::of).toList();
  }

  @PostMapping
  @Operation(
      summary = "Register a patient",
      description =
          "201 with a new record; 200 with the existing one when names, birth date and phone or"
              + " email match it.")
  ResponseEntity<?> register(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody PatientDetails details) {
    return idempotency.once(
        key,
        "POST /api/v1/patients",
        details,
        () -> {
          var registration = patients.registration(details);
          if (!registration.created()) {
            audit.success("patient.match", "patient", registration.patient().id().value());
          }
          var view = PatientView.of(registration.patient());
          URI location = URI.create("/api/v1/patients/" + view.id());
          // 201 for a new record; 200 when the details found an existing one again.
          return registration.created()
              ? ResponseEntity.created(location).body(view)
              : ResponseEntity.ok().location(location).body(view);
        });
  }
}
