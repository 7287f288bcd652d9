package org.accueil.bench;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.practice.Address;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.Commands.AppointmentTypeDetails;
import org.accueil.practice.Commands.BookingRuleDetails;
import org.accueil.practice.Commands.ClosureDetails;
import org.accueil.practice.Commands.DayOverrideDetails;
import org.accueil.practice.Commands.LocationDetails;
import org.accueil.practice.Commands.ProfileDetails;
import org.accueil.practice.Commands.ProviderDetails;
import org.accueil.practice.Commands.RoomDetails;
import org.accueil.practice.Commands.TimeOffDetails;
import org.accueil.practice.Commands.WeeklyHoursDetails;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.Location;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.Provider;
import org.accueil.practice.TimeWindow;
import org.accueil.practice.VisitMode;
import org.jspecify.annotations.Nullable;

/**
 * A large practice made through the administration front door: 5 locations (four in Europe/Paris,
 * one in Europe/London), 100 providers in six specialties, 8 appointment types, exam and procedure
 * rooms, booking rules, closures, date overrides and time off. Deterministic for a given start day.
 *
 * <p>Provider {@code i} works mainly at location {@code i % 5}; one in ten also works Thursdays and
 * Fridays at the next location. Specialties by index: 0-49 general practice, 50-59 paediatrics,
 * 60-69 dermatology, 70-79 orthopaedics, 80-89 cardiology, 90-99 gynaecology.
 */
final class LargePractice {

  static final int PROVIDERS = 100;
  static final String CONSULTATION = "consultation";

  private static final String[][] SITES = {
    {"Accueil Bastille", "Europe/Paris", "12 rue de la Roquette", "75011", "Paris", "FR"},
    {"Accueil Montparnasse", "Europe/Paris", "5 boulevard du Montparnasse", "75006", "Paris", "FR"},
    {"Accueil Lyon Part-Dieu", "Europe/Paris", "40 rue de la Villette", "69003", "Lyon", "FR"},
    {"Accueil Marseille Prado", "Europe/Paris", "200 avenue du Prado", "13008", "Marseille", "FR"},
    {"Accueil London Bridge", "Europe/London", "8 Tooley Street", "SE1 2TF", "London", "GB"},
  };

  private static final String[] SPECIALTIES = {
    "general practice",
    "general practice",
    "general practice",
    "general practice",
    "general practice",
    "paediatrics",
    "dermatology",
    "orthopaedics",
    "cardiology",
    "gynaecology"
  };

  private static final String[] GIVEN = {
    "Emma", "Marc", "Sofia", "Wei", "Luca", "Anna", "Hugo", "Chloé", "Karim", "Léa", "Paolo", "Nina"
  };
  private static final String[] FAMILY = {
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "Rossi", "Bianchi", "Smith",
    "Jones", "Taylor"
  };

  final List<Location> locations = new ArrayList<>();
  final List<Provider> providers = new ArrayList<>();
  final Map<String, AppointmentType> types = new HashMap<>();
  int rooms;
  int rules;
  int closures;
  int overrides;
  int timeOff;

  private LargePractice() {}

  /**
   * Creates the configuration. {@code today} is the first day of the future half of the data; the
   * days that matter (closures, overrides, time off) are placed around it.
   */
  static LargePractice create(PracticeAdministration admin, LocalDate today) {
    LargePractice practice = new LargePractice();
    practice.build(admin, today);
    return practice;
  }

  static String specialty(int provider) {
    return SPECIALTIES[provider / 10];
  }

