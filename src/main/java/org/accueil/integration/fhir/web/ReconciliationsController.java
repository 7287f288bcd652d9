package org.accueil.integration.fhir.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.accueil.integration.fhir.Reconciliation;
import org.accueil.integration.fhir.ReconciliationReport;
import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/integration/reconciliations")
@Tag(name = "Integration")
@Validated
class ReconciliationsController {

  /** The longest window one run compares. */
  private static final int MAX_DAYS = 366;

  /**
   * @param from the first day compared; today when absent
   * @param to the last day compared; the configured window when absent
   */
  record RunRequest(@Nullable LocalDate from, @Nullable LocalDate to) {}

  private final Reconciliation reconciliation;

  ReconciliationsController(Reconciliation reconciliation) {
    this.reconciliation = reconciliation;
  }

  @PostMapping
  @Operation(
      summary = "Compare a window of days with the EHR now",
      description =
          "Runs at once and answers 201 with the report: what differed and what was done (re-sent"
              + " to the EHR, re-applied from it, flagged for staff). 409 while another run is"
              + " going on.")
  ResponseEntity<ReconciliationReport> run(
      @RequestBody(required = false) @Nullable RunRequest body) {
    String by = Actor.current().reference();
    ReconciliationReport report;
    if (body == null || (body.from() == null && body.to() == null)) {
      report = reconciliation.run(by);
    } else {
      LocalDate from = body.from() != null ? body.from() : LocalDate.now();
      LocalDate to = body.to() != null ? body.to() : from.plusDays(30);
      if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
        throw ProblemException.of(HttpStatus.BAD_REQUEST, "reconciliation-window-invalid")
            .detail(
                "The window must end on or after its first day and span at most {0} days.",
                MAX_DAYS)
            .with("field", "to")
            .build();
      }
      report = reconciliation.run(by, from, to);
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(report);
  }

  @GetMapping
  @Operation(summary = "The latest reconciliation reports, newest first")
  List<ReconciliationReport> recent(
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
    return reconciliation.recent(limit);
  }

  @GetMapping("/{id}")
  @Operation(summary = "One reconciliation report")
  ReconciliationReport get(@PathVariable UUID id) {
    return reconciliation
        .find(id)
        .orElseThrow(() -> ProblemException.notFound("reconciliation", id));
  }
}
