package org.accueil.patients.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.Channel;
import org.accueil.patients.ChannelIdentities;
import org.accueil.patients.ContactPoint;
import org.accueil.patients.DuplicateReview;
import org.accueil.patients.Identifier;
import org.accueil.patients.MatchQuery;
import org.accueil.patients.MatchResult;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientStatus;
import org.accueil.patients.Patients;
import org.accueil.patients.RelationshipKind;
import org.accueil.patients.SearchText;
import org.accueil.patients.web.PatientViews.ChannelIdentityView;
import org.accueil.patients.web.PatientViews.IdentifierView;
import org.accueil.patients.web.PatientViews.MatchView;
import org.accueil.patients.web.PatientViews.MergeView;
import org.accueil.patients.web.PatientViews.PatientRecordView;
import org.accueil.patients.web.PatientViews.PatientView;
import org.accueil.patients.web.PatientViews.RelationshipView;
import org.accueil.platform.Audit;
import org.accueil.platform.IdempotentRequests;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/patients")
@Tag(name = "Patients")
class PatientsController {

  record ContactRequest(
      @NotBlank @Pattern(regexp = "phone|email", message = "{validation.contact-system}")
          String system,
      @NotBlank @Size(max = 254) String value,
      @Nullable @Pattern(regexp = "mobile|home|work|other", message = "{validation.contact-use}")
          String use) {}

  record ChannelIdentityRequest(
      @NotNull Channel channel, @NotBlank @Size(max = 254) String address) {}

  record DependentRequest(@NotNull UUID dependentId, @NotNull RelationshipKind relationship) {}

  private final Patients patients;
  private final ChannelIdentities channelIdentities;
  private final DuplicateReview review;
  private final IdempotentRequests idempotency;
  private final Audit audit;
  private final Validator validator;

  PatientsController(
      Patients patients,
      ChannelIdentities channelIdentities,
      DuplicateReview review,
      IdempotentRequests idempotency,
      Audit audit,
      Validator validator) {
    this.validator = validator;
    this.patients = patients;
    this.channelIdentities = channelIdentities;
    this.review = review;
    this.idempotency = idempotency;
    this.audit = audit;
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "A patient's record with everything the registry holds; every view is audited",
      description =
          "A merged record answers as a tombstone: status merged, and mergedInto naming the"
              + " record that survived.")
  PatientRecordView patient(@PathVariable UUID id) {
    Patient patient = patients.visibleToCaller(PatientId.of(id));
    audit.success("patient.view", "patient", id, Map.of("patient", id));
    return PatientRecordView.of(patients.record(patient));
  }

  @GetMapping
  @Operation(
      summary = "Find patients",
      description =
          "q: names in any order, with typos (\"dupnot jean\"); a birth date (31/12/1980 or"
              + " 1980-12-31) or a phone number in q is searched as such. familyName: the first"
              + " letters of the family name. phone, email: any of the patient's numbers and"
              + " addresses. identifier: system|value, e.g. mrn|A-1234. Criteria combine.")
  List<PatientView> search(
      @RequestParam(required = false) @Nullable @Size(max = 200) String q,
      @RequestParam(required = false) @Nullable String familyName,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          @Nullable LocalDate birthDate,
      @RequestParam(required = false) @Nullable String phone,
      @RequestParam(required = false) @Nullable @Size(max = 254) String email,
      @RequestParam(required = false) @Nullable String identifier,
      @RequestParam(required = false) @Nullable PatientStatus status,
      @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
    SearchText text = SearchText.parse(plusRestored(q));
    phone = plusRestored(phone);
    var found =
        patients.visibleToCaller(
            patients.search(
                text.names(),
                familyName,
                birthDate != null ? birthDate : text.birthDate(),
                phone != null ? phone : text.phone(),
                email,
                identifier == null ? null : identifier(identifier),
                status == null ? Patients.LIVE : EnumSet.of(status),
                limit));
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
          "201 with a new record; 200 with the existing one when the matcher links the details to"
              + " it (names and birth date, and a phone, e-mail or identifier in common). Possible"
              + " matches go to the review queue.")
  ResponseEntity<?> register(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody PatientDetails details) {
    return idempotency.once(
        key,
        "POST /api/v1/patients",
        details,
        () -> {
          var registration = patients.registration(details);
          var view = PatientRecordView.of(patients.record(registration.patient()));
          URI location = URI.create("/api/v1/patients/" + view.id());
          // 201 for a new record; 200 when the details found an existing one again.
          return registration.created()
              ? ResponseEntity.created(location).body(view)
              : ResponseEntity.ok().location(location).body(view);
        });
  }

  @PutMapping("/{id}")
  @Operation(summary = "Replace a patient's details (names, birth date, contact, address...)")
  PatientRecordView update(@PathVariable UUID id, @Valid @RequestBody PatientDetails details) {
    patients.visibleToCaller(PatientId.of(id));
    return PatientRecordView.of(patients.record(patients.update(PatientId.of(id), details)));
  }

  @PostMapping("/{id}/confirm")
  @Operation(summary = "Confirm a provisional record after review: it becomes active")
  PatientRecordView confirm(@PathVariable UUID id) {
    return PatientRecordView.of(patients.record(patients.confirm(PatientId.of(id))));
  }

