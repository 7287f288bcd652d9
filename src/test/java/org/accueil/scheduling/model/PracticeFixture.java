package org.accueil.scheduling.model;

import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.accueil.practice.Address;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.BookingRule;
import org.accueil.practice.BookingRuleId;
import org.accueil.practice.Closure;
import org.accueil.practice.DayOverride;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeProfile;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.Room;
import org.accueil.practice.RoomId;
import org.accueil.practice.TimeWindow;
import org.accueil.practice.VisitMode;
import org.accueil.practice.WeeklyHours;
import org.jspecify.annotations.Nullable;

/**
 * A practice in Paris, configured in a few lines for the availability engine:
 *
 * <pre>{@code
 * var practice = PracticeFixture.paris();
 * var johnson = practice.provider("Johnson").works(TUESDAY, "13:00-18:00");
 * var consultation = practice.type("consultation").lasting(30).offeredBy(johnson);
 * practice.at(now).freeSlots(consultation, tuesday, tuesday);
 * }</pre>
 *
 * Ids are derived from names, so a test's slots come out in the same order on every run.
 */
final class PracticeFixture {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private final List<SiteFixture> sites = new ArrayList<>();
  private final List<Room> rooms = new ArrayList<>();
  private final List<ProviderFixture> providers = new ArrayList<>();
  private final List<TypeFixture> types = new ArrayList<>();
  private final List<Closure> closures = new ArrayList<>();
  private final List<BookingRule> rules = new ArrayList<>();

  private PracticeFixture() {
    sites.add(new SiteFixture("Riverside"));
  }

  /** A practice with one location, Riverside, in Europe/Paris and open whenever someone works. */
  static PracticeFixture paris() {
    return new PracticeFixture();
  }

  /** The instant of a wall-clock time in Paris, e.g. {@code "2026-03-02T09:00"}. */
  static Instant paris(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(PARIS).toInstant();
  }

  /** The first location, where providers work unless told otherwise. */
  LocationId riverside() {
    return sites.getFirst().id;
  }

  Location location(LocationId id) {
    return sites.stream().filter(s -> s.id.equals(id)).findFirst().orElseThrow().location();
  }

  /** Another location in Paris. */
  LocationId anotherLocation(String name) {
    SiteFixture site = new SiteFixture(name);
    sites.add(site);
    return site.id;
  }

  /**
   * Riverside's doors are open then, e.g. {@code opens(MONDAY, "08:00-12:00")}; once one window is
   * given, days without one are closed.
   */
  PracticeFixture opens(DayOfWeek day, String hours) {
    sites.getFirst().openingHours.add(window(day, hours));
    return this;
  }

  ProviderFixture provider(String familyName) {
    ProviderFixture provider = new ProviderFixture(familyName);
    providers.add(provider);
    return provider;
  }

  /** A 30-minute in-person visit, offered every 30 minutes, bookable up to a year ahead. */
  TypeFixture type(String code) {
    TypeFixture type = new TypeFixture(code);
    types.add(type);
    return type;
  }

  RoomId room(String name, String kind) {
    RoomId id = RoomId.of(id("room", name));
    rooms.add(new Room(id, riverside(), name, kind, true));
    return id;
  }

  /** Riverside is closed on {@code day}. */
  PracticeFixture closed(LocalDate day, String name) {
    return closed(riverside(), day, name);
  }

  PracticeFixture closed(LocationId location, LocalDate day, String name) {
    closures.add(new Closure(id("closure", name), location, day, day, name));
    return this;
  }

  /** Every location is closed on {@code day}: a closure without a location. */
  PracticeFixture closedEverywhere(LocalDate day, String name) {
    closures.add(new Closure(id("closure", name), null, day, day, name));
    return this;
  }

  /** {@code provider} sees patients of {@code category} only within {@code day}'s hours. */
  BookingRule onlyWithin(
      ProviderFixture provider, PatientCategory category, DayOfWeek day, String hours) {
    BookingRule rule =
        new BookingRule(
            BookingRuleId.of(id("rule", provider.familyName + category + day + hours)),
            "Dr "
                + provider.familyName
                + " sees "
                + category
                + " patients only "
                + day
                + " "
                + hours,
            provider.id,
            null,
            category,
            List.of(window(day, hours)));
    rules.add(rule);
    return rule;
  }

