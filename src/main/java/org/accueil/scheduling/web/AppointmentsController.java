package org.accueil.scheduling.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PatientId;
import org.accueil.platform.IdempotentRequests;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.AppointmentQuery;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Commands.RescheduleAppointment;
import org.accueil.scheduling.Holds;
import org.accueil.scheduling.Refusals;
import org.accueil.scheduling.Source;
import org.accueil.scheduling.web.SchedulingViews.AppointmentView;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
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
@RequestMapping("/api/v1/appointments")
@Tag(name = "Appointments")
class AppointmentsController {

  /**
   * Either {@code holdId}, or {@code appointmentTypeId} + {@code providerId} + {@code start}; and
   * either {@code patientId} or {@code patient}.
   */
  record BookingRequest(
      @Nullable UUID holdId,
      @Nullable UUID appointmentTypeId,
      @Nullable UUID providerId,
      @Nullable OffsetDateTime start,
      @Nullable UUID locationId,
      @Nullable UUID patientId,
      @Nullable @Valid PatientDetails patient,
      @Nullable Boolean newPatient,
      @Nullable Source source) {}

  record RescheduleRequest(
      @NotNull OffsetDateTime start, @Nullable UUID providerId, @Nullable UUID locationId) {}

  /**
   * @param cancelledBy who asked, in words ("the patient, by phone"); the API key is recorded too
   */
  record CancelRequest(
      @Nullable @Size(max = 500) String reason, @Nullable @Size(max = 200) String cancelledBy) {}

  private static final Duration DEFAULT_LIST_SPAN = Duration.ofDays(7);

  private final Appointments appointments;
  private final Holds holds;
  private final IdempotentRequests idempotency;
  private final java.time.Clock clock;

  AppointmentsController(
      Appointments appointments,
      Holds holds,
      IdempotentRequests idempotency,
      java.time.Clock clock) {
    this.appointments = appointments;
    this.holds = holds;
    this.idempotency = idempotency;
    this.clock = clock;
  }

  @PostMapping
  @Operation(
      summary = "Book an appointment",
      description =
          "201 with the appointment; 409 when the time is taken (the problem names the"
              + " appointment in the way); 422 when a rule refuses the time. Send an"
              + " Idempotency-Key to make retries safe.")
  ResponseEntity<?> book(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody BookingRequest request) {
    return idempotency.create(
        key,
        "/api/v1/appointments",
        request,
        () -> {
          if (request.holdId() != null) {
            // Holds, not appointments: a clinician may book only a time held on their calendar.
            holds
                .find(AppointmentId.of(request.holdId()))
                .ifPresent(hold -> Access.checkCalendar(hold.provider()));
          } else {
            Access.checkCalendar(
                request.providerId() == null ? null : ProviderId.of(request.providerId()));
          }
          var result =
              appointments.book(
                  new BookAppointment(
                      request.holdId() == null ? null : AppointmentId.of(request.holdId()),
                      request.appointmentTypeId() == null
                          ? null
                          : AppointmentTypeId.of(request.appointmentTypeId()),
                      request.providerId() == null ? null : ProviderId.of(request.providerId()),
                      request.start() == null ? null : request.start().toInstant(),
                      request.locationId() == null ? null : LocationId.of(request.locationId()),
                      request.patientId() == null ? null : PatientId.of(request.patientId()),
                      request.patient(),
                      request.newPatient(),
                      request.source() == null ? Source.API : request.source(),
                      Access.caller()));
          return AppointmentView.of(outcome(result));
        },
        AppointmentView::id);
  }

