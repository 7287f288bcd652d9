package org.accueil.scheduling.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.platform.IdempotentRequests;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.Commands.JoinWaitlist;
import org.accueil.scheduling.Commands.WaitlistQuery;
import org.accueil.scheduling.Source;
import org.accueil.scheduling.Waitlist;
import org.accueil.scheduling.WaitlistEntry;
import org.accueil.scheduling.WaitlistOffer;
import org.accueil.scheduling.web.SchedulingViews.AppointmentView;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/waitlist")
@Tag(name = "Waitlist")
class WaitlistController {

  /**
   * @param earliestDate the first day wanted (default: today)
   * @param daysOfWeek only these weekdays (default: any)
   * @param earliestTime the visit starts at or after it, in the location's time
   * @param latestTime the visit ends at or before it, in the location's time
   * @param beforeAppointmentId the patient's later appointment of this type: only earlier times are
   *     offered, and accepting moves it there
   */
  record JoinRequest(
      @NotNull UUID patientId,
      @NotNull UUID appointmentTypeId,
      @Nullable UUID providerId,
      @Nullable UUID locationId,
      @Nullable LocalDate earliestDate,
      @NotNull LocalDate latestDate,
      @Nullable @Size(max = 7) List<@NotNull DayOfWeek> daysOfWeek,
      @Nullable LocalTime earliestTime,
      @Nullable LocalTime latestTime,
      @Nullable UUID beforeAppointmentId) {}

  /**
   * @param source where the patient said yes (default: api)
   */
  record AcceptRequest(@Nullable Source source) {}

  record OfferView(
      UUID id,
      UUID entryId,
      UUID patientId,
      UUID appointmentTypeId,
      UUID providerId,
      UUID locationId,
      OffsetDateTime start,
      OffsetDateTime end,
      OffsetDateTime offeredAt,
      OffsetDateTime expiresAt,
      String status,
      @Nullable UUID holdId,
      @Nullable UUID appointmentId,
      @Nullable OffsetDateTime decidedAt) {
    static OfferView of(WaitlistOffer o) {
      ZoneId zone = o.zone();
      return new OfferView(
          o.id(),
          o.entry(),
          o.patient().value(),
          o.type().value(),
          o.provider().value(),
          o.location().value(),
          o.start().atZone(zone).toOffsetDateTime(),
          o.end().atZone(zone).toOffsetDateTime(),
          o.offeredAt().atZone(zone).toOffsetDateTime(),
          o.expiresAt().atZone(zone).toOffsetDateTime(),
          o.status().code(),
          o.hold() == null ? null : o.hold().value(),
          o.appointment() == null ? null : o.appointment().value(),
          o.decidedAt() == null ? null : o.decidedAt().atZone(zone).toOffsetDateTime());
    }
  }

  /** An entry, and every time offered to it so far. Instants are in UTC. */
  record EntryView(
      UUID id,
      UUID patientId,
      UUID appointmentTypeId,
      @Nullable UUID providerId,
      @Nullable UUID locationId,
      LocalDate earliestDate,
      LocalDate latestDate,
      List<DayOfWeek> daysOfWeek,
      @Nullable LocalTime earliestTime,
      @Nullable LocalTime latestTime,
      @Nullable UUID beforeAppointmentId,
      String status,
      @Nullable UUID appointmentId,
      String createdBy,
      Instant createdAt,
      @Nullable Instant endedAt,
      List<OfferView> offers) {
    static EntryView of(WaitlistEntry e, List<WaitlistOffer> offers) {
      return new EntryView(
          e.id(),
          e.patient().value(),
          e.type().value(),
          e.provider() == null ? null : e.provider().value(),
          e.location() == null ? null : e.location().value(),
          e.earliestDate(),
          e.latestDate(),
          e.days().stream().sorted().toList(),
          e.earliestTime(),
          e.latestTime(),
          e.before() == null ? null : e.before().value(),
          e.status().code(),
          e.appointment() == null ? null : e.appointment().value(),
          e.createdBy(),
          e.createdAt(),
          e.endedAt(),
          offers.stream().map(OfferView::of).toList());
    }
  }

  private final Waitlist waitlist;
  private final IdempotentRequests idempotency;

  WaitlistController(Waitlist waitlist, IdempotentRequests idempotency) {
    this.waitlist = waitlist;
    this.idempotency = idempotency;
  }