  private void build(PracticeAdministration admin, LocalDate today) {
    admin.updateProfile(
        new ProfileDetails("Accueil benchmark practice", List.of("fr", "en", "it")));
    for (String[] site : SITES) {
      Location location =
          admin.createLocation(
              new LocationDetails(
                  site[0],
                  site[1],
                  new Address(site[2], site[3], site[4], site[5]),
                  null,
                  openingHours(),
                  true));
      locations.add(location);
      UUID id = location.id().value();
      for (int r = 1; r <= 8; r++) {
        admin.createRoom(new RoomDetails(id, "Exam room " + r, "exam", true));
        rooms++;
      }
      admin.createRoom(new RoomDetails(id, "Procedure room", "procedure", true));
      rooms++;
    }
    addClosures(admin, today);

    for (int i = 0; i < PROVIDERS; i++) {
      List<UUID> sites = new ArrayList<>(List.of(primary(i)));
      if (secondary(i) != null) {
        sites.add(secondary(i));
      }
      Provider provider =
          admin.createProvider(
              new ProviderDetails(
                  "Dr",
                  GIVEN[i % GIVEN.length],
                  FAMILY[i % FAMILY.length] + "-" + (i + 1),
                  List.of(specialty(i)),
                  i % 3 == 0 ? List.of("fr", "en") : List.of("fr"),
                  sites,
                  true));
      providers.add(provider);
      admin.replaceWeeklyHours(provider.id(), weeklyHours(i));
    }

    type(
        admin,
        CONSULTATION,
        "Consultation",
        30,
        0,
        15,
        60,
        null,
        false,
        VisitMode.IN_PERSON,
        null,
        range(0, 60, 70, 100));
    type(
        admin,
        "follow-up",
        "Follow-up visit",
        15,
        0,
        15,
        60,
        null,
        false,
        VisitMode.IN_PERSON,
        null,
        range(0, 100));
    type(
        admin,
        "new-patient-visit",
        "New-patient visit",
        45,
        0,
        15,
        120,
        null,
        true,
        VisitMode.IN_PERSON,
        null,
        range(0, 50));
    type(
        admin,
        "procedure",
        "Minor procedure",
        30,
        10,
        15,
        24 * 60,
        "procedure",
        false,
        VisitMode.IN_PERSON,
        4,
        range(60, 80));
    type(
        admin,
        "video-consultation",
        "Video consultation",
        15,
        0,
        15,
        30,
        null,
        false,
        VisitMode.VIDEO,
        null,
        range(0, 50).stream().filter(i -> i % 2 == 0).toList());
    type(
        admin,
        "paediatric-visit",
        "Paediatric visit",
        20,
        0,
        20,
        60,
        null,
        false,
        VisitMode.IN_PERSON,
        null,
        range(50, 60));
    type(
        admin,
        "vaccination",
        "Vaccination",
        10,
        0,
        10,
        60,
        null,
        false,
        VisitMode.IN_PERSON,
        null,
        range(0, 60));
    type(
        admin,
        "dermatology-consultation",
        "Dermatology consultation",
        30,
        0,
        30,
        120,
        null,
        false,
        VisitMode.IN_PERSON,
        null,
        range(60, 70));

    addRules(admin);
    addOverridesAndTimeOff(admin, today);
  }

  private UUID primary(int provider) {
    return locations.get(provider % locations.size()).id().value();
  }

  private @Nullable UUID secondary(int provider) {
    return provider % 10 == 3
        ? locations.get((provider + 1) % locations.size()).id().value()
        : null;
  }

  private static List<TimeWindow> openingHours() {
    List<TimeWindow> hours = new ArrayList<>();
    for (DayOfWeek day : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
      hours.add(new TimeWindow(day, LocalTime.of(7, 30), LocalTime.of(20, 0)));
    }
    hours.add(new TimeWindow(SATURDAY, LocalTime.of(8, 0), LocalTime.of(13, 0)));
    return hours;
  }

