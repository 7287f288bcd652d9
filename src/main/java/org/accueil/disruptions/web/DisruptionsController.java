package org.accueil.disruptions.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.disruptions.AffectedPatient;
import org.accueil.disruptions.Disruption;
import org.accueil.disruptions.Disruption.Action;
import org.accueil.disruptions.Disruption.Reason;
import org.accueil.disruptions.Disruptions;
import org.accueil.disruptions.Disruptions.Block;
import org.accueil.disruptions.Disruptions.Counts;
import org.accueil.disruptions.Disruptions.Progress;
import org.accueil.patients.Patient;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.IdempotentRequests;
import org.accueil.platform.ProblemException;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.AppointmentId;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Disruptions for the front desk and integrations: block a provider's time, follow each patient,
 * settle the call list. A clinician sees and blocks only their own calendar.
 */
@RestController
@RequestMapping("/api/v1/disruptions")
@Tag(name = "Disruptions")
class DisruptionsController {

  /**
   * @param reason late, ill, emergency, training (or other)
   * @param note for staff only; never sent to patients
   * @param action what each patient is offered: colleague (default), same-provider or cancel
   * @param contact false to list the patients first and start with POST …/contact (default true)
   */
  record BlockRequest(
      @NotNull UUID providerId,
      @NotNull OffsetDateTime start,
      @NotNull OffsetDateTime end,
      @NotNull String reason,
      @Nullable @Size(max = 500) String note,
      @Nullable String action,
      @Nullable Boolean contact) {}

  record ChooseRequest(@NotNull String action) {}

  record OfferView(int position, OffsetDateTime start, UUID providerId, String providerName) {}

  /** One patient of a disruption. Times in the practice's zone. */
  record PatientView(
      UUID appointmentId,
      UUID patientId,
      String patientName,
      @Nullable String phone,
      OffsetDateTime originalStart,
      OffsetDateTime originalEnd,
      String action,
      String state,
      @Nullable String channel,
      boolean consent,
      @Nullable OffsetDateTime reachedAt,
      @Nullable OffsetDateTime answeredAt,
      @Nullable OffsetDateTime escalateAt,
      @Nullable String escalation,
      @Nullable OffsetDateTime newStart,
      @Nullable UUID newProviderId,
      int rounds,
      List<OfferView> offers) {}

  record DisruptionView(
      UUID id,
      UUID providerId,
      String providerName,
      OffsetDateTime start,
      OffsetDateTime end,
      String reason,
      String note,
      String defaultAction,
      @Nullable UUID timeOffId,
      String source,
      String createdBy,
      OffsetDateTime createdAt,
      @Nullable Counts counts,
      @Nullable List<PatientView> patients) {}

  /** A patient to call, soonest visit first. */
  record ToCallView(UUID disruptionId, String providerName, String reason, PatientView patient) {}

  private final Disruptions disruptions;
  private final PracticeDirectory practice;
  private final Patients patients;
  private final IdempotentRequests idempotency;

  DisruptionsController(
      Disruptions disruptions,
      PracticeDirectory practice,
      Patients patients,
      IdempotentRequests idempotency) {
    this.disruptions = disruptions;
    this.practice = practice;
    this.patients = patients;
    this.idempotency = idempotency;
  }

  @PostMapping
  @Operation(
      summary = "Block a provider's time now and reach every patient booked in it",
      description =
          "201 with the disruption and its patients. The time is blocked at once (a time off of"
              + " the provider): new bookings into it are refused on every channel and node. Each"
              + " patient booked in it is offered held alternatives on their channel (action"
              + " colleague: another provider of the same qualification that day; same-provider:"
              + " the next free times; cancel: the appointment is cancelled and the patient"
              + " told). Whoever has not answered by the deadline goes to GET"
              + " /api/v1/disruptions/call-list. Send an Idempotency-Key to make retries safe.")
  ResponseEntity<?> block(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody BlockRequest request) {
    return idempotency.create(
        key,
        "/api/v1/disruptions",
        request,
        () -> {
          ownCalendar(request.providerId());
          Progress p =
              disruptions.block(
                  new Block(
                      ProviderId.of(request.providerId()),
                      request.start(),
                      request.end(),
                      Reason.parse(request.reason()),
                      request.note(),
                      request.action() == null ? null : Action.parse(request.action()),
                      request.contact() == null || request.contact(),
                      Actor.current().reference()));
          return view(p);
        },
        DisruptionView::id);
  }

