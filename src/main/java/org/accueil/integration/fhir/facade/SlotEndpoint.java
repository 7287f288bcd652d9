package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateRangeParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.accueil.integration.fhir.facade.FreeSlots.Found;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Availability;
import org.accueil.scheduling.Commands.SlotSearch;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Slot;
import org.jspecify.annotations.Nullable;
import org.springframework.context.i18n.LocaleContextHolder;

/**
 * Free slots, computed live (at most {@value FreeSlots#MAX_RESULTS} a search, paged by {@code
 * _count} and {@code _offset}): {@code Slot?schedule=Schedule/<id>&service-type=<code>
 * &start=ge2027-04-19&start=lt2027-04-26}, or {@code schedule.actor=Practitioner/<id>} (or {@code
 * Location/<id>}) instead of the schedule. Only free slots exist here (status {@code free}); a slot
 * read after it was taken says {@code busy}.
 */
final class SlotEndpoint implements IResourceProvider {

  private final PracticeDirectory practice;
  private final FreeSlots freeSlots;
  private final Availability availability;

  SlotEndpoint(PracticeDirectory practice, FreeSlots freeSlots, Availability availability) {
    this.practice = practice;
    this.freeSlots = freeSlots;
    this.availability = availability;
  }

  @Override
  public Class<Slot> getResourceType() {
    return Slot.class;
  }

  @Search
  public IBundleProvider search(
      @OptionalParam(
              name = Slot.SP_SCHEDULE,
              chainWhitelist = {OptionalParam.ALLOW_CHAIN_NOTCHAINED, "actor"})
          @Nullable ReferenceOrListParam schedule,
      @OptionalParam(name = Slot.SP_SERVICE_TYPE) @Nullable TokenOrListParam serviceType,
      @OptionalParam(name = Slot.SP_START) @Nullable DateRangeParam start,
      @OptionalParam(name = Slot.SP_STATUS) @Nullable TokenParam status,
      @Count @Nullable Integer count,
      @Offset @Nullable Integer offset) {
    if (status != null && !"free".equals(status.getValue())) {
      return Pages.of(List.of(), offset, count);
    }
    PracticeSnapshot snapshot = practice.snapshot();
    Set<ProviderId> providers = new LinkedHashSet<>();
    LocationId location = null;
    if (schedule != null) {
      for (ReferenceParam one : schedule.getValuesAsQueryTokens()) {
        Actors actors =
            one.hasChain()
                ? Actors.of(new ReferenceParam(one.getValue()))
                : new Actors(
                    ProviderId.of(FhirIds.uuid("Schedule", "schedule", one.getValue())), null);
        if (actors.provider() != null) {
          providers.add(actors.provider());
        } else {
          location = actors.location();
        }
      }
      // Schedules we do not have have no slots; the engine would call them a mistake.
      providers.removeIf(p -> snapshot.provider(p).isEmpty());
      if (providers.isEmpty() && location == null
          || location != null && snapshot.location(location).isEmpty()) {
        return Pages.of(List.of(), offset, count);
      }
    }
    List<String> tokens = new ArrayList<>();
    if (serviceType != null) {
      for (TokenParam token : serviceType.getValuesAsQueryTokens()) {
        tokens.add(
            token.getSystem() == null || token.getSystem().isEmpty()
                ? token.getValue()
                : token.getSystem() + "|" + token.getValue());
      }
    }
    List<AppointmentType> types = ServiceTypes.resolve("service-type", tokens, snapshot);
    Locale locale = LocaleContextHolder.getLocale();
    List<Slot> all =
        freeSlots
            .find(
                snapshot,
                providers,
                location,
                types,
                SearchPeriod.of("start", start),
                null,
                FreeSlots.MAX_RESULTS,
                "start")
            .stream()
            .map((Found f) -> FhirResources.slot(f.slot(), f.type(), locale))
            .toList();
    return Pages.of(all, offset, count);
  }

  /** A slot by its id: {@code free} while it is, {@code busy} once taken. */
  @Read
  public Slot read(@IdParam IdType id) {
    SlotCode code =
        SlotCode.parse(id.getIdPart()).orElseThrow(() -> PracticeEndpoints.notFound(id));
    PracticeSnapshot snapshot = practice.snapshot();
    Provider provider =
        snapshot.provider(code.provider()).orElseThrow(() -> PracticeEndpoints.notFound(id));
    AppointmentType type =
        snapshot.appointmentType(code.type()).orElseThrow(() -> PracticeEndpoints.notFound(id));
    Locale locale = LocaleContextHolder.getLocale();
    for (ZoneId zone : FreeSlots.zones(snapshot)) {
      LocalDate day = code.start().atZone(zone).toLocalDate();
      var free =
          availability
              .freeSlots(
                  new SlotSearch(
                      type.id(),
                      day,
                      day,
                      Set.of(provider.id()),
                      null,
                      null,
                      FreeSlots.MAX_RESULTS))
              .stream()
              .filter(s -> s.start().equals(code.start()))
              .findFirst();
      if (free.isPresent()) {
        return FhirResources.slot(free.get(), type, locale);
      }
    }
    ZoneId zone =
        provider.locations().stream()
            .map(snapshot::location)
            .flatMap(java.util.Optional::stream)
            .map(org.accueil.practice.Location::zone)
            .findFirst()
            .orElse(java.time.ZoneOffset.UTC);
    Slot busy = new Slot();
    busy.setId(code.id());
    busy.setSchedule(new org.hl7.fhir.r4.model.Reference("Schedule/" + provider.id()));
    busy.setStatus(Slot.SlotStatus.BUSY);
    busy.addServiceType(FhirResources.serviceType(type, locale));
    busy.setStartElement(FhirResources.instant(code.start(), zone));
    busy.setEndElement(FhirResources.instant(code.start().plus(type.duration()), zone));
    return busy;
  }
}
