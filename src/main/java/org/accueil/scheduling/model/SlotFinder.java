package org.accueil.scheduling.model;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.BookingRule;
import org.accueil.practice.Closure;
import org.accueil.practice.DayOverride;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.Room;
import org.accueil.practice.RoomId;
import org.accueil.practice.WeeklyHours;
import org.jspecify.annotations.Nullable;

/**
 * The availability engine: which times are free for a visit, and why a given time is not.
 *
 * <p>Both questions go through one evaluation, so a slot that search offers is one that booking
 * accepts, and a refusal names the rule that refused. For a provider and a date, the working
 * periods come from a date override if there is one, else from the usual week. Start times are laid
 * on a grid of the type's slot step from the start of each period, in the location's local
 * wall-clock time: 09:00 stays 09:00 on both sides of a daylight-saving change. A local time that
 * does not exist that day (the spring gap) offers nothing; one that exists twice (the autumn
 * overlap) offers both instants. Each candidate must then meet, in order: minimum notice, horizon,
 * closures, opening hours, booking rules, daily cap, the provider's busy time and time off (buffers
 * included), and a free room of the required kind.
 */
public final class SlotFinder {

  private final PracticeSnapshot practice;
  private final Instant now;

  public SlotFinder(PracticeSnapshot practice, Instant now) {
    this.practice = practice;
    this.now = now;
  }

  /**
   * A search over [from, to] (local dates, both included).
   *
   * @param providers the providers to consider; the caller keeps only eligible, active ones
   * @param category the patient's category when known; rules about a category apply only then
   */
  public record Request(
      AppointmentType type,
      List<Provider> providers,
      @Nullable LocationId location,
      @Nullable PatientCategory category,
      LocalDate from,
      LocalDate to,
      int limit) {}

  /** One working period of a provider at a location, in that location's wall-clock time. */
  private record Period(Location location, LocalDate date, LocalTime starts, LocalTime ends) {
    ZoneId zone() {
      return location.zone();
    }
  }

  /** Free slots of {@code request}, earliest first, at most {@code request.limit()}. */
  public List<Slot> freeSlots(Request request, BusyTimes busy) {
    AppointmentType type = request.type();
    List<Slot> found = new ArrayList<>();
    if (!type.active()
        || (type.newPatientsOnly() && request.category() == PatientCategory.RETURNING)) {
      return found;
    }
    PatientCategory category = effectiveCategory(type, request.category());
    for (LocalDate date = request.from(); !date.isAfter(request.to()); date = date.plusDays(1)) {
      List<Slot> day = new ArrayList<>();
      for (Provider provider : request.providers()) {
        if (!provider.active() || !type.offeredBy(provider.id())) {
          continue;
        }
        Candidates candidates = new Candidates(type, provider, category, busy, false);
        for (Period period : periods(provider, date, request.location())) {
          candidates.collect(period, day);
        }
      }
      day.sort(Comparator.comparing(Slot::start).thenComparing(s -> s.provider().value()));
      found.addAll(day);
      if (found.size() >= request.limit()) {
        return List.copyOf(found.subList(0, request.limit()));
      }
    }
    return found;
  }

  /** Whether a visit of {@code type} with {@code provider} can start at {@code start}. */
  public Verdict check(
      AppointmentType type,
      Provider provider,
      Instant start,
      @Nullable LocationId location,
      @Nullable PatientCategory category,
      BusyTimes busy) {
    if (!type.active()) {
      return refused(new Rejection.TypeInactive(type));
    }
    if (!provider.active()) {
      return refused(new Rejection.ProviderInactive(provider));
    }
    if (!type.offeredBy(provider.id())) {
      return refused(new Rejection.NotOffered(provider, type));
    }
    if (type.newPatientsOnly() && category == PatientCategory.RETURNING) {
      return refused(new Rejection.NewPatientsOnly(type));
    }
    if (start.isBefore(now)) {
      return refused(new Rejection.InThePast(start));
    }
    Instant end = start.plus(type.duration());
    Candidates candidates =
        new Candidates(type, provider, effectiveCategory(type, category), busy, true);
    Rejection firstReason = null;
    for (LocationId locationId : provider.locations()) {
      if (location != null && !location.equals(locationId)) {
        continue;
      }
      Optional<Location> site = practice.location(locationId);
      if (site.isEmpty()) {
        continue;
      }
      LocalDate date = start.atZone(site.get().zone()).toLocalDate();
      for (Period period : periods(provider, date, locationId)) {
        Instant periodStart = earliest(period.date().atTime(period.starts()), period.zone());
        Instant periodEnd = latest(period.date().atTime(period.ends()), period.zone());
        if (!start.isBefore(periodStart) && !end.isAfter(periodEnd)) {
          return candidates.evaluate(period, start, end);
        }
      }
      if (firstReason == null) {
        firstReason =
            candidates
                .dayLevelRejection(site.get(), date)
                .orElse(new Rejection.OutsideWorkingHours(provider, date));
      }
    }
    return refused(
        firstReason != null
            ? firstReason
            : new Rejection.OutsideWorkingHours(
                provider, start.atZone(ZoneOffset.UTC).toLocalDate()));
  }

