package org.accueil.web.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PatientStatus;
import org.accueil.patients.Patients;
import org.accueil.practice.PracticeAdministration;
import org.accueil.privacy.ConsentPurpose;
import org.accueil.privacy.ConsentSource;
import org.accueil.privacy.Consents;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Commands.AppointmentQuery;
import org.accueil.scheduling.Source;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Browser;
import org.accueil.testing.Browser.Page;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The booking page as a browser without JavaScript uses it: plain links and forms, from the kind of
 * visit to the confirmation, against the real calendar. A time taken meanwhile, a patient who comes
 * back, a form with mistakes or with markup in it, a form without its CSRF token.
 */
@AccueilTest
class BookingPagesTests {

  static final String STRICT =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

  /** A script or style element with content, a style attribute or an event handler attribute. */
  static final Pattern INLINE =
      Pattern.compile(
          "<(script|style)(\\s[^>]*)?>\\s*[^<\\s]|\\sstyle\\s*=|\\son[a-z]+\\s*=",
          Pattern.CASE_INSENSITIVE);

  static final Pattern SLOT = Pattern.compile("name=\"slot\"[^>]*value=\"([^\"]+)\"");

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired PracticeAdministration admin;
  @Autowired Appointments appointments;
  @Autowired Patients patients;
  @Autowired Consents consents;

  ClinicFixture clinic;

  @BeforeEach
  void aClinicOnAMondayMorning() {
    // Monday 1 March 2027, 06:00 in Paris: the provider starts at 08:00, the first free time.
    clock.setParis(LocalDateTime.of(2027, 3, 1, 6, 0));
    clinic = ClinicFixture.create(admin);
  }

  @AfterEach
  void realTime() {
    clock.reset();
  }

  @Test
  void aPatientBooksWithoutJavaScriptFromTheKindOfVisitToTheConfirmation() {
    Browser browser = english();
    String type = clinic.consultation.id().value().toString();

    Page types = browser.get("/book");
    assertThat(types.status()).isEqualTo(200);
    assertThat(types.body()).contains("href=\"/book/" + type + "\"", "Consultation ");

    Page providers = browser.get("/book/" + type);
    assertThat(providers.body())
        .contains("First available", "href=\"/book/" + type + "/any\"")
        .contains(clinic.provider.displayName())
        .contains("href=\"/book/" + type + "/" + clinic.provider.id().value() + "\"");

    Page times = browser.get("/book/" + type + "/any");
    assertThat(times.status()).isEqualTo(200);
    assertThat(times.body())
        .contains("Monday 1 March", "Tuesday 2 March", "8:00 AM", "8:15 AM", "5:30 PM")
        .doesNotContain("7:45 AM", "5:45 PM")
        .contains("href=\"/book/" + type + "/any?from=2027-03-08\"");
    assertThat(slots(times).getFirst()).endsWith("|2027-03-01T07:00:00Z");

    Page held = browser.submit("/book/" + type + "/any", Map.of("slot", slots(times).getFirst()));
    assertThat(held.status()).as(held.toString()).isEqualTo(302);
    assertThat(held.redirectPath()).startsWith("/book/details/");
    Page details = browser.get(held.redirectPath());
    assertThat(details.body())
        .contains("Monday 1 March at 8:00 AM", clinic.provider.displayName(), "3 place du Test")
        .contains(
            "autocomplete=\"given-name\"", "autocomplete=\"bday-year\"", "autocomplete=\"tel\"");

    String family = "Booker-" + Tags.letters();
    Page sent = browser.submit(held.redirectPath(), form("Ada", family, "+33 6 12 " + digits(6)));
    assertThat(sent.status()).as(sent.toString()).isEqualTo(302);
    assertThat(sent.redirectPath()).isEqualTo("/book/done");

    Page done = browser.get("/book/done");
    assertThat(done.body())
        .contains("Your appointment is booked", "Monday 1 March at 8:00 AM")
        .contains(clinic.provider.displayName(), "3 place du Test, 75004 Paris")
        .contains("We are sending you a confirmation")
        .contains("href=\"/p/pl_");

    Appointment booked = onlyAppointment();
    assertThat(booked.start()).isEqualTo(Instant.parse("2027-03-01T07:00:00Z"));
    assertThat(booked.source()).isEqualTo(Source.WEB);
    Patient patient = patients.find(booked.patient()).orElseThrow();
    assertThat(patient.familyName()).isEqualTo(family);
    assertThat(patient.status())
        .as("a web booking awaits the staff's review")
        .isEqualTo(PatientStatus.PROVISIONAL);
    assertThat(consents.history(patient.id()))
        .anySatisfy(
            c -> {
              assertThat(c.purpose()).isEqualTo(ConsentPurpose.APPOINTMENT_MESSAGES);
              assertThat(c.source()).isEqualTo(ConsentSource.WEB_FORM);
              assertThat(c.granted()).isTrue();
            });

    // A second click on "confirm" (or the back button) books nothing more.
    Page again = browser.post(held.redirectPath(), withToken(details, form("Ada", family, "")));
    assertThat(again.redirectPath()).isEqualTo("/book/done");
    assertThat(appointmentsOfTheClinic()).hasSize(1);
  }

