package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Availability;
import org.accueil.scheduling.Commands.SlotSearch;
import org.accueil.scheduling.model.Slot;
import org.jspecify.annotations.Nullable;

/**
 * Free slots for the FHIR API, computed live by the availability engine as {@code /api/v1/slots}
 * computes them, over a period of at most {@value #MAX_DAYS} days.
 */
final class FreeSlots {

  /** The longest period one search or {@code $find} may cover. */
  static final int MAX_DAYS = 31;

  /** Without an end, a search covers a week. */
  static final int DEFAULT_DAYS = 7;

  static final int MAX_RESULTS = 10_000;

  /** A free slot for a visit of {@code type}. */
  record Found(Slot slot, AppointmentType type) {}

  private final Availability availability;
  private final Clock clock;

  FreeSlots(Availability availability, Clock clock) {
    this.availability = availability;
    this.clock = clock;
  }

  /**
   * @param providers empty for every provider offering each type
   * @param parameter the period's parameter, to name it in a refusal
   */
  List<Found> find(
      PracticeSnapshot snapshot,
      Set<ProviderId> providers,
      @Nullable LocationId location,
      List<AppointmentType> types,
      SearchPeriod period,
      @Nullable PatientCategory category,
      int limit,
      String parameter) {
    Set<ZoneId> zones = zones(snapshot);
    Instant now = clock.instant();
    LocalDate today =
        zones.stream().map(z -> now.atZone(z).toLocalDate()).min(Comparator.naturalOrder()).get();
    LocalDate first = period.firstDay(zones, today);
    LocalDate last = period.lastDay(zones, first, DEFAULT_DAYS);
    long days = ChronoUnit.DAYS.between(first, last) + 1;
    if (days > MAX_DAYS) {
      throw new InvalidRequestException(
          ("%s: search at most %d days at a time (%d days were asked, %s to %s); for example"
                  + " %s=ge%s&%s=lt%s.")
              .formatted(
                  parameter,
                  MAX_DAYS,
                  days,
                  first,
                  last,
                  parameter,
                  first,
                  parameter,
                  first.plusDays(MAX_DAYS)));
    }
    if (days < 1 || types.isEmpty()) {
      return List.of();
    }
    // Whole days are exactly what the engine searches; other bounds are cut after the search,
    // so the engine must not stop at the limit before reaching the period.
    int asked = period.inWholeDays() ? limit : MAX_RESULTS;
    List<Found> found = new ArrayList<>();
    for (AppointmentType type : types) {
      if (!type.active()
          || (!providers.isEmpty() && providers.stream().noneMatch(type::offeredBy))) {
        continue;
      }
      Set<ProviderId> offering = new LinkedHashSet<>();
      providers.stream().filter(type::offeredBy).forEach(offering::add);
      for (Slot slot :
          availability.freeSlots(
              new SlotSearch(type.id(), first, last, offering, location, category, asked))) {
        if (period.accepts(slot.start(), slot.zone())) {
          found.add(new Found(slot, type));
        }
      }
    }
    found.sort(
        Comparator.comparing((Found f) -> f.slot().start())
            .thenComparing(f -> f.slot().provider().value())
            .thenComparing(f -> f.type().code()));
    return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
  }

  static Set<ZoneId> zones(PracticeSnapshot snapshot) {
    Set<ZoneId> zones = new LinkedHashSet<>();
    snapshot.locations().stream().map(Location::zone).forEach(zones::add);
    if (zones.isEmpty()) {
      zones.add(ZoneOffset.UTC);
    }
    return zones;
  }
}
