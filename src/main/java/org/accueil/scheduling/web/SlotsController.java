package org.accueil.scheduling.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Availability;
import org.accueil.scheduling.Commands.SlotSearch;
import org.accueil.scheduling.web.SchedulingViews.SlotView;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Availability")
class SlotsController {

  private final Availability availability;

  SlotsController(Availability availability) {
    this.availability = availability;
  }

  @GetMapping("/api/v1/slots")
  @Operation(
      summary = "Free slots for an appointment type",
      description =
          "Earliest first. Dates are days in each location's own calendar, both included. Times"
              + " carry the offset of the location's zone. A slot's buffers are free too.")
  List<SlotView> slots(
      @RequestParam UUID appointmentType,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
      @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
      @Parameter(description = "Repeat to search several providers; omit for all")
          @RequestParam(required = false)
          @Nullable List<@NotNull UUID> provider,
      @RequestParam(required = false) @Nullable UUID location,
      @Parameter(description = "Whether the patient is new to the practice, when known")
          @RequestParam(required = false)
          @Nullable Boolean newPatient,
      @RequestParam(defaultValue = "10000") @Min(1) @Max(10000) int limit) {
    Set<ProviderId> providers =
        provider == null
            ? Set.of()
            : provider.stream().map(ProviderId::of).collect(Collectors.toUnmodifiableSet());
    return availability
        .freeSlots(
            new SlotSearch(
                AppointmentTypeId.of(appointmentType),
                from,
                to,
                providers,
                location == null ? null : LocationId.of(location),
                newPatient == null
                    ? null
                    : newPatient ? PatientCategory.NEW : PatientCategory.RETURNING,
                limit))
        .stream()
        .map(SlotView::of)
        .toList();
  }
}