  @PostMapping
  @Operation(
      summary = "Put a patient on the waitlist for an earlier time",
      description =
          "201 with the entry. When a matching time frees up (a cancellation or a move, here or in"
              + " the EHR), it is held and offered to the waiting patients in the order they"
              + " joined, each for accueil.scheduling.waitlist.offer-expiry (30 minutes by"
              + " default). 409 when the patient already waits for this type and provider. Send"
              + " an Idempotency-Key to make retries safe.")
  ResponseEntity<?> join(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody JoinRequest request) {
    return idempotency.create(
        key,
        "/api/v1/waitlist",
        request,
        () -> {
          Access.checkCalendar(
              request.providerId() == null ? null : ProviderId.of(request.providerId()));
          Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
          if (request.daysOfWeek() != null) {
            days.addAll(request.daysOfWeek());
          }
          WaitlistEntry entry =
              waitlist.join(
                  new JoinWaitlist(
                      PatientId.of(request.patientId()),
                      AppointmentTypeId.of(request.appointmentTypeId()),
                      request.providerId() == null ? null : ProviderId.of(request.providerId()),
                      request.locationId() == null ? null : LocationId.of(request.locationId()),
                      request.earliestDate(),
                      request.latestDate(),
                      days,
                      request.earliestTime(),
                      request.latestTime(),
                      request.beforeAppointmentId() == null
                          ? null
                          : AppointmentId.of(request.beforeAppointmentId()),
                      Access.caller()));
          return EntryView.of(entry, List.of());
        },
        EntryView::id);
  }

  @GetMapping
  @Operation(summary = "Waitlist entries in the order they joined (the order of offers)")
  List<EntryView> list(
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable UUID patient,
      @RequestParam(required = false) @Nullable UUID provider,
      @RequestParam(defaultValue = "500") @Min(1) @Max(5000) int limit) {
    WaitlistEntry.Status wanted = null;
    if (status != null) {
      try {
        wanted = WaitlistEntry.Status.ofCode(status);
      } catch (IllegalArgumentException e) {
        throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-value")
            .detail(
                "\"{1}\" is not a valid value for {0} (expected {2}).",
                "status", status, "active, fulfilled, withdrawn, expired")
            .build();
      }
    }
    ProviderId listed = Access.listedProvider(provider);
    return waitlist
        .list(
            new WaitlistQuery(
                wanted, patient == null ? null : PatientId.of(patient), listed, limit))
        .stream()
        .map(entry -> EntryView.of(entry, waitlist.offersOf(entry.id())))
        .toList();
  }

  @GetMapping("/{id}")
  @Operation(summary = "One entry, with the times offered to it")
  EntryView entry(@PathVariable UUID id) {
    WaitlistEntry entry = visible(id);
    return EntryView.of(entry, waitlist.offersOf(id));
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(
      summary = "Take the patient off the waitlist",
      description =
          "A time they were being offered passes to the next patient at once. Repeating it changes"
              + " nothing.")
  void withdraw(@PathVariable UUID id) {
    visible(id);
    waitlist.withdraw(id, Access.caller());
  }

  @PostMapping("/offers/{id}/accept")
  @Operation(
      summary = "The patient takes the time offered",
      description =
          "Books the held time for the patient; when the entry names their later appointment, that"
              + " appointment moves there instead. 409 when the offer is no longer open (already"
              + " accepted, declined, expired), or when the time can no longer be booked for them.")
  AppointmentView accept(
      @PathVariable UUID id,
      @Valid @RequestBody(required = false) @Nullable AcceptRequest request) {
    visibleOffer(id);
    Source source = request == null || request.source() == null ? Source.API : request.source();
    return AppointmentView.of(waitlist.accept(id, source, Access.caller()));
  }

  @PostMapping("/offers/{id}/decline")
  @Operation(
      summary = "The patient does not want the time offered",
      description =
          "The time passes to the next waiting patient at once; this patient stays on the list.")
  OfferView decline(@PathVariable UUID id) {
    visibleOffer(id);
    return OfferView.of(waitlist.decline(id, Access.caller()));
  }

  private WaitlistEntry visible(UUID id) {
    WaitlistEntry entry =
        waitlist.find(id).orElseThrow(() -> ProblemException.notFound("waitlist-entry", id));
    Access.checkWaitlist("waitlist-entry", id, entry.provider());
    return entry;
  }

  private void visibleOffer(UUID id) {
    WaitlistOffer offer =
        waitlist.findOffer(id).orElseThrow(() -> ProblemException.notFound("waitlist-offer", id));
    Access.checkWaitlist("waitlist-offer", id, offer.provider());
  }
}