  @Test
  void thePagesSpeakThePatientsLanguage() {
    Browser browser = new Browser(api.baseUrl()).header("Accept-Language", "fr-FR,fr;q=0.9");
    String type = clinic.consultation.id().value().toString();

    assertThat(browser.get("/book").body()).contains("Pour quel motif de rendez-vous ?");
    Page times = browser.get("/book/" + type + "/" + clinic.provider.id().value());
    assertThat(times.body()).contains("Choisissez un horaire", "lundi 1 mars", "08:00");
    assertThat(new Browser(api.baseUrl()).get("/book/" + type + "?lang=it").body())
        .contains("Chi desidera vedere?", "Il primo disponibile");
  }

  @Test
  void aSecondPatientChoosingTheSameTimeIsToldItWasTakenAndOfferedTheNextTimes() {
    String path = timesOfTheProvider();
    Browser first = english();
    Browser second = english();
    Page seenByFirst = first.get(path);
    Page seenBySecond = second.get(path);
    String nine = slots(seenBySecond).getFirst();

    assertThat(first.submit(path, Map.of("slot", slots(seenByFirst).getFirst())).status())
        .isEqualTo(302);
    Page refused = second.submit(path, Map.of("slot", nine));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body())
        .contains("this time has just been taken by someone else")
        .contains("8:30 AM")
        // Never the API's wording, which names the appointment in the way.
        .doesNotContain("Exception", "is in the way", "held for another patient");
    assertThat(slots(refused)).doesNotContain(nine).isNotEmpty();
  }

  @Test
  void aTimeTakenWhileThePatientTypedIsOfferedAgainWithTheDetailsKept() {
    String path = timesOfTheProvider();
    Browser slow = english();
    Page times = slow.get(path);
    String nine = slots(times).getFirst();
    Page held = slow.submit(path, Map.of("slot", nine));
    slow.get(held.redirectPath());

    // The hold lapses while the patient types, and someone else books the time.
    clock.advance(java.time.Duration.ofMinutes(6));
    Browser quick = english();
    Page quickHeld = quick.submit(path, withToken(quick.get(path), Map.of("slot", nine)));
    quick.get(quickHeld.redirectPath());
    assertThat(
            quick
                .submit(
                    quickHeld.redirectPath(),
                    form("Grace", "Quick-" + Tags.letters(), "+33 6 12 " + digits(6)))
                .redirectPath())
        .isEqualTo("/book/done");

    String family = "Slow-" + Tags.letters();
    String phone = "+33 6 12 " + digits(6);
    Page refused = slow.submit(held.redirectPath(), form("Ada", family, phone));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body())
        .contains("this time has just been taken by someone else")
        .contains("value=\"" + family + "\"", "value=\"" + phone + "\"");
    List<String> instead = slots(refused);
    assertThat(instead).isNotEmpty().doesNotContain(nine);

    // One tap on another time: held, with everything typed still there; then booked.
    Page moved = slow.submit(held.redirectPath() + "/time", Map.of("slot", instead.getFirst()));
    assertThat(moved.redirectPath()).startsWith("/book/details/").isNotEqualTo(held.redirectPath());
    Page details = slow.get(moved.redirectPath());
    assertThat(details.body())
        .contains("value=\"" + family + "\"", "value=\"" + phone + "\"")
        // 08:15 would overlap the 30-minute visit booked at 08:00.
        .contains("Monday 1 March at 8:30 AM");
    assertThat(slow.submit(moved.redirectPath(), form("Ada", family, phone)).redirectPath())
        .isEqualTo("/book/done");
    assertThat(appointmentsOfTheClinic()).hasSize(2);
  }

  @Test
  void aReturningPatientIsFoundAgainRatherThanRegisteredTwice() {
    String family = "Returning-" + Tags.letters();
    String mobile = "0612" + digits(6);
    Patient known =
        patients.register(
            new PatientDetails("Jeanne", family, LocalDate.of(1980, 5, 17), mobile, null));

    Browser browser = english();
    String path = timesOfTheProvider();
    Page held =
        browser.submit(
            path, withToken(browser.get(path), Map.of("slot", slots(browser.last()).getFirst())));
    browser.get(held.redirectPath());
    Map<String, String> fields =
        form(
            "jeanne",
            family.toUpperCase(java.util.Locale.ROOT),
            mobile.substring(0, 2) + " " + mobile.substring(2));
    fields.put("birthDay", "17");
    fields.put("birthMonth", "5");
    fields.put("birthYear", "1980");
    assertThat(browser.submit(held.redirectPath(), fields).redirectPath()).isEqualTo("/book/done");

    assertThat(onlyAppointment().patient()).isEqualTo(known.id());
    assertThat(patients.search(family, null, null, 10)).hasSize(1);
  }

  @Test
  void mistakesAreShownBesideTheirFieldsAndWhatWasTypedIsKept() {
    Browser browser = english();
    String path = timesOfTheProvider();
    Page held =
        browser.submit(
            path, withToken(browser.get(path), Map.of("slot", slots(browser.last()).getFirst())));
    browser.get(held.redirectPath());

    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("givenName", "Léa");
    fields.put("familyName", "");
    fields.put("birthDay", "31");
    fields.put("birthMonth", "2");
    fields.put("birthYear", "1990");
    fields.put("phone", "12");
    fields.put("email", "lea@");
    fields.put("language", "it");
    Page refused = browser.submit(held.redirectPath(), fields);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body())
        .contains("id=\"familyName-error\"", "Enter your last name.")
        .contains("id=\"birthDay-error\"", "Enter a real date of birth")
        .contains("id=\"phone-error\"", "Enter a phone number we can reach")
        .contains("id=\"email-error\"", "Enter an e-mail address")
        .contains("aria-describedby=\"phone-error\"", "aria-invalid=\"true\"")
        .contains(
            "value=\"Léa\"", "value=\"31\"", "value=\"1990\"", "value=\"12\"", "value=\"lea@\"")
        .contains("<option value=\"it\" lang=\"it\" selected=\"selected\">")
        .doesNotContain("id=\"givenName-error\"")
        .contains("href=\"#familyName\"");
    assertThat(refused.body()).doesNotContain("name=\"messages\" value=\"yes\" checked");
    assertThat(appointmentsOfTheClinic()).isEmpty();

    // Still held: corrected, it books.
    fields.put("familyName", "Martin-" + Tags.letters());
    fields.put("birthDay", "28");
    fields.put("phone", "06 12 " + digits(6));
    fields.put("email", "");
    assertThat(browser.submit(held.redirectPath(), fields).redirectPath()).isEqualTo("/book/done");
    assertThat(appointmentsOfTheClinic()).hasSize(1);
  }

  @Test
  void markupTypedAsANameComesBackAsTextNeverAsMarkup() {
    Browser browser = english();
    String path = timesOfTheProvider();
    Page held =
        browser.submit(
            path, withToken(browser.get(path), Map.of("slot", slots(browser.last()).getFirst())));
    browser.get(held.redirectPath());

    Page refused =
        browser.submit(
            held.redirectPath(),
            form(
                "<script>alert(1)</script>",
                "\"><img src=x onerror=alert(1)>",
                "06 12 " + digits(6)));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body())
        .doesNotContain("<script>alert(1)", "<img src=x")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;")
        .contains("Write your first name in letters");

    Page odd = browser.get(path + "?from=%3Cscript%3E");
    assertThat(odd.status()).isEqualTo(200);
    assertThat(odd.body()).doesNotContain("<script>");
  }

  @Test
  void aFormSentWithoutItsCsrfTokenChangesNothing() {
    Browser browser = english();
    String path = timesOfTheProvider();
    String nine = slots(browser.get(path)).getFirst();

    Page forged = browser.post(path, Map.of("slot", nine));

    assertThat(forged.status()).isEqualTo(403);
    // The time is still free: nothing was held.
    assertThat(slots(english().get(path)).getFirst()).isEqualTo(nine);

    // A page left open until its session ended: the patient starts again, on the patients' pages.
    Browser stale = english();
    Page expired = stale.post(path, Map.of("slot", nine, "_csrf", "from-a-session-long-gone"));
    assertThat(expired.redirectPath()).isEqualTo("/book");
    assertThat(english().post("/p/pl_x.y/cancel", Map.of()).redirectPath()).isEqualTo("/p/pl_x.y");
    assertThat(slots(english().get(path)).getFirst()).isEqualTo(nine);
  }

  @Test
  void everyBookingPageCarriesTheStrictPolicyAndNoInlineScriptOrStyle() {
    Browser browser = english();
    String type = clinic.consultation.id().value().toString();
    String path = timesOfTheProvider();
    List<Page> pages = new ArrayList<>();
    pages.add(browser.get("/book"));
    pages.add(browser.get("/book/" + type));
    pages.add(browser.get(path));
    Page held = browser.submit(path, Map.of("slot", slots(browser.last()).getFirst()));
    pages.add(browser.get(held.redirectPath()));
    pages.add(browser.submit(held.redirectPath(), form("", "", "")));
    browser.submit(
        held.redirectPath(), form("Ada", "Policy-" + Tags.letters(), "06 12 " + digits(6)));
    pages.add(browser.get("/book/done"));
    pages.add(browser.get("/book/00000000-0000-0000-0000-000000000000"));

    for (Page page : pages) {
      assertThat(page.header("Content-Security-Policy"))
          .as(page.uri().toString())
          .isEqualTo(STRICT);
      assertThat(INLINE.matcher(page.body()).find()).as("inline on " + page.uri()).isFalse();
      assertThat(page.body())
          .as(page.uri().toString())
          .contains("/css/book.css", "<body class=\"public\">");
    }
    assertThat(pages.getLast().status()).isEqualTo(404);
    assertThat(pages.getLast().body()).contains("This page does not exist");
  }

  @Test
  void theChatDemoEmbedsTheWidgetAsAFileAndAllowsOnlyItsOwnStylesheetByNonce() {
    Page demo = english().get("/chat-demo");

    assertThat(demo.status()).isEqualTo(200);
    assertThat(demo.body())
        .containsPattern(
            "<script src=\"/channels/webchat/widget.js\"( async| data-lang=\"en\"){2}></script>")
        .contains("href=\"/book\"");
    assertThat(INLINE.matcher(demo.body()).find()).isFalse();
    Matcher nonce =
        Pattern.compile("<meta name=\"csp-nonce\" content=\"([^\"]+)\">").matcher(demo.body());
    assertThat(nonce.find()).isTrue();
    assertThat(demo.header("Content-Security-Policy"))
        .isEqualTo(
            STRICT.replace("style-src 'self'", "style-src 'self' 'nonce-" + nonce.group(1) + "'"))
        .contains("script-src 'self';");
    assertThat(english().get("/chat-demo").body())
        .as("a nonce per page")
        .doesNotContain(nonce.group(1));
    assertThat(english().get("/channels/webchat/widget.js").status()).isEqualTo(200);
  }

  // ------------------------------------------------------------------------------ helpers

  private Browser english() {
    return new Browser(api.baseUrl()).header("Accept-Language", "en");
  }

  private String timesOfTheProvider() {
    return "/book/" + clinic.consultation.id().value() + "/" + clinic.provider.id().value();
  }

  static List<String> slots(Page page) {
    List<String> values = new ArrayList<>();
    Matcher m = SLOT.matcher(page.body());
    while (m.find()) {
      values.add(m.group(1));
    }
    return values;
  }

  static Map<String, String> form(String given, String family, String phone) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("givenName", given);
    fields.put("familyName", family);
    fields.put("birthDay", "10");
    fields.put("birthMonth", "12");
    fields.put("birthYear", "1985");
    fields.put("phone", phone);
    fields.put("email", "");
    fields.put("language", "en");
    fields.put("messages", "yes");
    return fields;
  }

  static Map<String, String> withToken(Page page, Map<String, String> fields) {
    Map<String, String> sent = new LinkedHashMap<>(fields);
    sent.put("_csrf", page.csrf());
    return sent;
  }

  static String digits(int n) {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < n; i++) {
      s.append(ThreadLocalRandom.current().nextInt(10));
    }
    return s.toString();
  }

  private List<Appointment> appointmentsOfTheClinic() {
    return appointments.list(
        new AppointmentQuery(
            Instant.parse("2027-02-01T00:00:00Z"),
            Instant.parse("2027-07-01T00:00:00Z"),
            clinic.provider.id(),
            null,
            null,
            50));
  }

  private Appointment onlyAppointment() {
    List<Appointment> all = appointmentsOfTheClinic();
    assertThat(all).hasSize(1);
    return all.getFirst();
  }
}
