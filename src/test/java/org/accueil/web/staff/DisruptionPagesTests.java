package org.accueil.web.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.accueil.disruptions.AffectedPatient;
import org.accueil.disruptions.AffectedPatient.State;
import org.accueil.disruptions.Disruption.Action;
import org.accueil.disruptions.Disruption.Reason;
import org.accueil.disruptions.Disruptions;
import org.accueil.disruptions.Disruptions.Block;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.ProblemException;
import org.accueil.platform.Scope;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Source;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Browser;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Eventually;
import org.accueil.testing.SmsPatients;
import org.accueil.testing.StaffSessions;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The disruption screens without a script, as the front desk uses them: block a provider's time and
 * see the patients booked in it, change what one is offered, contact them, call the one nobody
 * reached from the call list; a refused block comes back to the form with the module's words and
 * everything typed; a clinician sees and blocks only their own calendar; the scopes are the API's.
 */
@AccueilTest
class DisruptionPagesTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** A script or style element with content, a style attribute or an event handler attribute. */
  static final java.util.regex.Pattern INLINE =
      java.util.regex.Pattern.compile(
          "<(script|style)(\\s[^>]*)?>\\s*[^<\\s]|\\sstyle=|\\son[a-z]+=",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  @Autowired Api api;
  @Autowired PracticeAdministration admin;
  @Autowired Patients patients;
  @Autowired Appointments appointments;
  @Autowired Disruptions disruptions;
  @Autowired DisruptionPages pages;
  @Autowired TestClock clock;

  ClinicFixture clinic;
  LocalDate day;

  @BeforeEach
  void clinic() {
    clinic = ClinicFixture.create(admin);
    day =
        LocalDate.ofInstant(clock.instant(), PARIS)
            .plusWeeks(2)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.TUESDAY));
  }

  @AfterEach
  void realTime() {
    clock.reset();
    SecurityContextHolder.clearContext();
  }

  @Test
  void aBlockListsThePatientsBookedInItAndTheirActionChangesBeforeTheyAreContacted() {
    Patient jeanne = patient("Jeanne", "Malade");
    Patient paul = patient("Paul", "Retard");
    Patient later = patient("Zoé", "Après");
    Appointment first = book(jeanne, day.atTime(9, 0));
    Appointment second = book(paul, day.atTime(10, 0));
    Appointment outside = book(later, day.atTime(14, 0));
    Browser browser = Browser.signedIn(api, "FRONT_DESK");

    var form = browser.get("/app/disruptions?lang=en");
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.body())
        .contains("Block the time", clinic.provider.displayName(), "Patients to call")
        .contains("name=\"contact\" value=\"true\" checked");
    assertThat(form.header("Content-Security-Policy")).contains("script-src 'self';");

    var blocked =
        browser.submit(
            "/app/disruptions",
            blockForm(
                Map.of(
                    "from",
                    "08:30",
                    "to",
                    "10:45",
                    "note",
                    "Back tomorrow <script>alert(1)</script>")));
    assertThat(blocked.status()).isEqualTo(302);
    UUID id = idOf(blocked);
    String page = browser.follow(blocked).body();
    assertThat(page)
        .contains("The time is blocked. 2 patients were booked in it: check what each is offered")
        .contains(CalendarPages.name(jeanne), CalendarPages.name(paul))
        .doesNotContain(CalendarPages.name(later))
        .contains("Listed", "Contact patients", "09:00", "10:00")
        .contains("Back tomorrow &lt;script&gt;alert(1)&lt;/script&gt;")
        .doesNotContain("<script>alert(1)</script>")
        .contains("href=\"/app/patients/" + jeanne.id().value() + "\"")
        .contains("hx-get=\"/app/disruptions/" + id + "/live\"", "hx-trigger=\"every 5s\"");
    assertThat(rows(id)).extracting(AffectedPatient::state).containsOnly(State.PLANNED);
    for (String path :
        List.of("/app/disruptions", "/app/disruptions/" + id, "/app/disruptions/" + id + "/live")) {
      String body = browser.get(path).body();
      assertThat(INLINE.matcher(body).find())
          .as("no inline script, style or handler on " + path)
          .isFalse();
    }

    // Paul's visit is cancelled rather than moved.
    var chosen =
        browser.submit(
            "/app/disruptions/" + id + "/patients/" + second.id().value() + "/action",
            Map.of("action", "cancel"));
    assertThat(browser.follow(chosen).body()).contains("The choice is saved.");
    assertThat(row(id, second).action()).isEqualTo(Action.CANCEL);
    assertThat(row(id, first).action()).isEqualTo(Action.COLLEAGUE);

    // The live part alone, as htmx fetches it: the counts and the table, no page around them.
    var live = browser.get("/app/disruptions/" + id + "/live");
    assertThat(live.status()).isEqualTo(200);
    assertThat(live.body())
        .doesNotContain("<html", "<header")
        .contains("class=\"figures counts\"", CalendarPages.name(paul))
        .containsPattern("<option value=\"cancel\" selected=\"selected\">Cancel</option>");

    browser.get("/app/disruptions/" + id);
    var contacted = browser.submit("/app/disruptions/" + id + "/contact", Map.of());
    assertThat(browser.follow(contacted).body()).contains("The patients are being contacted.");
    Eventually.await(
        () ->
            rows(id).stream()
                .noneMatch(r -> r.state() == State.PLANNED || r.state() == State.PENDING),
        Duration.ofSeconds(20),
        "both patients contacted");
    assertThat(row(id, second).state()).isEqualTo(State.CANCELLED);
    assertThat(appointments.find(second.id()).orElseThrow().status())
        .isEqualTo(AppointmentStatus.CANCELLED);
    assertThat(row(id, first).state()).isIn(State.OFFERED, State.UNANSWERED);
    assertThat(appointments.find(outside.id()).orElseThrow().status())
        .isEqualTo(AppointmentStatus.BOOKED);

    // Once contacted, the choice is shown, not offered; the list page counts the patients.
    String after = browser.get("/app/disruptions/" + id).body();
    assertThat(after).doesNotContain("/patients/" + first.id().value() + "/action");
    assertThat(after).doesNotContain("Contact patients</button>");
    String list = browser.get("/app/disruptions").body();
    assertThat(list).contains("data-disruption=\"" + id + "\"", clinic.provider.displayName());

    // Too late to change: the module's refusal, on the page.
    var late =
        browser.submit(
            "/app/disruptions/" + id + "/patients/" + first.id().value() + "/action",
            Map.of("action", "same-provider"));
    assertThat(browser.follow(late).body()).contains("has been contacted already");
  }

  @Test
  void aPatientNobodyReachedIsOnTheCallListUntilStaffPressCalledDone() {
    Patient marc = patient("Marc", "Injoignable");
    Appointment visit = book(marc, day.atTime(11, 0));
    Browser browser = Browser.signedIn(api, "FRONT_DESK");
    browser.get("/app/disruptions?lang=en");
    var blocked =
        browser.submit(
            "/app/disruptions",
            blockForm(Map.of("from", "10:30", "to", "12:00", "contact", "true")));
    UUID id = idOf(blocked);
    assertThat(browser.follow(blocked).body())
        .contains("One patient was booked in it: they are being contacted.");
    Eventually.await(
        () -> row(id, visit).state() == State.OFFERED,
        Duration.ofSeconds(20),
        "the patient offered other times");
    AffectedPatient offered = row(id, visit);
    assertThat(offered.offers()).isNotEmpty();
    assertThat(browser.get("/app/disruptions/" + id).body())
        .contains("Offered, waiting")
        .contains(DisruptionPages.when(offered.escalateAt(), PARIS, Locale.ENGLISH));

    // No answer by the deadline: the pass puts the patient on the call list.
    clock.set(offered.escalateAt().plus(Duration.ofMinutes(1)));
    disruptions.runPass();
    assertThat(row(id, visit).state()).isEqualTo(State.UNANSWERED);

    String list = browser.get("/app/disruptions").body();
    assertThat(list)
        .contains(CalendarPages.name(marc), "href=\"tel:" + marc.phone() + "\"")
        .contains("No answer in time", DisruptionPages.when(visit.start(), PARIS, Locale.ENGLISH));
    assertThat(browser.get("/app/disruptions/" + id).body())
        .contains("To call", "No answer in time");

    browser.get("/app/disruptions");
    var settled =
        browser.submit(
            "/app/disruptions/" + id + "/patients/" + visit.id().value() + "/settle",
            Map.of("back", "/app/disruptions#call-list"));
    assertThat(settled.redirectPath()).isEqualTo("/app/disruptions");
    String after = browser.follow(settled).body();
    assertThat(after).contains("Done: the patient is off the call list.");
    assertThat(after).doesNotContain("href=\"tel:" + marc.phone() + "\"");
    assertThat(row(id, visit).state()).isEqualTo(State.SETTLED);
    assertThat(row(id, visit).offers()).isEmpty();

    // A "back" elsewhere is not followed.
    browser.get("/app/disruptions/" + id);
    var elsewhere =
        browser.submit(
            "/app/disruptions/" + id + "/patients/" + visit.id().value() + "/settle",
            Map.of("back", "https://evil.example/"));
    assertThat(elsewhere.redirectPath()).isEqualTo("/app/disruptions/" + id);
  }

  @Test
  void aRefusedBlockShowsTheProblemOnTheFormAndKeepsWhatWasTyped() {
    Patient p = patient("Lise", "Refus");
    book(p, day.atTime(9, 0));
    Browser browser = Browser.signedIn(api, "FRONT_DESK");
    browser.get("/app/disruptions?lang=en");

    var backwards =
        browser.submit(
            "/app/disruptions",
            blockForm(
                Map.of("from", "11:00", "to", "09:00", "reason", "training", "note", "Congrès")));
    assertThat(backwards.redirectPath()).isEqualTo("/app/disruptions");
    String page = browser.follow(backwards).body();
    String form = page.substring(page.indexOf("id=\"block\""), page.indexOf("id=\"call-list\""));
    assertThat(form)
        .contains("class=\"error\" role=\"alert\">Time off must end after it starts.")
        .contains(
            "value=\"11:00\"", "value=\"09:00\"", "value=\"" + day + "\"", ">Congrès</textarea>")
        .contains("<option value=\"training\" selected=\"selected\">")
        .contains("id=\"to\"")
        .containsPattern("id=\"to\"[^>]*aria-invalid=\"true\"")
        .doesNotContain("name=\"contact\" value=\"true\" checked");

    // Too long, in French: the module's words in the page's language.
    browser.get("/app/disruptions?lang=fr");
    var tooLong =
        browser.submit(
            "/app/disruptions",
            blockForm(Map.of("until", day.plusDays(500).toString(), "reason", "ill")));
    String fr = browser.follow(tooLong).body();
    assertThat(fr)
        .contains("Une absence dure au plus 400 jours")
        .contains("value=\"" + day.plusDays(500) + "\"");

    var incomplete = browser.submit("/app/disruptions", blockForm(Map.of("from", "")));
    assertThat(browser.follow(incomplete).body())
        .contains("donnez la date et les heures de début et de fin");

    assertThat(disruptions.recent(1)).noneMatch(d -> d.provider().equals(clinic.provider.id()));
  }

  @Test
  void aClinicianSeesAndBlocksOnlyTheirOwnCalendar() {
    ClinicFixture other = ClinicFixture.create(admin);
    Patient mine = patient("Anna", "Mienne");
    Appointment own = book(mine, day.atTime(9, 0));
    Patient theirs = patient("Bruno", "Autre");
    book(other, theirs, day.atTime(9, 0));
    UUID elsewhere =
        disruptions
            .block(
                new Block(
                    other.provider.id(),
                    day.atTime(8, 0).atZone(PARIS).toOffsetDateTime(),
                    day.atTime(12, 0).atZone(PARIS).toOffsetDateTime(),
                    Reason.ILL,
                    null,
                    Action.COLLEAGUE,
                    false,
                    "test"))
            .disruption()
            .id();
    Browser clinician = signedInAsClinician(clinic.provider.id().value());

    String page = clinician.get("/app/disruptions?lang=en").body();
    assertThat(page).contains(clinic.provider.displayName());
    assertThat(page).doesNotContain(other.provider.displayName(), elsewhere.toString());
    assertThat(clinician.get("/app/disruptions/" + elsewhere).status()).isEqualTo(404);
    assertThat(clinician.get("/app/disruptions/" + elsewhere + "/live").status()).isEqualTo(404);

    var refused =
        clinician.submit(
            "/app/disruptions",
            blockForm(Map.of("provider", other.provider.id().value().toString())));
    assertThat(clinician.follow(refused).body()).contains("You can act only in your own calendar");
    assertThat(disruptions.recent(1))
        .filteredOn(d -> d.provider().equals(other.provider.id()))
        .extracting(d -> d.id())
        .containsExactly(elsewhere);

    clinician.get("/app/disruptions");
    var settle =
        clinician.submit(
            "/app/disruptions/" + elsewhere + "/patients/" + UUID.randomUUID() + "/settle",
            Map.of());
    assertThat(settle.status()).isEqualTo(404);
    clinician.get("/app/disruptions");
    assertThat(clinician.submit("/app/disruptions/" + elsewhere + "/contact", Map.of()).status())
        .isEqualTo(404);
    assertThat(rows(elsewhere)).extracting(AffectedPatient::state).containsOnly(State.PLANNED);

    clinician.get("/app/disruptions");
    var blocked = clinician.submit("/app/disruptions", blockForm(Map.of("from", "08:45")));
    UUID id = idOf(blocked);
    assertThat(clinician.follow(blocked).body()).contains(CalendarPages.name(mine));
    assertThat(row(id, own).state()).isEqualTo(State.PLANNED);
  }

  @Test
  void readingNeedsAppointmentsReadAndChangingAppointmentsWrite() {
    // Every staff role holds both scopes: the pages are asked directly, as an actor without them.
    Actor nothing = actor(Set.of());
    Actor readOnly = actor(Set.of(Scope.APPOINTMENTS_READ));
    var model = new org.springframework.ui.ExtendedModelMap();
    var redirect = new org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap();
    UUID id = UUID.randomUUID();
    UUID appointment = UUID.randomUUID();
    as(nothing);
    for (Runnable call :
        List.<Runnable>of(
            () -> pages.home(Locale.ENGLISH, model),
            () -> pages.disruption(id, Locale.ENGLISH, model),
            () -> pages.live(id, Locale.ENGLISH, model))) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              ProblemException.class, p -> assertThat(p.getStatusCode().value()).isEqualTo(403));
    }
    as(readOnly);
    assertThat(pages.home(Locale.ENGLISH, model)).isEqualTo("web/staff/disruptions");
    assertThat(model.get("canWrite")).isEqualTo(false);
    for (Runnable call :
        List.<Runnable>of(
            () ->
                pages.block(
                    clinic.provider.id().value().toString(),
                    day.toString(),
                    "09:00",
                    "10:00",
                    "",
                    "ill",
                    "colleague",
                    "",
                    true,
                    Locale.ENGLISH,
                    redirect),
            () -> pages.choose(id, appointment, "cancel", Locale.ENGLISH, redirect),
            () -> pages.contact(id, Locale.ENGLISH, redirect),
            () -> pages.settle(id, appointment, null, Locale.ENGLISH, redirect))) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              ProblemException.class, p -> assertThat(p.getStatusCode().value()).isEqualTo(403));
    }
  }

  @Test
  void everyTextIsInTheThreeLanguages() throws Exception {
    Map<String, Properties> bundles = new HashMap<>();
    for (String suffix : List.of("", "_fr", "_it")) {
      Properties p = new Properties();
      try (var in = getClass().getResourceAsStream("/messages/web/app" + suffix + ".properties")) {
        p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
      }
      bundles.put(suffix, p);
    }
    Set<String> english = keys(bundles.get(""));
    assertThat(english).isNotEmpty();
    assertThat(keys(bundles.get("_fr"))).isEqualTo(english);
    assertThat(keys(bundles.get("_it"))).isEqualTo(english);
  }

  // -------------------------------------------------------------------------------- helpers

  private static Set<String> keys(Properties p) {
    return p.stringPropertyNames().stream()
        .filter(
            k ->
                k.startsWith("disruption")
                    || k.equals("web.screen.disruptions")
                    || k.startsWith("problem.not-found.disruption"))
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  /** The block form as the page sends it, for the clinic's provider, overridden by {@code with}. */
  Map<String, String> blockForm(Map<String, String> with) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("provider", clinic.provider.id().value().toString());
    form.put("date", day.toString());
    form.put("from", "08:00");
    form.put("to", "12:00");
    form.put("until", "");
    form.put("reason", "ill");
    form.put("action", "colleague");
    form.put("note", "");
    form.putAll(with);
    return form;
  }

  static UUID idOf(Browser.Page blocked) {
    assertThat(blocked.status()).as(blocked.toString()).isEqualTo(302);
    String path = blocked.redirectPath();
    assertThat(path).startsWith("/app/disruptions/");
    return UUID.fromString(path.substring("/app/disruptions/".length()));
  }

  List<AffectedPatient> rows(UUID disruption) {
    return disruptions.progress(disruption).patients();
  }

  AffectedPatient row(UUID disruption, Appointment a) {
    return rows(disruption).stream()
        .filter(r -> r.appointment().equals(a.id()))
        .findFirst()
        .orElseThrow(() -> new AssertionError(a.id() + " is not in " + disruption));
  }

  Browser signedInAsClinician(UUID provider) {
    String email = "clinician-" + UUID.randomUUID() + "@clinic.example";
    var created =
        api.post(
            "/api/v1/users",
            Map.of(
                "email",
                email,
                "displayName",
                "Dr Own Calendar",
                "roles",
                List.of("CLINICIAN"),
                "password",
                StaffSessions.PASSWORD,
                "providerId",
                provider.toString()));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    Browser browser = new Browser(api.baseUrl());
    browser.get("/login");
    browser.submit("/login", Map.of("email", email, "password", StaffSessions.PASSWORD));
    return browser;
  }

  static Actor actor(Set<String> scopes) {
    return new Actor(
        Actor.Kind.USER, UUID.randomUUID().toString(), "Limited", Set.of(), scopes, null, null);
  }

  static void as(Actor actor) {
    SecurityContextHolder.getContext()
        .setAuthentication(
            UsernamePasswordAuthenticationToken.authenticated(actor, null, List.of()));
  }

  Patient patient(String given, String family) {
    return patients.register(
        new PatientDetails(
            given,
            family + " " + UUID.randomUUID().toString().substring(0, 4),
            LocalDate.of(1979, 11, 23),
            "+33612" + (100_000 + ThreadLocalRandom.current().nextInt(900_000)),
            null));
  }

  Appointment book(Patient patient, LocalDateTime parisTime) {
    return book(clinic, patient, parisTime);
  }

  Appointment book(ClinicFixture at, Patient patient, LocalDateTime parisTime) {
    return SmsPatients.book(
        appointments, at, patient, parisTime.atZone(PARIS).toInstant(), null, Source.STAFF);
  }
}
