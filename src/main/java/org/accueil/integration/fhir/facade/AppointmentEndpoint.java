package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Patch;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.platform.Actor;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Commands.AppointmentQuery;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Hold;
import org.accueil.scheduling.Holds;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appointments: read (a hold reads as {@code pending}), search by patient, practitioner, date,
 * status and identifier, and cancel by PATCH (see {@link Cancellation}).
 */
final class AppointmentEndpoint implements IResourceProvider {

  /** The most one search finds; {@code _count} and {@code _offset} page through them. */
  private static final int MAX_COUNT = 5000;

  private static final Duration DEFAULT_SPAN = Duration.ofDays(7);

  private final Appointments appointments;
  private final Holds holds;
  private final PracticeDirectory practice;
  private final Clock clock;
  private final JsonMapper json;
  private final FhirContext fhir;

  AppointmentEndpoint(
      Appointments appointments,
      Holds holds,
      PracticeDirectory practice,
      Clock clock,
      JsonMapper json,
      FhirContext fhir) {
    this.appointments = appointments;
    this.holds = holds;
    this.practice = practice;
    this.clock = clock;
    this.json = json;
    this.fhir = fhir;
  }

  @Override
  public Class<Appointment> getResourceType() {
    return Appointment.class;
  }

  @Read
  public Appointment read(@IdParam IdType id) {
    AppointmentId appointment = AppointmentId.of(PracticeEndpoints.uuid(id));
    Locale locale = LocaleContextHolder.getLocale();
    Optional<org.accueil.scheduling.Appointment> found = appointments.find(appointment);
    if (found.isPresent()) {
      return FhirResources.appointment(found.get(), practice.snapshot(), locale);
    }
    Hold hold = holds.find(appointment).orElseThrow(() -> PracticeEndpoints.notFound(id));
    return FhirResources.hold(hold, practice.snapshot(), live(hold), locale);
  }

  /**
   * Booked and past appointments starting within {@code date} (the next 7 days by default), or the
   * one {@code identifier} names. Holds are not listed: read one by its id.
   */
  @Search
  public IBundleProvider search(
      @OptionalParam(name = Appointment.SP_PATIENT) @Nullable ReferenceParam patient,
      @OptionalParam(name = Appointment.SP_PRACTITIONER) @Nullable ReferenceParam practitioner,
      @OptionalParam(name = Appointment.SP_DATE) @Nullable DateRangeParam date,
      @OptionalParam(name = Appointment.SP_STATUS) @Nullable TokenOrListParam status,
      @OptionalParam(name = Appointment.SP_IDENTIFIER) @Nullable TokenParam identifier,
      @Count @Nullable Integer count,
      @Offset @Nullable Integer offset) {
    PracticeSnapshot snapshot = practice.snapshot();
    Locale locale = LocaleContextHolder.getLocale();
    PatientId patientId = null;
    if (patient != null) {
      UUID id = FhirIds.uuidOrNull(patient.getIdPart());
      if (id == null) {
        return Pages.of(List.of(), offset, count);
      }
      patientId = PatientId.of(id);
    }
    ProviderId providerId = null;
    if (practitioner != null) {
      UUID id = FhirIds.uuidOrNull(practitioner.getIdPart());
      if (id == null) {
        return Pages.of(List.of(), offset, count);
      }
      providerId = ProviderId.of(id);
    }
    Set<AppointmentStatus> statuses = statuses(status);
    SearchPeriod period = SearchPeriod.of("date", date);
    List<org.accueil.scheduling.Appointment> found;
    if (identifier != null) {
      UUID id = identified(identifier);
      found = id == null ? List.of() : appointments.find(AppointmentId.of(id)).stream().toList();
    } else {
      var zones = FreeSlots.zones(snapshot);
      Instant from = period.from(zones, clock.instant());
      Instant to = period.to(zones, from.plus(DEFAULT_SPAN));
      found =
          appointments.list(
              new AppointmentQuery(
                  from,
                  to,
                  providerId,
                  patientId,
                  statuses.size() == 1 ? statuses.iterator().next() : null,
                  MAX_COUNT));
    }
    PatientId wantedPatient = patientId;
    ProviderId wantedProvider = providerId;
    List<Appointment> all =
        found.stream()
            .filter(a -> wantedPatient == null || a.patient().equals(wantedPatient))
            .filter(a -> wantedProvider == null || a.provider().equals(wantedProvider))
            .filter(a -> statuses.isEmpty() || statuses.contains(a.status()))
            .filter(a -> identifier != null || period.accepts(a.start(), a.zone()))
            .sorted(
                Comparator.comparing(org.accueil.scheduling.Appointment::start)
                    .thenComparing(a -> a.id().value()))
            .map(a -> FhirResources.appointment(a, snapshot, locale))
            .toList();
    return Pages.of(all, offset, count);
  }

  /** Cancels an appointment, or gives a hold's time back; cancelling twice changes nothing. */
  @Patch
  public MethodOutcome patch(
      @IdParam IdType id, PatchTypeEnum type, @ResourceParam @Nullable String body) {
    AppointmentId appointment = AppointmentId.of(PracticeEndpoints.uuid(id));
    Cancellation cancellation = Cancellation.parse(type, body, json, fhir);
    Locale locale = LocaleContextHolder.getLocale();
    Appointment cancelled;
    if (appointments.find(appointment).isPresent()) {
      cancelled =
          FhirResources.appointment(
              appointments.cancel(
                  new CancelAppointment(
                      appointment, cancellation.reason(), Actor.current().reference())),
              practice.snapshot(),
              locale);
    } else {
      Hold hold = holds.find(appointment).orElseThrow(() -> PracticeEndpoints.notFound(id));
      holds.release(appointment);
      cancelled = FhirResources.hold(hold, practice.snapshot(), false, locale);
    }
    return new MethodOutcome(cancelled.getIdElement()).setResource(cancelled);
  }

  private boolean live(Hold hold) {
    return hold.expiresAt().isAfter(clock.instant());
  }

  private static Set<AppointmentStatus> statuses(@Nullable TokenOrListParam status) {
    Set<AppointmentStatus> statuses = EnumSet.noneOf(AppointmentStatus.class);
    if (status == null) {
      return statuses;
    }
    List<String> unknown = new ArrayList<>();
    for (TokenParam token : status.getValuesAsQueryTokens()) {
      try {
        AppointmentStatus one = AppointmentStatus.ofCode(token.getValue());
        // "pending" is how holds read; no listed appointment is one.
        if (one != AppointmentStatus.PROPOSED) {
          statuses.add(one);
        }
      } catch (IllegalArgumentException e) {
        unknown.add(token.getValue());
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidRequestException(
          ("status: %s is not an AppointmentStatus (proposed, pending, booked, arrived, checked-in,"
                  + " fulfilled, cancelled, noshow, entered-in-error).")
              .formatted(String.join(", ", unknown)));
    }
    if (statuses.isEmpty()) {
      // Only statuses no appointment can have were asked for.
      statuses.add(AppointmentStatus.PROPOSED);
    }
    return statuses;
  }

  private static @Nullable UUID identified(TokenParam identifier) {
    String system = identifier.getSystem();
    if (system != null && !system.isEmpty() && !system.equals(FhirIds.URI_SYSTEM)) {
      return null;
    }
    String value = identifier.getValue();
    return value != null && value.startsWith("urn:uuid:")
        ? FhirIds.uuidOrNull(value.substring("urn:uuid:".length()))
        : null;
  }
}
