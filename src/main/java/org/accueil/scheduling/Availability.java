package org.accueil.scheduling;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.RoomId;
import org.accueil.scheduling.Commands.SlotSearch;
import org.accueil.scheduling.model.BusyTimes;
import org.accueil.scheduling.model.Slot;
import org.accueil.scheduling.model.SlotFinder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Free slots, computed from the configuration and the busy time as they are now. */
@Service
public class Availability {

  private final PracticeDirectory practice;
  private final BusyCalendar calendar;
  private final Clock clock;
  private final SchedulingProperties properties;

  Availability(
      PracticeDirectory practice,
      BusyCalendar calendar,
      Clock clock,
      SchedulingProperties properties) {
    this.practice = practice;
    this.calendar = calendar;
    this.clock = clock;
    this.properties = properties;
  }

  /**
   * Free slots of the search, earliest first. When only the first few are wanted, busy time is read
   * a day at a time (then 2, 4... days), so "the next 20 slots" costs a day's worth of reads rather
   * than the whole range's.
   */
  @Transactional(readOnly = true)
  public List<Slot> freeSlots(SlotSearch search) {
    PracticeSnapshot snapshot = practice.snapshot();
    AppointmentType type =
        snapshot
            .appointmentType(search.type())
            .orElseThrow(() -> ProblemException.notFound("appointment-type", search.type()));
    checkRange(search.from(), search.to());
    for (ProviderId id : search.providers()) {
      snapshot.provider(id).orElseThrow(() -> ProblemException.notFound("provider", id));
    }
    if (search.location() != null) {
      snapshot
          .location(search.location())
          .orElseThrow(() -> ProblemException.notFound("location", search.location()));
    }
    List<Provider> providers =
        snapshot.providers().stream()
            .filter(p -> p.active() && type.offeredBy(p.id()))
            .filter(p -> search.providers().isEmpty() || search.providers().contains(p.id()))
            .sorted(Comparator.comparing(p -> p.id().value()))
            .toList();
    if (providers.isEmpty() || !type.active()) {
      return List.of();
    }
    Set<RoomId> rooms = roomsFor(snapshot, type, providers, search.location());
    Instant now = clock.instant();
    SlotFinder finder = new SlotFinder(snapshot, now);
    List<ProviderId> providerIds = providers.stream().map(Provider::id).toList();

    LocalDate day = max(search.from(), earliestToday(snapshot, now));
    int chunk = search.limit() <= 100 ? 1 : (int) ChronoUnit.DAYS.between(day, search.to()) + 1;
    List<Slot> found = new ArrayList<>();
    while (!day.isAfter(search.to()) && found.size() < search.limit()) {
      LocalDate last = min(search.to(), day.plusDays(chunk - 1L));
      BusyTimes busy =
          calendar.load(
              providerIds,
              rooms,
              firstMidnight(snapshot, day).minus(type.bufferBefore()),
              lastMidnight(snapshot, last.plusDays(1)).plus(type.bufferAfter()),
              now,
              null);
      found.addAll(
          finder.freeSlots(
              new SlotFinder.Request(
                  type,
                  providers,
                  search.location(),
                  search.category(),
                  day,
                  last,
                  search.limit() - found.size()),
              busy));
      day = last.plusDays(1);
      chunk *= 2;
    }
    return found;
  }

  private void checkRange(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-date-range")
          .detail("The end of the range ({0}) is before its start ({1}).", to, from)
          .build();
    }
    long days = ChronoUnit.DAYS.between(from, to) + 1;
    if (days > properties.maxSearchDays()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "date-range-too-long")
          .detail(
              "Search at most {0} days at a time ({1} were asked).",
              properties.maxSearchDays(), days)
          .build();
    }
  }

  static Set<RoomId> roomsFor(
      PracticeSnapshot snapshot,
      AppointmentType type,
      List<Provider> providers,
      @org.jspecify.annotations.Nullable LocationId location) {
    Set<RoomId> rooms = new LinkedHashSet<>();
    String kind = type.requiredRoomKind();
    if (kind == null) {
      return rooms;
    }
    for (Provider provider : providers) {
      for (LocationId site : provider.locations()) {
        if (location == null || location.equals(site)) {
          snapshot.rooms(site, kind).forEach(r -> rooms.add(r.id()));
        }
      }
    }
    return rooms;
  }

  /*
   * The busy time a search of the local days [day, last] needs is what overlaps those days in any
   * of the practice's zones, widened by the type's buffers: a candidate visit starts and ends
   * within one working period of one local day (SlotFinder never lets a visit run past its
   * period's end), and a daily cap counts the visits that start on that local day. Reading exactly
   * this window, rather than two extra days on each side, reads about a quarter of the rows for a
   * one-day chunk.
   */
  private static Instant firstMidnight(PracticeSnapshot snapshot, LocalDate day) {
    return snapshot.locations().stream()
        .map(location -> day.atStartOfDay(location.zone()).toInstant())
        .min(Comparator.naturalOrder())
        .orElse(day.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private static Instant lastMidnight(PracticeSnapshot snapshot, LocalDate day) {
    return snapshot.locations().stream()
        .map(location -> day.atStartOfDay(location.zone()).toInstant())
        .max(Comparator.naturalOrder())
        .orElse(day.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** The earliest "today" among the practice's zones: nothing before it can be booked. */
  private static LocalDate earliestToday(PracticeSnapshot snapshot, Instant now) {
    return snapshot.locations().stream()
        .map(Location::zone)
        .map(zone -> now.atZone(zone).toLocalDate())
        .min(Comparator.naturalOrder())
        .orElse(now.atZone(ZoneOffset.UTC).toLocalDate());
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