  /**
   * The provider's working periods on {@code date}: a date override replaces the usual week.
   * Periods at inactive or unknown locations are dropped.
   */
  private List<Period> periods(Provider provider, LocalDate date, @Nullable LocationId only) {
    List<Period> periods = new ArrayList<>();
    Optional<DayOverride> override = practice.override(provider.id(), date);
    if (override.isPresent()) {
      for (DayOverride.Hours hours : override.get().hours()) {
        addPeriod(periods, hours.location(), date, hours.starts(), hours.ends(), only);
      }
      return periods;
    }
    DayOfWeek day = date.getDayOfWeek();
    for (WeeklyHours hours : practice.weeklyHours(provider.id())) {
      if (hours.window().day() == day && hours.validOn(date)) {
        addPeriod(
            periods, hours.location(), date, hours.window().starts(), hours.window().ends(), only);
      }
    }
    return periods;
  }

  private void addPeriod(
      List<Period> periods,
      LocationId locationId,
      LocalDate date,
      LocalTime starts,
      LocalTime ends,
      @Nullable LocationId only) {
    if (only != null && !only.equals(locationId)) {
      return;
    }
    practice
        .location(locationId)
        .filter(Location::active)
        .ifPresent(location -> periods.add(new Period(location, date, starts, ends)));
  }

  /** The candidates of one provider for one type: where the rules are applied. */
  private final class Candidates {
    private final AppointmentType type;
    private final Provider provider;
    private final BusyTimes busy;
    private final boolean explain;
    private final List<BookingRule> rules;

    Candidates(
        AppointmentType type,
        Provider provider,
        @Nullable PatientCategory category,
        BusyTimes busy,
        boolean explain) {
      this.type = type;
      this.provider = provider;
      this.busy = busy;
      this.explain = explain;
      this.rules =
          practice.rules().stream()
              .filter(r -> r.applies(provider.id(), type.id(), category))
              .toList();
    }

    /** Adds the free slots of {@code period} to {@code into}. */
    void collect(Period period, List<Slot> into) {
      if (dayLevelRejection(period.location(), period.date()).isPresent()) {
        return;
      }
      ZoneId zone = period.zone();
      Instant periodEnd = latest(period.date().atTime(period.ends()), zone);
      // Neither in the past nor at shorter notice than the type asks: see evaluate.
      Instant earliest = now.plus(type.minimumNotice());
      long step = type.slotStep().toMinutes();
      int first = period.starts().toSecondOfDay() / 60;
      int last = period.ends().toSecondOfDay() / 60;
      for (long minute = first; minute < last; minute += step) {
        LocalDateTime local = period.date().atTime(LocalTime.ofSecondOfDay(minute * 60));
        // Empty in the spring gap, two offsets in the autumn overlap.
        for (ZoneOffset offset : zone.getRules().getValidOffsets(local)) {
          Instant start = local.toInstant(offset);
          Instant end = start.plus(type.duration());
          if (end.isAfter(periodEnd) || start.isBefore(earliest)) {
            continue;
          }
          // The day-level rules were checked once for the whole period, above.
          if (evaluateTime(period, start, end) instanceof Verdict.Free free) {
            into.add(free.slot());
          }
        }
      }
    }

    /** Rules that refuse a whole day at a location, before any time is looked at. */
    Optional<Rejection> dayLevelRejection(Location location, LocalDate date) {
      LocalDate today = now.atZone(location.zone()).toLocalDate();
      if (date.isBefore(today)) {
        return Optional.of(new Rejection.InThePast(date.atStartOfDay(location.zone()).toInstant()));
      }
      LocalDate lastDay = today.plusDays(type.maxDaysAhead());
      if (date.isAfter(lastDay)) {
        return Optional.of(new Rejection.BeyondHorizon(type.maxDaysAhead(), lastDay));
      }
      Optional<Closure> closure = practice.closure(location.id(), date);
      if (closure.isPresent()) {
        return Optional.of(new Rejection.LocationClosed(location, date, closure.get().name()));
      }
      Integer cap = type.dailyCapPerProvider();
      if (cap != null && busy.countOn(provider.id(), type.id(), date, location.zone()) >= cap) {
        return Optional.of(new Rejection.DailyCapReached(type, provider, cap, date));
      }
      return Optional.empty();
    }

    /** The verdict on a visit [start, end) inside {@code period}. */
    Verdict evaluate(Period period, Instant start, Instant end) {
      if (start.isBefore(now)) {
        return refused(new Rejection.InThePast(start));
      }
      Duration notice = type.minimumNotice();
      if (start.isBefore(now.plus(notice))) {
        return refused(new Rejection.TooShortNotice(notice, now.plus(notice), period.zone()));
      }
      Optional<Rejection> dayLevel = dayLevelRejection(period.location(), period.date());
      if (dayLevel.isPresent()) {
        return refused(dayLevel.get());
      }
      return evaluateTime(period, start, end);
    }