  PracticeSnapshot snapshot() {
    List<WeeklyHours> weeklyHours = new ArrayList<>();
    List<DayOverride> overrides = new ArrayList<>();
    providers.forEach(
        p -> {
          weeklyHours.addAll(p.weeklyHours);
          overrides.addAll(p.overrides);
        });
    return new PracticeSnapshot(
        1,
        new PracticeProfile("Centre Médical Riverside", List.of("fr", "en")),
        sites.stream().map(SiteFixture::location).toList(),
        rooms,
        providers.stream().map(ProviderFixture::provider).toList(),
        types.stream().map(TypeFixture::type).toList(),
        weeklyHours,
        overrides,
        closures,
        rules);
  }

  /** The engine on this practice as it is configured now, asked at {@code now}. */
  Desk at(Instant now) {
    return new Desk(new SlotFinder(snapshot(), now));
  }

  /** The engine's two questions, with every provider of the practice and no limit that matters. */
  final class Desk {
    private final SlotFinder finder;

    private Desk(SlotFinder finder) {
      this.finder = finder;
    }

    /** Free slots for a patient of unknown category, when nothing is busy. */
    List<Slot> freeSlots(TypeFixture type, LocalDate from, LocalDate to) {
      return freeSlots(type, from, to, null, BusyTimes.none());
    }

    List<Slot> freeSlots(
        TypeFixture type,
        LocalDate from,
        LocalDate to,
        @Nullable PatientCategory category,
        BusyTimes busy) {
      List<Provider> everyone = providers.stream().map(ProviderFixture::provider).toList();
      return finder.freeSlots(
          new SlotFinder.Request(type.type(), everyone, null, category, from, to, 1_000), busy);
    }

    /** Whether a patient of unknown category can book then, when nothing is busy. */
    Verdict check(TypeFixture type, ProviderFixture provider, Instant start) {
      return check(type, provider, start, null, BusyTimes.none());
    }

    Verdict check(
        TypeFixture type,
        ProviderFixture provider,
        Instant start,
        @Nullable PatientCategory category,
        BusyTimes busy) {
      return finder.check(type.type(), provider.provider(), start, null, category, busy);
    }
  }

  /** "2026-03-03T13:00 Johnson": when (on the Paris wall clock) and with whom each slot is. */
  List<String> describe(List<Slot> slots) {
    return slots.stream()
        .map(
            slot ->
                slot.localStart().toLocalDateTime()
                    + " "
                    + providers.stream()
                        .filter(p -> p.id.equals(slot.provider()))
                        .findFirst()
                        .map(p -> p.familyName)
                        .orElseThrow())
        .toList();
  }

  /** An appointment of {@code type} with {@code provider}: its visit plus the type's buffers. */
  static Busy appointment(ProviderFixture provider, TypeFixture type, Instant start) {
    return appointment(provider, type, start, null);
  }

  static Busy appointment(
      ProviderFixture provider, TypeFixture type, Instant start, @Nullable RoomId room) {
    AppointmentType t = type.type();
    return new Busy(
        Busy.Kind.APPOINTMENT,
        UUID.randomUUID(),
        provider.id,
        room,
        t.id(),
        start,
        start.minus(t.bufferBefore()),
        start.plus(t.duration()).plus(t.bufferAfter()));
  }

  static BusyTimes busy(Busy... entries) {
    return new BusyTimes(List.of(entries));
  }

  private static TimeWindow window(DayOfWeek day, String hours) {
    String[] fromTo = hours.split("-");
    return new TimeWindow(day, LocalTime.parse(fromTo[0]), LocalTime.parse(fromTo[1]));
  }

  private static UUID id(String kind, String name) {
    return UUID.nameUUIDFromBytes((kind + ":" + name).getBytes(StandardCharsets.UTF_8));
  }

  private static final class SiteFixture {
    final LocationId id;
    final String name;
    final List<TimeWindow> openingHours = new ArrayList<>();

    SiteFixture(String name) {
      this.id = LocationId.of(id("location", name));
      this.name = name;
    }

    Location location() {
      return new Location(
          id,
          name,
          PARIS,
          new Address("1 quai de la Seine", "75019", "Paris", "FR"),
          null,
          List.copyOf(openingHours),
          true);
    }
  }

  final class ProviderFixture {
    final ProviderId id;
    final String familyName;
    private final List<LocationId> locations = new ArrayList<>();
    private final List<WeeklyHours> weeklyHours = new ArrayList<>();
    private final List<DayOverride> overrides = new ArrayList<>();
    private boolean active = true;

    private ProviderFixture(String familyName) {
      this.id = ProviderId.of(id("provider", familyName));
      this.familyName = familyName;
    }

