package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.hl7.fhir.r4.model.HealthcareService;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Schedule;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * The practice as FHIR reads it: providers (Practitioner), sites (Location), appointment types
 * (HealthcareService) and one Schedule per provider, all read from the configuration snapshot, so a
 * change made on any node shows at the next call.
 */
final class PracticeEndpoints {

  private PracticeEndpoints() {}

  static List<IResourceProvider> all(PracticeDirectory practice) {
    return List.of(
        new PractitionerEndpoint(practice),
        new LocationEndpoint(practice),
        new HealthcareServiceEndpoint(practice),
        new ScheduleEndpoint(practice));
  }

  static final class PractitionerEndpoint implements IResourceProvider {
    private final PracticeDirectory practice;

    PractitionerEndpoint(PracticeDirectory practice) {
      this.practice = practice;
    }

    @Override
    public Class<Practitioner> getResourceType() {
      return Practitioner.class;
    }

    @Read
    public Practitioner read(@IdParam IdType id) {
      return FhirResources.practitioner(provider(practice.snapshot(), id));
    }

    @Search
    public List<Practitioner> search(
        @OptionalParam(name = Practitioner.SP_IDENTIFIER) @Nullable TokenParam identifier) {
      return practice.snapshot().providers().stream()
          .filter(p -> identifies(identifier, p.id().value()))
          .sorted(Comparator.comparing(Provider::familyName).thenComparing(p -> p.id().value()))
          .map(FhirResources::practitioner)
          .toList();
    }
  }

  static final class LocationEndpoint implements IResourceProvider {
    private final PracticeDirectory practice;

    LocationEndpoint(PracticeDirectory practice) {
      this.practice = practice;
    }

    @Override
    public Class<org.hl7.fhir.r4.model.Location> getResourceType() {
      return org.hl7.fhir.r4.model.Location.class;
    }

    @Read
    public org.hl7.fhir.r4.model.Location read(@IdParam IdType id) {
      UUID uuid = uuid(id);
      Location location =
          practice.snapshot().location(LocationId.of(uuid)).orElseThrow(() -> notFound(id));
      return FhirResources.location(location);
    }

    @Search
    public List<org.hl7.fhir.r4.model.Location> search(
        @OptionalParam(name = org.hl7.fhir.r4.model.Location.SP_IDENTIFIER)
            @Nullable TokenParam identifier) {
      return practice.snapshot().locations().stream()
          .filter(l -> identifies(identifier, l.id().value()))
          .sorted(Comparator.comparing(Location::name).thenComparing(l -> l.id().value()))
          .map(FhirResources::location)
          .toList();
    }
  }

  static final class HealthcareServiceEndpoint implements IResourceProvider {
    private final PracticeDirectory practice;

    HealthcareServiceEndpoint(PracticeDirectory practice) {
      this.practice = practice;
    }

    @Override
    public Class<HealthcareService> getResourceType() {
      return HealthcareService.class;
    }

    @Read
    public HealthcareService read(@IdParam IdType id) {
      PracticeSnapshot snapshot = practice.snapshot();
      AppointmentType type =
          snapshot.appointmentType(AppointmentTypeId.of(uuid(id))).orElseThrow(() -> notFound(id));
      return FhirResources.healthcareService(type, snapshot, LocaleContextHolder.getLocale());
    }

    /** {@code service-type}: an appointment type's code, with or without its system. */
    @Search
    public List<HealthcareService> search(
        @OptionalParam(name = HealthcareService.SP_IDENTIFIER) @Nullable TokenParam identifier,
        @OptionalParam(name = HealthcareService.SP_SERVICE_TYPE) @Nullable TokenParam serviceType) {
      PracticeSnapshot snapshot = practice.snapshot();
      return snapshot.appointmentTypes().stream()
          .filter(t -> identifies(identifier, t.id().value()))
          .filter(t -> serviceType == null || ServiceTypes.matches(serviceType, t))
          .sorted(Comparator.comparing(AppointmentType::code))
          .map(t -> FhirResources.healthcareService(t, snapshot, LocaleContextHolder.getLocale()))
          .toList();
    }
  }

  static final class ScheduleEndpoint implements IResourceProvider {
    private final PracticeDirectory practice;

    ScheduleEndpoint(PracticeDirectory practice) {
      this.practice = practice;
    }

    @Override
    public Class<Schedule> getResourceType() {
      return Schedule.class;
    }

    @Read
    public Schedule read(@IdParam IdType id) {
      PracticeSnapshot snapshot = practice.snapshot();
      return FhirResources.schedule(
          provider(snapshot, id), snapshot, LocaleContextHolder.getLocale());
    }

    /** {@code actor}: {@code Practitioner/<id>} or {@code Location/<id>}. */
    @Search
    public List<Schedule> search(
        @OptionalParam(name = Schedule.SP_ACTOR) @Nullable ReferenceParam actor,
        @OptionalParam(name = Schedule.SP_IDENTIFIER) @Nullable TokenParam identifier) {
      PracticeSnapshot snapshot = practice.snapshot();
      return snapshot.providers().stream()
          .filter(p -> identifies(identifier, p.id().value()))
          .filter(p -> actor == null || Actors.of(actor).includes(p))
          .sorted(Comparator.comparing(Provider::familyName).thenComparing(p -> p.id().value()))
          .map(p -> FhirResources.schedule(p, snapshot, LocaleContextHolder.getLocale()))
          .toList();
    }
  }

  // ------------------------------------------------------------------------------- helpers

  static Provider provider(PracticeSnapshot snapshot, IdType id) {
    return snapshot.provider(ProviderId.of(uuid(id))).orElseThrow(() -> notFound(id));
  }

  /** The UUID a read names; anything else is a resource we do not have. */
  static UUID uuid(IdType id) {
    UUID uuid = FhirIds.uuidOrNull(id.getIdPart());
    if (uuid == null) {
      throw notFound(id);
    }
    return uuid;
  }

  static ResourceNotFoundException notFound(IdType id) {
    return new ResourceNotFoundException(
        "There is no %s here.".formatted(id.toUnqualifiedVersionless().getValue()));
  }

  /** {@code identifier=urn:ietf:rfc:3986|urn:uuid:<id>}, or the value alone. */
  static boolean identifies(@Nullable TokenParam identifier, UUID id) {
    if (identifier == null) {
      return true;
    }
    boolean system =
        identifier.getSystem() == null
            || identifier.getSystem().isEmpty()
            || identifier.getSystem().equals(FhirIds.URI_SYSTEM);
    return system && ("urn:uuid:" + id).equals(identifier.getValue());
  }
}