  @GetMapping
  @Operation(summary = "Appointments starting in [from, to) (default: the next 7 days)")
  List<AppointmentView> list(
      @RequestParam(required = false) @Nullable OffsetDateTime from,
      @RequestParam(required = false) @Nullable OffsetDateTime to,
      @RequestParam(required = false) @Nullable UUID provider,
      @RequestParam(required = false) @Nullable UUID patient,
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(defaultValue = "500") @Min(1) @Max(5000) int limit) {
    var start = from == null ? clock.instant() : from.toInstant();
    var end = to == null ? start.plus(DEFAULT_LIST_SPAN) : to.toInstant();
    AppointmentStatus wanted = null;
    if (status != null) {
      try {
        wanted = AppointmentStatus.ofCode(status);
      } catch (IllegalArgumentException e) {
        throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-value")
            .detail(
                "\"{1}\" is not a valid value for {0} (expected {2}).",
                "status",
                status,
                "proposed, pending, booked, arrived, checked-in, fulfilled, cancelled, noshow,"
                    + " entered-in-error")
            .build();
      }
    }
    return appointments
        .list(
            new AppointmentQuery(
                start,
                end,
                Access.listedProvider(provider),
                patient == null ? null : PatientId.of(patient),
                wanted,
                limit))
        .stream()
        .map(AppointmentView::of)
        .toList();
  }

  @GetMapping("/{id}")
  AppointmentView appointment(@PathVariable UUID id) {
    return AppointmentView.of(Access.visibleAppointment(appointments, id));
  }

  @PostMapping("/{id}/reschedule")
  @Operation(
      summary = "Move an appointment",
      description =
          "Atomic: the new time is secured by the same write that frees the old one. 409 when the"
              + " new time is taken, 422 when a rule refuses it; the appointment is then unchanged.")
  AppointmentView reschedule(@PathVariable UUID id, @Valid @RequestBody RescheduleRequest request) {
    Access.visibleAppointment(appointments, id);
    if (request.providerId() != null) {
      Access.checkCalendar(ProviderId.of(request.providerId()));
    }
    var result =
        appointments.reschedule(
            new RescheduleAppointment(
                AppointmentId.of(id),
                request.start().toInstant(),
                request.providerId() == null ? null : ProviderId.of(request.providerId()),
                request.locationId() == null ? null : LocationId.of(request.locationId()),
                Access.caller()));
    return AppointmentView.of(outcome(result));
  }

  @PostMapping("/{id}/cancel")
  @Operation(summary = "Cancel; the time is free again at once. Repeating it changes nothing.")
  AppointmentView cancel(
      @PathVariable UUID id,
      @Valid @RequestBody(required = false) @Nullable CancelRequest request) {
    Access.visibleAppointment(appointments, id);
    String reason = request == null || request.reason() == null ? "" : request.reason().trim();
    String caller = Access.caller();
    String by =
        request == null || request.cancelledBy() == null || request.cancelledBy().isBlank()
            ? caller
            : request.cancelledBy().trim() + " (" + caller + ")";
    return AppointmentView.of(
        appointments.cancel(new CancelAppointment(AppointmentId.of(id), reason, by)));
  }

  @PostMapping("/{id}/arrive")
  @Operation(summary = "The patient is at the front desk")
  AppointmentView arrive(@PathVariable UUID id) {
    return change(id, AppointmentStatus.ARRIVED);
  }

  @PostMapping("/{id}/check-in")
  @Operation(summary = "The patient is checked in and waiting to be seen")
  AppointmentView checkIn(@PathVariable UUID id) {
    return change(id, AppointmentStatus.CHECKED_IN);
  }

  @PostMapping("/{id}/fulfil")
  @Operation(summary = "The visit took place")
  AppointmentView fulfil(@PathVariable UUID id) {
    return change(id, AppointmentStatus.FULFILLED);
  }

  @PostMapping("/{id}/no-show")
  @Operation(summary = "The patient did not come; the time is freed")
  AppointmentView noShow(@PathVariable UUID id) {
    return change(id, AppointmentStatus.NOSHOW);
  }

  @PostMapping("/{id}/entered-in-error")
  @Operation(summary = "The appointment should never have existed")
  AppointmentView enteredInError(@PathVariable UUID id) {
    return change(id, AppointmentStatus.ENTERED_IN_ERROR);
  }

  private AppointmentView change(UUID id, AppointmentStatus next) {
    Access.visibleAppointment(appointments, id);
    return AppointmentView.of(appointments.changeStatus(AppointmentId.of(id), next));
  }

  private static Appointment outcome(BookingResult<Appointment> result) {
    return switch (result) {
      case BookingResult.Success<Appointment>(Appointment appointment) -> appointment;
      case BookingResult.Refused<Appointment>(var reason) -> throw Refusals.problem(reason);
    };
  }
}