    /** The rules about the time itself, once the day-level ones have let the day through. */
    private Verdict evaluateTime(Period period, Instant start, Instant end) {
      ZonedDateTime localStart = start.atZone(period.zone());
      ZonedDateTime localEnd = end.atZone(period.zone());
      DayOfWeek day = period.date().getDayOfWeek();
      LocalTime from = localStart.toLocalTime();
      // A visit that ends after midnight ends on another day: no window can hold it.
      LocalTime to =
          localEnd.toLocalDate().equals(period.date()) ? localEnd.toLocalTime() : LocalTime.MAX;
      if (!period.location().isOpenDuring(day, from, to)) {
        return refused(new Rejection.OutsideOpeningHours(period.location()));
      }
      for (BookingRule rule : rules) {
        if (!rule.allows(day, from, to)) {
          return refused(new Rejection.RestrictedByRule(rule));
        }
      }
      Instant blockedFrom = start.minus(type.bufferBefore());
      Instant blockedUntil = end.plus(type.bufferAfter());
      if (!busy.providerFree(provider.id(), blockedFrom, blockedUntil)) {
        return refused(providerBusy(blockedFrom, blockedUntil));
      }
      RoomId room = null;
      String kind = type.requiredRoomKind();
      if (kind != null) {
        room = freeRoom(period.location(), kind, blockedFrom, blockedUntil);
        if (room == null) {
          return refused(roomsTaken(period.location(), kind, blockedFrom, blockedUntil));
        }
      }
      return new Verdict.Free(
          new Slot(start, end, provider.id(), period.location().id(), period.zone(), room));
    }

    private Rejection providerBusy(Instant from, Instant until) {
      if (!explain) {
        return QUIETLY_TAKEN;
      }
      List<Busy> inTheWay = busy.providerConflicts(provider.id(), from, until);
      if (inTheWay.stream().allMatch(b -> b.kind() == Busy.Kind.TIME_OFF)) {
        return new Rejection.ProviderAway(provider);
      }
      return new Rejection.SlotTaken(
          inTheWay.stream().filter(b -> b.kind() != Busy.Kind.TIME_OFF).toList());
    }

    private Rejection roomsTaken(Location location, String kind, Instant from, Instant until) {
      if (!explain) {
        return QUIETLY_TAKEN;
      }
      List<Busy> inTheWay = new ArrayList<>();
      for (Room room : practice.rooms(location.id(), kind)) {
        inTheWay.addAll(busy.roomConflicts(room.id(), from, until));
      }
      return new Rejection.NoRoomAvailable(kind, location, inTheWay);
    }

    private @Nullable RoomId freeRoom(Location location, String kind, Instant from, Instant until) {
      for (Room room : practice.rooms(location.id(), kind)) {
        if (busy.roomFree(room.id(), from, until)) {
          return room.id();
        }
      }
      return null;
    }
  }

  /** Whoever books a new-patients-only type is, by definition, a new patient. */
  private static @Nullable PatientCategory effectiveCategory(
      AppointmentType type, @Nullable PatientCategory category) {
    return category == null && type.newPatientsOnly() ? PatientCategory.NEW : category;
  }

  /** Search does not need to know what is in the way (a booking, a room); it skips the slot. */
  private static final Rejection QUIETLY_TAKEN = new Rejection.SlotTaken(List.of());

  private static Verdict refused(Rejection reason) {
    return new Verdict.Refused(reason);
  }

  /** The first instant of a local time (its earlier offset; the gap's end when it has none). */
  static Instant earliest(LocalDateTime local, ZoneId zone) {
    ZoneOffsetTransition gap = gapAround(local, zone);
    if (gap != null) {
      return gap.getInstant();
    }
    return ZonedDateTime.ofLocal(local, zone, null).withEarlierOffsetAtOverlap().toInstant();
  }

  /** The last instant of a local time (its later offset; the gap's end when it has none). */
  static Instant latest(LocalDateTime local, ZoneId zone) {
    ZoneOffsetTransition gap = gapAround(local, zone);
    if (gap != null) {
      return gap.getInstant();
    }
    return ZonedDateTime.ofLocal(local, zone, null).withLaterOffsetAtOverlap().toInstant();
  }

  /**
   * The transition whose gap skips {@code local}, if any. Every time in the gap is reached at the
   * gap's end, when the clocks jump. ZonedDateTime would instead shift it by the gap's length
   * (02:30 becomes 03:30 when 02:00 jumps to 03:00), so hours from 02:30 would begin at 03:30 while
   * search offers 03:00, and hours until 02:30 would run on to 03:30.
   */
  private static @Nullable ZoneOffsetTransition gapAround(LocalDateTime local, ZoneId zone) {
    ZoneOffsetTransition transition = zone.getRules().getTransition(local);
    return transition != null && transition.isGap() ? transition : null;
  }
}
