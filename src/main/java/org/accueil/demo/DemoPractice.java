package org.accueil.demo;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.SATURDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.accueil.practice.Address;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.Commands.AppointmentTypeDetails;
import org.accueil.practice.Commands.BookingRuleDetails;
import org.accueil.practice.Commands.ClosureDetails;
import org.accueil.practice.Commands.LocationDetails;
import org.accueil.practice.Commands.ProfileDetails;
import org.accueil.practice.Commands.ProviderDetails;
import org.accueil.practice.Commands.RoomDetails;
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
 * "Centre Médical Riverside": the practice of the demo and of the tests that read as a story
 * ({@code Demo.practice().drJohnson()}). Six providers, eight appointment types, four exam rooms
 * and a procedure room, French public holidays.
 */
public final class DemoPractice {

  public static final String NAME = "Centre Médical Riverside";

  private final Location location;
  private final List<Provider> providers;
  private final List<AppointmentType> types;

  private DemoPractice(Location location, List<Provider> providers, List<AppointmentType> types) {
    this.location = location;
    this.providers = providers;
    this.types = types;
  }

  /** Creates the whole configuration through the administration front door. */
  public static DemoPractice create(PracticeAdministration admin, LocalDate today) {
    admin.updateProfile(new ProfileDetails(NAME, List.of("fr", "en", "it")));
    Location site =
        admin.createLocation(
            new LocationDetails(
                NAME,
                "Europe/Paris",
                new Address("42 High Street", "75011", "Paris", "FR"),
                "+33 1 44 55 66 77",
                openingHours(),
                true));
    UUID siteId = site.id().value();
    for (int i = 1; i <= 4; i++) {
      admin.createRoom(new RoomDetails(siteId, "Exam room " + i, "exam", true));
    }
    admin.createRoom(new RoomDetails(siteId, "Procedure room", "procedure", true));
    for (int year = today.getYear(); year <= today.getYear() + 1; year++) {
      for (FrenchHolidays.Holiday holiday : FrenchHolidays.of(year)) {
        admin.addClosure(new ClosureDetails(null, holiday.date(), holiday.date(), holiday.name()));
      }
    }

    Provider phillips = provider(admin, siteId, "Emma", "Phillips", "dermatology", "en", "fr");
    Provider johnson = provider(admin, siteId, "Marc", "Johnson", "general practice", "fr", "en");
    Provider martinez =
        provider(admin, siteId, "Sofia", "Martinez", "paediatrics", "fr", "it", "es");
    Provider chen = provider(admin, siteId, "Wei", "Chen", "general practice", "en", "fr", "zh");
    Provider williams =
        provider(admin, siteId, "Luca", "Williams", "orthopaedics", "it", "en", "fr");
    Provider smith = provider(admin, siteId, "Anna", "Smith", "general practice", "en", "it");

    Week week = new Week(siteId);
    // Dermatology on Monday, Wednesday and Friday.
    week.add(phillips, List.of(MONDAY, WEDNESDAY, FRIDAY), "09:00-12:30", "14:00-18:00");
    // Tuesday mornings are for surgery at the hospital: Tuesday starts at 13:00.
    week.add(johnson, List.of(MONDAY, WEDNESDAY, THURSDAY, FRIDAY), "08:30-12:30", "14:00-18:30");
    week.add(johnson, List.of(TUESDAY), "13:00-18:00");
    // Never on Fridays.
    week.add(martinez, List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY), "09:00-12:30", "14:00-17:30");
    week.add(
        chen, List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY), "09:00-13:00", "14:00-17:00");
    week.add(williams, List.of(TUESDAY, THURSDAY), "09:00-12:30", "14:00-18:00");
    week.add(williams, List.of(WEDNESDAY), "09:00-12:30");
    week.add(
        smith, List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY), "08:00-12:00", "13:30-17:30");
    week.add(smith, List.of(SATURDAY), "09:00-12:00");
    week.save(admin);

    List<UUID> gps = ids(johnson, chen, smith);
    List<AppointmentType> types = new ArrayList<>();
    types.add(
        type(
            admin,
            "annual-checkup",
            new LocalizedText("Bilan annuel", "Annual check-up", "Visita di controllo annuale"),
            30,
            0,
            0,
            15,
            60,
            null,
            null,
            false,
            VisitMode.IN_PERSON,
            gps,
            new LocalizedText(
                "Venez à jeun si une prise de sang est prévue, avec vos ordonnances en cours.",
                "Come fasting if a blood test is planned, and bring your current prescriptions.",
                "Venga a digiuno se è previsto un prelievo e porti le prescrizioni in corso.")));
    types.add(
        type(
            admin,
            "follow-up",
            new LocalizedText("Consultation de suivi", "Follow-up visit", "Visita di follow-up"),
            15,
            0,
            0,
            15,
            60,
            null,
            null,
            false,
            VisitMode.IN_PERSON,
            ids(phillips, johnson, martinez, chen, williams, smith),
            null));
    types.add(
        type(
            admin,
            "new-patient-visit",
            new LocalizedText("Première consultation", "New-patient visit", "Prima visita"),
            45,
            0,
            0,
            15,
            120,
            null,
            null,
            true,
            VisitMode.IN_PERSON,
            gps,
            new LocalizedText(
                "Apportez votre carte Vitale, vos derniers résultats et la liste de vos traitements.",
                "Bring your health card, your latest results and the list of your medicines.",
                "Porti la tessera sanitaria, gli ultimi esami e l'elenco dei farmaci.")));
    types.add(
        type(
            admin,
            "dermatology-consultation",
            new LocalizedText(
                "Consultation de dermatologie", "Dermatology consultation", "Visita dermatologica"),
            30,
            0,
            0,
            30,
            120,
            null,
            null,
            false,
            VisitMode.IN_PERSON,
            ids(phillips),
            null));
    types.add(
        type(
            admin,
            "video-consultation",
            new LocalizedText("Téléconsultation", "Video consultation", "Televisita"),
            15,
            0,
            0,
            15,
            30,
            null,
            null,
            false,
            VisitMode.VIDEO,
            ids(chen),
            new LocalizedText(
                "Le lien de la visio vous est envoyé 15 minutes avant ; testez votre caméra.",
                "The video link is sent 15 minutes before; test your camera.",
                "Il link della videochiamata arriva 15 minuti prima; provi la videocamera.")));
    types.add(
        type(
            admin,
            "joint-injection",
            new LocalizedText(
                "Infiltration articulaire", "Joint injection", "Infiltrazione articolare"),
            30,
            0,
            10,
            30,
            1440,
            "procedure",
            6,
            false,
            VisitMode.IN_PERSON,
            ids(williams),
            new LocalizedText(
                "Portez une tenue ample ; prévoyez qu'on vous raccompagne.",
                "Wear loose clothing; arrange for someone to take you home.",
                "Indossi abiti comodi; si faccia riaccompagnare a casa.")));
    types.add(
        type(
            admin,
            "paediatric-visit",
            new LocalizedText("Consultation pédiatrique", "Paediatric visit", "Visita pediatrica"),
            20,
            0,
            0,
            20,
            60,
            null,
            null,
            false,
            VisitMode.IN_PERSON,
            ids(martinez),
            new LocalizedText(
                "Apportez le carnet de santé de l'enfant.",
                "Bring the child's health record book.",
                "Porti il libretto sanitario del bambino.")));
    types.add(
        type(
            admin,
            "vaccination",
            new LocalizedText("Vaccination", "Vaccination", "Vaccinazione"),
            10,
            0,
            0,
            10,
            60,
            null,
            null,
            false,
            VisitMode.IN_PERSON,
            ids(johnson, chen, smith, martinez),
            new LocalizedText(
                "Apportez votre carnet de vaccination.",
                "Bring your vaccination record.",
                "Porti il libretto delle vaccinazioni.")));

    admin.createRule(
        new BookingRuleDetails(
            "Dr Johnson sees new patients only on Tuesday afternoons",
            johnson.id().value(),
            null,
            PatientCategory.NEW,
            List.of(new TimeWindow(TUESDAY, LocalTime.of(13, 0), LocalTime.of(18, 0)))));

    return new DemoPractice(
        site, List.of(phillips, johnson, martinez, chen, williams, smith), List.copyOf(types));
  }

  public Location location() {
    return location;
  }

  public List<Provider> providers() {
    return providers;
  }

  public List<AppointmentType> appointmentTypes() {
    return types;
  }

  public Provider drPhillips() {
    return provider("Phillips");
  }

  public Provider drJohnson() {
    return provider("Johnson");
  }

  public Provider drMartinez() {
    return provider("Martinez");
  }

  public Provider drChen() {
    return provider("Chen");
  }

  public Provider drWilliams() {
    return provider("Williams");
  }

  public Provider drSmith() {
    return provider("Smith");
  }

  public Provider provider(String familyName) {
    return providers.stream()
        .filter(p -> p.familyName().equals(familyName))
        .findFirst()
        .orElseThrow();
  }

  public AppointmentType type(String code) {
    return types.stream().filter(t -> t.code().equals(code)).findFirst().orElseThrow();
  }

  private static List<TimeWindow> openingHours() {
    List<TimeWindow> hours = new ArrayList<>();
    for (DayOfWeek day : List.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)) {
      hours.add(new TimeWindow(day, LocalTime.of(8, 0), LocalTime.of(19, 0)));
    }
    hours.add(new TimeWindow(SATURDAY, LocalTime.of(9, 0), LocalTime.of(12, 30)));
    return hours;
  }

  private static Provider provider(
      PracticeAdministration admin,
      UUID site,
      String given,
      String family,
      String specialty,
      String... languages) {
    return admin.createProvider(
        new ProviderDetails(
            "Dr", given, family, List.of(specialty), List.of(languages), List.of(site), true));
  }

  /** Providers' usual weeks, collected then written once per provider. */
  private static final class Week {
    private final UUID site;
    private final java.util.Map<Provider, List<WeeklyHoursDetails>> hours =
        new java.util.LinkedHashMap<>();

    Week(UUID site) {
      this.site = site;
    }

    void add(Provider provider, List<DayOfWeek> days, String... periods) {
      for (DayOfWeek day : days) {
        for (String period : periods) {
          String[] bounds = period.split("-");
          hours
              .computeIfAbsent(provider, p -> new ArrayList<>())
              .add(
                  new WeeklyHoursDetails(
                      site,
                      day,
                      LocalTime.parse(bounds[0]),
                      LocalTime.parse(bounds[1]),
                      null,
                      null));
        }
      }
    }

    void save(PracticeAdministration admin) {
      hours.forEach((provider, periods) -> admin.replaceWeeklyHours(provider.id(), periods));
    }
  }

  private static List<UUID> ids(Provider... providers) {
    return java.util.Arrays.stream(providers).map(p -> p.id().value()).toList();
  }

  @SuppressWarnings("ParameterNumber")
  private static AppointmentType type(
      PracticeAdministration admin,
      String code,
      LocalizedText names,
      int minutes,
      int bufferBefore,
      int bufferAfter,
      int step,
      int noticeMinutes,
      @Nullable String roomKind,
      @Nullable Integer dailyCap,
      boolean newPatientsOnly,
      VisitMode mode,
      List<UUID> providers,
      @Nullable LocalizedText preparation) {
    return admin.createAppointmentType(
        new AppointmentTypeDetails(
            code,
            names,
            minutes,
            bufferBefore,
            bufferAfter,
            step,
            noticeMinutes,
            90,
            mode,
            newPatientsOnly,
            roomKind,
            dailyCap,
            "DEMO-" + code.toUpperCase(java.util.Locale.ROOT),
            preparation,
            providers,
            true));
  }
}