  @PostMapping("/match")
  @Operation(
      summary = "Whose record these details may be",
      description =
          "decision: match (the first candidate, as registration would link it), possible (ask"
              + " the person or the staff), none. Each candidate says how every field compared"
              + " (exact, variant, sound, typo, swapped, different...) and its weight in bits."
              + " Changes nothing.")
  MatchView match(@Valid @RequestBody MatchQuery query) {
    MatchResult result = patients.match(query);
    var visible =
        patients.visibleAmong(
            result.candidates().stream().map(MatchResult.Candidate::patientId).toList());
    List<MatchResult.Candidate> shown =
        result.candidates().stream().filter(c -> visible.contains(c.patientId())).toList();
    audit.success(
        "patient.match.query",
        "patient",
        null,
        Map.of(
            "decision",
            result.decision().code(),
            "results",
            String.join(",", shown.stream().map(c -> c.patientId().toString()).toList())));
    return MatchView.of(
        shown.size() == result.candidates().size()
            ? result
            : new MatchResult(
                shown.isEmpty() ? org.accueil.patients.matching.Band.NONE : result.decision(),
                shown));
  }

  @PostMapping("/{id}/contacts")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "Record another phone number or e-mail address of the patient")
  ContactPoint addContact(@PathVariable UUID id, @Valid @RequestBody ContactRequest request) {
    return patients.addContact(PatientId.of(id), request.system(), request.value(), request.use());
  }

  @DeleteMapping("/{id}/contacts/{contactId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void removeContact(@PathVariable UUID id, @PathVariable UUID contactId) {
    patients.removeContact(PatientId.of(id), contactId);
  }

  @PostMapping("/{id}/identifiers")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Record an identifier (MRN, INS, codice fiscale, an EHR's id)",
      description = "409 identifier-taken when another patient holds it.")
  IdentifierView addIdentifier(@PathVariable UUID id, @Valid @RequestBody Identifier identifier) {
    return IdentifierView.of(patients.addIdentifier(PatientId.of(id), identifier));
  }

  @DeleteMapping("/{id}/identifiers/{identifierId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void removeIdentifier(@PathVariable UUID id, @PathVariable UUID identifierId) {
    patients.removeIdentifier(PatientId.of(id), identifierId);
  }

  @PostMapping("/{id}/channel-identities")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(
      summary = "Link a WhatsApp or SMS number, a phone line, an e-mail or a web chat token",
      description = "Linked by staff, so verified by staff.")
  ChannelIdentityView link(
      @PathVariable UUID id, @Valid @RequestBody ChannelIdentityRequest request) {
    patients.visibleToCaller(PatientId.of(id));
    return ChannelIdentityView.of(
        channelIdentities.link(PatientId.of(id), request.channel(), request.address(), true));
  }

  @PostMapping("/{id}/channel-identities/{identityId}/verify")
  @Operation(summary = "Confirm that the address is the patient's")
  ChannelIdentityView verify(@PathVariable UUID id, @PathVariable UUID identityId) {
    return ChannelIdentityView.of(channelIdentities.verifyByStaff(PatientId.of(id), identityId));
  }

  @DeleteMapping("/{id}/channel-identities/{identityId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void unlink(@PathVariable UUID id, @PathVariable UUID identityId) {
    channelIdentities.unlink(PatientId.of(id), identityId);
  }

  @PostMapping("/{id}/dependents")
  @ResponseStatus(HttpStatus.CREATED)
  @Operation(summary = "This patient books and speaks for another (a parent for a child)")
  RelationshipView addDependent(
      @PathVariable UUID id, @Valid @RequestBody DependentRequest request) {
    return RelationshipView.of(
        patients.link(
            PatientId.of(id), PatientId.of(request.dependentId()), request.relationship()));
  }

  @DeleteMapping("/{id}/dependents/{dependentId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void removeDependent(@PathVariable UUID id, @PathVariable UUID dependentId) {
    patients.unlink(PatientId.of(id), PatientId.of(dependentId));
  }

  @GetMapping("/{id}/merges")
  @Operation(summary = "The merges into or of this record, newest first")
  List<MergeView> merges(@PathVariable UUID id) {
    patients.visibleToCaller(PatientId.of(id));
    return patients.mergesOf(PatientId.of(id)).stream().map(MergeView::of).toList();
  }

  @PostMapping("/{id}/duplicates/scan")
  @Operation(
      summary = "Compare this record with the registry and queue the records it may duplicate")
  MatchView scan(@PathVariable UUID id) {
    return MatchView.of(review.scan(PatientId.of(id)));
  }

  /**
   * "?phone=+33612345678" written into a URL without encoding its "+" arrives as " 33612345678" (a
   * "+" in a query string is a space): a number starting with a space had its "+".
   */
  private static @Nullable String plusRestored(@Nullable String text) {
    if (text != null
        && text.startsWith(" ")
        && !text.isBlank()
        && Character.isDigit(text.strip().charAt(0))) {
      return "+" + text.strip();
    }
    return text;
  }

  /** "mrn|A-1234" */
  private Identifier identifier(String text) {
    int bar = text.indexOf('|');
    if (bar <= 0 || bar == text.length() - 1) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-identifier-query")
          .detail("Write the identifier as system|value, for example mrn|A-1234 or ins|1...")
          .with("field", "identifier")
          .build();
    }
    Identifier identifier = new Identifier(text.substring(0, bar), text.substring(bar + 1));
    if (!validator.validate(identifier).isEmpty()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-identifier-query")
          .detail("Write the identifier as system|value, for example mrn|A-1234 or ins|1...")
          .with("field", "identifier")
          .build();
    }
    return identifier;
  }
}
