package org.accueil.scheduling.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.accueil.platform.IdempotentRequests;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.HoldSlot;
import org.accueil.scheduling.Holds;
import org.accueil.scheduling.Refusals;
import org.accueil.scheduling.web.SchedulingViews.HoldView;
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
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/holds")
@Tag(name = "Holds")
class HoldsController {

  record HoldRequest(
      @NotNull UUID appointmentTypeId,
      @NotNull UUID providerId,
      @NotNull OffsetDateTime start,
      @Nullable UUID locationId,
      @Nullable Boolean newPatient) {}

  private final Holds holds;
  private final IdempotentRequests idempotency;

  HoldsController(Holds holds, IdempotentRequests idempotency) {
    this.holds = holds;
    this.idempotency = idempotency;
  }

  @PostMapping
  @Operation(
      summary = "Hold a slot while the patient decides",
      description =
          "The time is reserved for accueil.scheduling.hold-duration (5 minutes by default); book"
              + " it with POST /api/v1/appointments and its holdId.")
  ResponseEntity<?> hold(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody HoldRequest request) {
    return idempotency.create(
        key,
        "/api/v1/holds",
        request,
        () -> {
          Access.checkCalendar(ProviderId.of(request.providerId()));
          var result =
              holds.hold(
                  new HoldSlot(
                      AppointmentTypeId.of(request.appointmentTypeId()),
                      ProviderId.of(request.providerId()),
                      request.start().toInstant(),
                      request.locationId() == null ? null : LocationId.of(request.locationId()),
                      request.newPatient() == null
                          ? null
                          : request.newPatient() ? PatientCategory.NEW : PatientCategory.RETURNING,
                      Access.caller()));
          return switch (result) {
            case BookingResult.Success<org.accueil.scheduling.Hold>(var hold) -> HoldView.of(hold);
            case BookingResult.Refused<org.accueil.scheduling.Hold>(var reason) ->
                throw Refusals.problem(reason);
          };
        },
        HoldView::id);
  }

  @GetMapping("/{id}")
  HoldView hold(@PathVariable UUID id) {
    return HoldView.of(visible(id));
  }

  private org.accueil.scheduling.Hold visible(UUID id) {
    var hold =
        holds.find(AppointmentId.of(id)).orElseThrow(() -> ProblemException.notFound("hold", id));
    Access.checkAppointment("hold", id, hold.provider());
    return hold;
  }

  @DeleteMapping("/{id}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  @Operation(summary = "Give the held time back")
  void release(@PathVariable UUID id) {
    holds
        .find(AppointmentId.of(id))
        .ifPresent(h -> Access.checkAppointment("hold", id, h.provider()));
    holds.release(AppointmentId.of(id));
  }
}