    /** Works at Riverside every {@code day}, e.g. {@code works(TUESDAY, "13:00-18:00")}. */
    ProviderFixture works(DayOfWeek day, String hours) {
      return works(day, hours, riverside());
    }

    ProviderFixture works(DayOfWeek day, String hours, LocationId location) {
      if (!locations.contains(location)) {
        locations.add(location);
      }
      weeklyHours.add(
          new WeeklyHours(
              id("hours", familyName + day + hours + location),
              id,
              location,
              window(day, hours),
              null,
              null));
      return this;
    }

    ProviderFixture worksEveryDay(String hours) {
      for (DayOfWeek day : DayOfWeek.values()) {
        works(day, hours);
      }
      return this;
    }

    ProviderFixture worksWeekdays(String hours) {
      for (DayOfWeek day : DayOfWeek.values()) {
        if (day != DayOfWeek.SATURDAY && day != DayOfWeek.SUNDAY) {
          works(day, hours);
        }
      }
      return this;
    }

    /** On {@code date} works these hours at Riverside instead of the usual week. */
    ProviderFixture worksInstead(LocalDate date, String hours) {
      if (!locations.contains(riverside())) {
        locations.add(riverside());
      }
      String[] fromTo = hours.split("-");
      overrides.add(
          new DayOverride(
              id,
              date,
              List.of(
                  new DayOverride.Hours(
                      riverside(), LocalTime.parse(fromTo[0]), LocalTime.parse(fromTo[1])))));
      return this;
    }

    /** Does not work at all on {@code date}, whatever the usual week says. */
    ProviderFixture dayOff(LocalDate date) {
      overrides.add(new DayOverride(id, date, List.of()));
      return this;
    }

    ProviderFixture inactive() {
      active = false;
      return this;
    }

    Provider provider() {
      return new Provider(
          id,
          "Dr",
          "",
          familyName,
          List.of("general-practice"),
          List.of("fr", "en"),
          List.copyOf(locations),
          active);
    }

    /** Away (holidays, a conference) over [from, until). */
    Busy away(Instant from, Instant until) {
      return Busy.timeOff(id, from, until);
    }
  }

  final class TypeFixture {
    private final AppointmentTypeId id;
    private final String code;
    private Duration duration = Duration.ofMinutes(30);
    private @Nullable Duration step;
    private Duration bufferBefore = Duration.ZERO;
    private Duration bufferAfter = Duration.ZERO;
    private Duration notice = Duration.ZERO;
    private int maxDaysAhead = 365;
    private boolean newPatientsOnly;
    private @Nullable String roomKind;
    private @Nullable Integer dailyCap;
    private final List<ProviderId> offeredBy = new ArrayList<>();
    private boolean active = true;

    private TypeFixture(String code) {
      this.id = AppointmentTypeId.of(id("type", code));
      this.code = code;
    }

    /**
     * Lasts {@code minutes}; offered every {@code minutes} unless {@link #every} says otherwise.
     */
    TypeFixture lasting(int minutes) {
      duration = Duration.ofMinutes(minutes);
      return this;
    }

    TypeFixture every(int minutes) {
      step = Duration.ofMinutes(minutes);
      return this;
    }

    TypeFixture keepingFree(int minutesBefore, int minutesAfter) {
      bufferBefore = Duration.ofMinutes(minutesBefore);
      bufferAfter = Duration.ofMinutes(minutesAfter);
      return this;
    }

    TypeFixture bookedAtLeast(Duration notice) {
      this.notice = notice;
      return this;
    }

    TypeFixture bookableUpTo(int daysAhead) {
      maxDaysAhead = daysAhead;
      return this;
    }

    TypeFixture forNewPatientsOnly() {
      newPatientsOnly = true;
      return this;
    }

    TypeFixture inA(String roomKind) {
      this.roomKind = roomKind;
      return this;
    }

    TypeFixture atMostPerDay(int cap) {
      dailyCap = cap;
      return this;
    }

    TypeFixture offeredBy(ProviderFixture... providers) {
      for (ProviderFixture provider : providers) {
        offeredBy.add(provider.id);
      }
      return this;
    }

    TypeFixture inactive() {
      active = false;
      return this;
    }

    AppointmentType type() {
      return new AppointmentType(
          id,
          code,
          new LocalizedText(code, code, code),
          duration,
          bufferBefore,
          bufferAfter,
          step != null ? step : duration,
          notice,
          maxDaysAhead,
          VisitMode.IN_PERSON,
          newPatientsOnly,
          roomKind,
          dailyCap,
          null,
          LocalizedText.EMPTY,
          List.copyOf(offeredBy),
          active);
    }
  }
}