  /** Four weekly patterns, spread so that every location has each of them. */
  private List<WeeklyHoursDetails> weeklyHours(int i) {
    List<WeeklyHoursDetails> hours = new ArrayList<>();
    UUID home = primary(i);
    UUID away = secondary(i);
    switch ((i / 5) % 4) {
      case 0 -> {
        for (DayOfWeek day : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
          UUID at = away != null && day.getValue() >= 4 ? away : home;
          add(hours, at, day, "08:30-12:30", "14:00-18:30");
        }
      }
      case 1 -> {
        for (DayOfWeek day : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
          UUID at = away != null && day.getValue() >= 4 ? away : home;
          add(hours, at, day, "08:00-12:00", "13:30-17:30");
        }
        add(hours, home, SATURDAY, "09:00-12:00");
      }
      case 2 -> {
        for (DayOfWeek day : List.of(MONDAY, TUESDAY, THURSDAY)) {
          UUID at = away != null && day.getValue() >= 4 ? away : home;
          add(hours, at, day, "09:00-13:00", "14:00-19:00");
        }
        add(hours, home, WEDNESDAY, "09:00-12:00");
      }
      default -> {
        for (DayOfWeek day : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY)) {
          UUID at = away != null && day.getValue() >= 4 ? away : home;
          add(hours, at, day, "08:00-12:30", "13:30-18:00");
        }
      }
    }
    return hours;
  }

  private static void add(
      List<WeeklyHoursDetails> hours, UUID location, DayOfWeek day, String... periods) {
    for (String period : periods) {
      String[] ends = period.split("-");
      hours.add(
          new WeeklyHoursDetails(
              location, day, LocalTime.parse(ends[0]), LocalTime.parse(ends[1]), null, null));
    }
  }

  private void type(
      PracticeAdministration admin,
      String code,
      String name,
      int minutes,
      int bufferAfter,
      int step,
      int noticeMinutes,
      @Nullable String roomKind,
      boolean newPatientsOnly,
      VisitMode mode,
      @Nullable Integer dailyCap,
      List<Integer> eligible) {
    AppointmentType type =
        admin.createAppointmentType(
            new AppointmentTypeDetails(
                code,
                new LocalizedText(name, name, name),
                minutes,
                0,
                bufferAfter,
                step,
                noticeMinutes,
                90,
                mode,
                newPatientsOnly,
                roomKind,
                dailyCap,
                null,
                null,
                eligible.stream().map(i -> providers.get(i).id().value()).toList(),
                true));
    types.put(code, type);
  }

  private static List<Integer> range(int... bounds) {
    List<Integer> indexes = new ArrayList<>();
    for (int b = 0; b < bounds.length; b += 2) {
      for (int i = bounds[b]; i < bounds[b + 1]; i++) {
        indexes.add(i);
      }
    }
    return indexes;
  }

  private void addRules(PracticeAdministration admin) {
    // "Dr X sees new patients only on Tuesdays 13:00-18:00", for one GP in five.
    for (int i = 0; i < 50; i += 5) {
      admin.createRule(
          new BookingRuleDetails(
              "New patients only on Tuesday afternoons",
              providers.get(i).id().value(),
              null,
              PatientCategory.NEW,
              List.of(new TimeWindow(TUESDAY, LocalTime.of(13, 0), LocalTime.of(18, 0)))));
      rules++;
    }
    // Cardiologists do their consultations in the morning; afternoons are for tests.
    for (int i = 80; i < 90; i++) {
      List<TimeWindow> mornings = new ArrayList<>();
      for (DayOfWeek day : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
        mornings.add(new TimeWindow(day, LocalTime.of(8, 0), LocalTime.of(12, 30)));
      }
      admin.createRule(
          new BookingRuleDetails(
              "Consultations in the morning",
              providers.get(i).id().value(),
              types.get(CONSULTATION).id().value(),
              null,
              mornings));
      rules++;
    }
    // Video consultations, practice-wide, around lunch and in the evening.
    List<TimeWindow> video = new ArrayList<>();
    for (DayOfWeek day : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
      video.add(new TimeWindow(day, LocalTime.of(12, 0), LocalTime.of(14, 0)));
      video.add(new TimeWindow(day, LocalTime.of(17, 0), LocalTime.of(20, 0)));
    }
    admin.createRule(
        new BookingRuleDetails(
            "Video consultations at lunch time and in the evening",
            null,
            types.get("video-consultation").id().value(),
            null,
            video));
    rules++;
  }

  /** Fixed-date public holidays in the 120 days around today, and one training day in Lyon. */
  private void addClosures(PracticeAdministration admin, LocalDate today) {
    Map<String, List<MonthDay>> holidays =
        Map.of(
            "FR",
            List.of(
                MonthDay.of(1, 1),
                MonthDay.of(5, 1),
                MonthDay.of(5, 8),
                MonthDay.of(7, 14),
                MonthDay.of(8, 15),
                MonthDay.of(11, 1),
                MonthDay.of(11, 11),
                MonthDay.of(12, 25)),
            "GB",
            List.of(MonthDay.of(1, 1), MonthDay.of(12, 25), MonthDay.of(12, 26)));
    for (Location location : locations) {
      for (LocalDate day = today.minusDays(60); day.isBefore(today.plusDays(60)); ) {
        if (holidays.get(location.address().country()).contains(MonthDay.from(day))) {
          admin.addClosure(
              new ClosureDetails(location.id().value(), day, day, "Public holiday " + day));
          closures++;
        }
        day = day.plusDays(1);
      }
    }
    admin.addClosure(
        new ClosureDetails(
            locations.get(2).id().value(), today.plusDays(8), today.plusDays(8), "Staff training"));
    closures++;
  }

  private void addOverridesAndTimeOff(PracticeAdministration admin, LocalDate today) {
    for (int i = 8; i < PROVIDERS; i += 10) {
      Provider provider = providers.get(i);
      // A short day, and a day off, in the fortnight searched.
      admin.setDayOverride(
          provider.id(),
          today.plusDays(2 + i % 5),
          new DayOverrideDetails(
              List.of(
                  new DayOverrideDetails.Hours(
                      primary(i), LocalTime.of(10, 0), LocalTime.of(13, 0)))));
      admin.setDayOverride(provider.id(), today.plusDays(9), new DayOverrideDetails(List.of()));
      overrides += 2;
    }
    for (int i = 7; i < PROVIDERS; i += 10) {
      // A week away: some before, some during, some after the fortnight searched.
      LocalDate first = today.plusDays((i / 10) * 7L - 21);
      ZoneId zone = locations.get(i % locations.size()).zone();
      admin.addTimeOff(
          providers.get(i).id(),
          new TimeOffDetails(
              OffsetDateTime.ofInstant(first.atStartOfDay(zone).toInstant(), zone),
              OffsetDateTime.ofInstant(first.plusDays(7).atStartOfDay(zone).toInstant(), zone),
              "Holidays"));
      timeOff++;
    }
  }

  /** A deterministic stream of people, for the patient registry. */
  static Instant at(LocalDate date, LocalTime time, ZoneId zone) {
    return date.atTime(time).atZone(zone).toInstant();
  }
}
