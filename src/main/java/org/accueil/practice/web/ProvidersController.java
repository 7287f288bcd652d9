package org.accueil.practice.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.accueil.platform.IdempotentRequests;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.Commands.AppointmentTypeDetails;
import org.accueil.practice.Commands.DayOverrideDetails;
import org.accueil.practice.Commands.ProviderDetails;
import org.accueil.practice.Commands.TimeOffDetails;
import org.accueil.practice.Commands.WeeklyHoursDetails;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.web.Views.AppointmentTypeView;
import org.accueil.practice.web.Views.DayOverrideView;
import org.accueil.practice.web.Views.ProviderView;
import org.accueil.practice.web.Views.TimeOffView;
import org.accueil.practice.web.Views.WeeklyHoursView;
import org.jspecify.annotations.Nullable;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
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

/**
 * Providers with their schedules, and appointment types. The lists are open (a booking page reads
 * them) and show only active entries to callers without an API key.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Providers and appointment types")
class ProvidersController {

  private final PracticeDirectory directory;
  private final PracticeAdministration administration;
  private final IdempotentRequests idempotency;
  private final java.time.Clock clock;

  ProvidersController(
      PracticeDirectory directory,
      PracticeAdministration administration,
      IdempotentRequests idempotency,
      java.time.Clock clock) {
    this.directory = directory;
    this.administration = administration;
    this.idempotency = idempotency;
    this.clock = clock;
  }

  @GetMapping("/providers")
  @Operation(summary = "Providers, optionally those offering an appointment type or at a location")
  List<ProviderView> providers(
      @RequestParam(required = false) @Nullable UUID appointmentType,
      @RequestParam(required = false) @Nullable UUID location,
      @RequestParam(required = false) @Nullable String specialty,
      @RequestParam(defaultValue = "false") boolean includeInactive) {
    PracticeSnapshot snapshot = directory.snapshot();
    boolean showInactive = includeInactive && isAuthenticated();
    var type =
        appointmentType == null
            ? null
            : snapshot
                .appointmentType(AppointmentTypeId.of(appointmentType))
                .orElseThrow(() -> ProblemException.notFound("appointment-type", appointmentType));
    return snapshot.providers().stream()
        .filter(p -> showInactive || p.active())
        .filter(p -> type == null || type.offeredBy(p.id()))
        .filter(p -> location == null || p.locations().contains(LocationId.of(location)))
        .filter(
            p ->
                specialty == null
                    || p.specialties().stream().anyMatch(s -> s.equalsIgnoreCase(specialty)))
        .sorted(
            java.util.Comparator.comparing(Provider::familyName).thenComparing(Provider::givenName))
        .map(ProviderView::of)
        .toList();
  }

  @GetMapping("/providers/{id}")
  ProviderView provider(@PathVariable UUID id) {
    return ProviderView.of(provider(directory.snapshot(), id));
  }

  @PostMapping("/providers")
  ResponseEntity<?> createProvider(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody ProviderDetails details) {
    return idempotency.create(
        key,
        "/api/v1/providers",
        details,
        () -> ProviderView.of(administration.createProvider(details)),
        ProviderView::id);
  }

  @PutMapping("/providers/{id}")
  ProviderView updateProvider(@PathVariable UUID id, @Valid @RequestBody ProviderDetails details) {
    return ProviderView.of(administration.updateProvider(ProviderId.of(id), details));
  }

  @GetMapping("/providers/{id}/weekly-hours")
  List<WeeklyHoursView> weeklyHours(@PathVariable UUID id) {
    PracticeSnapshot snapshot = directory.snapshot();
    provider(snapshot, id);
    return snapshot.weeklyHours(ProviderId.of(id)).stream().map(WeeklyHoursView::of).toList();
  }

  @PutMapping("/providers/{id}/weekly-hours")
  @Operation(
      summary = "Replace the provider's usual week",
      description = "Times are wall-clock times in the zone of each period's location.")
  List<WeeklyHoursView> replaceWeeklyHours(
      @PathVariable UUID id, @RequestBody List<@Valid @NotNull WeeklyHoursDetails> hours) {
    return administration.replaceWeeklyHours(ProviderId.of(id), hours).stream()
        .map(WeeklyHoursView::of)
        .toList();
  }

  @GetMapping("/providers/{id}/date-overrides")
  List<DayOverrideView> dateOverrides(
      @PathVariable UUID id,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          @Nullable LocalDate from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
          @Nullable LocalDate to) {
    PracticeSnapshot snapshot = directory.snapshot();
    provider(snapshot, id);
    return snapshot.overrides(ProviderId.of(id)).stream()
        .filter(o -> from == null || !o.date().isBefore(from))
        .filter(o -> to == null || !o.date().isAfter(to))
        .map(DayOverrideView::of)
        .toList();
  }

  @PutMapping("/providers/{id}/date-overrides/{date}")
  @Operation(
      summary = "Set the provider's hours on one date, replacing the usual week",
      description = "An empty list of hours means the provider does not work that day.")
  DayOverrideView setDateOverride(
      @PathVariable UUID id,
      @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
      @Valid @RequestBody DayOverrideDetails details) {
    return DayOverrideView.of(administration.setDayOverride(ProviderId.of(id), date, details));
  }

  @DeleteMapping("/providers/{id}/date-overrides/{date}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void removeDateOverride(
      @PathVariable UUID id,
      @PathVariable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
    administration.removeDayOverride(ProviderId.of(id), date);
  }

  @GetMapping("/providers/{id}/time-off")
  @Operation(summary = "Time off overlapping [from, to) (default: from now, one year)")
  List<TimeOffView> timeOff(
      @PathVariable UUID id,
      @RequestParam(required = false) java.time.@Nullable OffsetDateTime from,
      @RequestParam(required = false) java.time.@Nullable OffsetDateTime to) {
    PracticeSnapshot snapshot = directory.snapshot();
    Provider provider = provider(snapshot, id);
    Instant start = from == null ? clock.instant() : from.toInstant();
    Instant end = to == null ? start.plus(java.time.Duration.ofDays(366)) : to.toInstant();
    ZoneId zone = zoneOf(snapshot, provider);
    return directory.timeOff(List.of(provider.id()), start, end).stream()
        .map(t -> TimeOffView.of(t, zone))
        .toList();
  }

  @PostMapping("/providers/{id}/time-off")
  ResponseEntity<?> addTimeOff(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @PathVariable UUID id,
      @Valid @RequestBody TimeOffDetails details) {
    return idempotency.create(
        key,
        "/api/v1/providers/" + id + "/time-off",
        details,
        () -> {
          var timeOff = administration.addTimeOff(ProviderId.of(id), details);
          PracticeSnapshot snapshot = directory.snapshot();
          return TimeOffView.of(timeOff, zoneOf(snapshot, provider(snapshot, id)));
        },
        TimeOffView::id);
  }

  @GetMapping("/providers/{id}/time-off/{timeOffId}")
  TimeOffView timeOff(@PathVariable UUID id, @PathVariable UUID timeOffId) {
    PracticeSnapshot snapshot = directory.snapshot();
    Provider provider = provider(snapshot, id);
    return directory
        .timeOff(provider.id(), timeOffId)
        .map(t -> TimeOffView.of(t, zoneOf(snapshot, provider)))
        .orElseThrow(() -> ProblemException.notFound("time-off", timeOffId));
  }

  @DeleteMapping("/providers/{id}/time-off/{timeOffId}")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void removeTimeOff(@PathVariable UUID id, @PathVariable UUID timeOffId) {
    administration.removeTimeOff(ProviderId.of(id), timeOffId);
  }

  @GetMapping("/appointment-types")
  @Operation(
      summary = "What can be booked",
      description = "`name` is in the language of Accept-Language (en, fr, it).")
  List<AppointmentTypeView> appointmentTypes(
      @RequestParam(required = false) @Nullable UUID provider,
      @RequestParam(defaultValue = "false") boolean includeInactive,
      Locale locale) {
    boolean showInactive = includeInactive && isAuthenticated();
    return directory.snapshot().appointmentTypes().stream()
        .filter(t -> showInactive || t.active())
        .filter(t -> provider == null || t.offeredBy(ProviderId.of(provider)))
        .map(t -> AppointmentTypeView.of(t, locale))
        .sorted(java.util.Comparator.comparing(AppointmentTypeView::name))
        .toList();
  }

  @GetMapping("/appointment-types/{id}")
  AppointmentTypeView appointmentType(@PathVariable UUID id, Locale locale) {
    return directory
        .snapshot()
        .appointmentType(AppointmentTypeId.of(id))
        .map(t -> AppointmentTypeView.of(t, locale))
        .orElseThrow(() -> ProblemException.notFound("appointment-type", id));
  }

  @PostMapping("/appointment-types")
  ResponseEntity<?> createAppointmentType(
      @RequestHeader(name = IdempotentRequests.HEADER, required = false) @Nullable String key,
      @Valid @RequestBody AppointmentTypeDetails details,
      Locale locale) {
    return idempotency.create(
        key,
        "/api/v1/appointment-types",
        details,
        () -> AppointmentTypeView.of(administration.createAppointmentType(details), locale),
        AppointmentTypeView::id);
  }

  @PutMapping("/appointment-types/{id}")
  AppointmentTypeView updateAppointmentType(
      @PathVariable UUID id, @Valid @RequestBody AppointmentTypeDetails details, Locale locale) {
    return AppointmentTypeView.of(
        administration.updateAppointmentType(AppointmentTypeId.of(id), details), locale);
  }

  private static Provider provider(PracticeSnapshot snapshot, UUID id) {
    return snapshot
        .provider(ProviderId.of(id))
        .orElseThrow(() -> ProblemException.notFound("provider", id));
  }

  /** Times of a provider are shown in the zone of their first location. */
  private static ZoneId zoneOf(PracticeSnapshot snapshot, Provider provider) {
    return provider.locations().stream()
        .map(snapshot::location)
        .flatMap(java.util.Optional::stream)
        .map(l -> l.zone())
        .findFirst()
        .orElse(ZoneOffset.UTC);
  }

  private static boolean isAuthenticated() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    return auth != null
        && auth.isAuthenticated()
        && !(auth instanceof AnonymousAuthenticationToken);
  }
}