  @GetMapping
  @Operation(
      summary = "Recent disruptions",
      description =
          "Those created in the last `days` days (default 7) or whose blocked time is still to"
              + " end, newest first, with their counts.")
  List<DisruptionView> list(@RequestParam(defaultValue = "7") int days) {
    if (days < 1 || days > 366) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-parameter")
          .detail("days is 1 to 366, not {0}.", days)
          .with("field", "days")
          .build();
    }
    UUID own = Actor.current().ownCalendarOnly();
    return disruptions.recent(days).stream()
        .filter(d -> own == null || own.equals(d.provider().value()))
        .map(d -> view(disruptions.progress(d.id())))
        .map(DisruptionsController::withoutPatients)
        .toList();
  }

  @GetMapping("/call-list")
  @Operation(
      summary = "Patients to call",
      description =
          "Every patient of a disruption who did not answer by the deadline, could not be reached"
              + " or had nothing free to be offered, whose visit is still to come: soonest visit"
              + " first, with their phone number.")
  List<ToCallView> callList() {
    UUID own = Actor.current().ownCalendarOnly();
    PracticeSnapshot snapshot = practice.snapshot();
    return disruptions.callList().stream()
        .filter(c -> own == null || own.equals(c.disruption().provider().value()))
        .map(
            c ->
                new ToCallView(
                    c.disruption().id(),
                    providerName(snapshot, c.disruption().provider()),
                    c.disruption().reason().code(),
                    patient(c.patient(), snapshot, true)))
        .toList();
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "A disruption's progress",
      description =
          "Counts (affected, reached, waiting, rebooked, cancelled, unanswered, settled) and each"
              + " patient: their channel and consent, the action, where they are, the times held"
              + " for them, the new time once rebooked.")
  DisruptionView get(@PathVariable UUID id) {
    return view(disruptions.visible(id));
  }

  @PutMapping("/{id}/patients/{appointmentId}")
  @Operation(
      summary = "Choose what one patient is offered",
      description =
          "Before the patient is contacted (a disruption created with contact=false, or not yet"
              + " reached by the pass): colleague, same-provider or cancel. 409 once contacted.")
  PatientView choose(
      @PathVariable UUID id,
      @PathVariable UUID appointmentId,
      @Valid @RequestBody ChooseRequest request) {
    disruptions.visible(id);
    return patient(
        disruptions.choose(id, AppointmentId.of(appointmentId), Action.parse(request.action())),
        practice.snapshot(),
        false);
  }

  @PostMapping("/{id}/contact")
  @Operation(
      summary = "Reach the patients listed",
      description = "Every patient still only listed is contacted by the next pass (at once).")
  DisruptionView contact(@PathVariable UUID id) {
    disruptions.visible(id);
    return view(disruptions.contact(id));
  }

  @PostMapping("/{id}/patients/{appointmentId}/settle")
  @Operation(
      summary = "Staff called the patient",
      description =
          "The patient leaves the call list (moved, cancelled or kept by hand); the times held for"
              + " them are released. A row already rebooked or cancelled is returned unchanged.")
  PatientView settle(@PathVariable UUID id, @PathVariable UUID appointmentId) {
    disruptions.visible(id);
    return patient(
        disruptions.settle(id, AppointmentId.of(appointmentId), Actor.current().reference()),
        practice.snapshot(),
        false);
  }

  // -------------------------------------------------------------------------------- helpers

  private static void ownCalendar(UUID provider) {
    UUID own = Actor.current().ownCalendarOnly();
    if (own != null && !own.equals(provider)) {
      throw ProblemException.of(HttpStatus.FORBIDDEN, "own-calendar-only")
          .detail("A clinician blocks only their own calendar.")
          .build();
    }
  }

  private DisruptionView view(Progress p) {
    PracticeSnapshot snapshot = practice.snapshot();
    ZoneId zone = snapshot.zone();
    Disruption d = p.disruption();
    return new DisruptionView(
        d.id(),
        d.provider().value(),
        providerName(snapshot, d.provider()),
        d.start().atZone(zone).toOffsetDateTime(),
        d.end().atZone(zone).toOffsetDateTime(),
        d.reason().code(),
        d.note(),
        d.defaultAction().code(),
        d.timeOff(),
        d.source(),
        d.createdBy(),
        d.createdAt().atZone(zone).toOffsetDateTime(),
        p.counts(),
        p.patients().stream().map(a -> patient(a, snapshot, false)).toList());
  }

  private static DisruptionView withoutPatients(DisruptionView v) {
    return new DisruptionView(
        v.id(),
        v.providerId(),
        v.providerName(),
        v.start(),
        v.end(),
        v.reason(),
        v.note(),
        v.defaultAction(),
        v.timeOffId(),
        v.source(),
        v.createdBy(),
        v.createdAt(),
        v.counts(),
        null);
  }

  private PatientView patient(AffectedPatient a, PracticeSnapshot snapshot, boolean withPhone) {
    ZoneId zone = snapshot.zone();
    Optional<Patient> patient = patients.find(a.patient());
    return new PatientView(
        a.appointment().value(),
        a.patient().value(),
        patient.map(DisruptionsController::name).orElse(""),
        withPhone ? patient.map(Patient::phone).orElse(null) : null,
        at(a.originalStart(), zone),
        at(a.originalEnd(), zone),
        a.action().code(),
        a.state().code(),
        a.channel(),
        a.consent(),
        at(a.reachedAt(), zone),
        at(a.answeredAt(), zone),
        at(a.escalateAt(), zone),
        a.escalation(),
        at(a.newStart(), zone),
        a.newProvider() == null ? null : a.newProvider().value(),
        a.rounds(),
        a.offers().stream()
            .map(
                o ->
                    new OfferView(
                        o.position(),
                        o.start().atZone(zone).toOffsetDateTime(),
                        o.provider().value(),
                        providerName(snapshot, o.provider())))
            .toList());
  }

  static String name(Patient p) {
    String given = p.givenName() == null ? "" : p.givenName();
    String family = p.familyName() == null ? "" : p.familyName();
    return (given + " " + family).strip();
  }

  static String providerName(PracticeSnapshot snapshot, ProviderId id) {
    return snapshot.provider(id).map(Provider::displayName).orElse("");
  }

  private static @Nullable OffsetDateTime at(java.time.@Nullable Instant i, ZoneId zone) {
    return i == null ? null : i.atZone(zone).toOffsetDateTime();
  }
}
