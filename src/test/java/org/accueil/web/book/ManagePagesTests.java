package org.accueil.web.book;

import static org.accueil.web.book.BookingPagesTests.INLINE;
import static org.accueil.web.book.BookingPagesTests.STRICT;
import static org.accueil.web.book.BookingPagesTests.slots;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.accueil.patients.PatientDetails;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Attendance;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Source;
import org.accueil.security.PatientLinks;
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
 * The manage-booking page a patient opens from the link in a message: their appointment, which they
 * confirm, move and cancel with plain forms; and a link that is forged, altered, expired or
 * revoked, which shows nothing of any appointment.
 */
@AccueilTest
class ManagePagesTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired PracticeAdministration admin;
  @Autowired Appointments appointments;
  @Autowired Attendance attendance;
  @Autowired PatientLinks links;

  ClinicFixture clinic;

  @BeforeEach
  void aClinicOnAMondayMorning() {
    clock.setParis(LocalDateTime.of(2027, 3, 1, 6, 0));
    clinic = ClinicFixture.create(admin);
  }

  @AfterEach
  void realTime() {
    clock.reset();
  }

  @Test
  void withItsLinkThePatientConfirmsMovesAndCancelsTheirAppointment() {
    Appointment booked = bookTuesdayAt(10, 0, null);
    String token = linkTo(booked);
    Browser browser = english();

    Page page = browser.get("/p/" + token);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("Your appointment", "Tuesday 2 March at 10:00 AM", clinic.provider.displayName())
        .contains("3 place du Test, 75004 Paris")
        .contains("I will come", "Move to another time", "Cancel the appointment")
        .as("never the kind of visit")
        .doesNotContain(clinic.consultation.name().en());

    // Confirm.
    Page confirmed = browser.submit("/p/" + token + "/confirm", Map.of());
    assertThat(confirmed.redirectPath()).isEqualTo("/p/" + token);
    assertThat(browser.get("/p/" + token).body())
        .contains("we have noted that you will come")
        .doesNotContain("I will come");
    assertThat(attendance.confirmedAt(booked.id())).isPresent();

    // Move: the same provider's free times, the chosen one shown before anything changes.
    Page times = browser.get("/p/" + token + "/move");
    assertThat(times.body()).contains("Choose a new time", "Now: Tuesday 2 March at 10:00 AM");
    String wednesday =
        slots(times).stream()
            .filter(s -> s.endsWith("|2027-03-03T13:00:00Z"))
            .findFirst()
            .orElseThrow();
    Page asked = browser.get("/p/" + token + "/move/confirm?slot=" + encode(wednesday));
    assertThat(asked.body()).contains("Move your appointment?", "Wednesday 3 March at 2:00 PM");
    assertThat(appointments.find(booked.id()).orElseThrow().start())
        .as("nothing changes before the patient confirms")
        .isEqualTo(booked.start());
    Page moved = browser.submit("/p/" + token + "/move", Map.of("slot", wednesday));
    assertThat(moved.redirectPath()).isEqualTo("/p/" + token);
    assertThat(browser.get("/p/" + token).body())
        .contains("Your appointment has been moved", "Wednesday 3 March at 2:00 PM");
    assertThat(appointments.find(booked.id()).orElseThrow().start())
        .isEqualTo(Instant.parse("2027-03-03T13:00:00Z"));

    // Cancel, after a step that says what it means.
    assertThat(browser.get("/p/" + token + "/cancel").body())
        .contains("Cancel your appointment?", "Yes, cancel it", "No, keep it as it is");
    Page cancelled = browser.submit("/p/" + token + "/cancel", Map.of());
    assertThat(cancelled.redirectPath()).isEqualTo("/p/" + token);
    Page after = browser.get("/p/" + token);
    assertThat(after.body())
        .contains("This appointment is cancelled", "Book another appointment")
        .doesNotContain("Move to another time", "I will come");
    Appointment now = appointments.find(booked.id()).orElseThrow();
    assertThat(now.status()).isEqualTo(AppointmentStatus.CANCELLED);
    assertThat(now.cancellation().by()).as("done as the link").startsWith("patient-link:");

    for (Page shown : List.of(page, times, asked, after)) {
      assertThat(shown.header("Content-Security-Policy")).isEqualTo(STRICT);
      assertThat(INLINE.matcher(shown.body()).find()).as(shown.uri().toString()).isFalse();
    }
  }

  @Test
  void aLinkThatIsForgedAlteredExpiredOrRevokedShowsNothingOfAnyAppointment() {
    Appointment booked = bookTuesdayAt(11, 0, null);
    String token = linkTo(booked);
    String altered =
        token.substring(0, token.length() - 2)
            + (token.charAt(token.length() - 2) == 'A' ? 'B' : 'A')
            + token.charAt(token.length() - 1);
    Browser browser = english();

    List<String> bad = List.of(altered, "pl_AAAA.BBBB", "whatever", token + "x");
    for (String link : bad) {
      Page page = browser.get("/p/" + link);
      assertThat(page.status()).as(link).isEqualTo(404);
      assertThat(page.body())
          .contains("This link cannot be used")
          .doesNotContain(
              clinic.provider.displayName(), "3 place du Test", "Tuesday", "March", "11:00");
      assertThat(browser.get("/p/" + link + "/move").status()).isEqualTo(404);
    }

    // A form sent to a bad link changes nothing.
    browser.get("/p/" + token);
    assertThat(browser.submit("/p/" + altered + "/cancel", Map.of()).status()).isEqualTo(404);
    assertThat(appointments.find(booked.id()).orElseThrow().status())
        .isEqualTo(AppointmentStatus.BOOKED);

    // Revoked, then expired.
    String revoked = linkTo(booked);
    links.revokeAll(booked.id().value());
    assertThat(browser.get("/p/" + revoked).status()).isEqualTo(404);
    String expiring =
        links.issue(booked.id().value(), clock.instant().plus(Duration.ofHours(1))).token();
    assertThat(browser.get("/p/" + expiring).status()).isEqualTo(200);
    clock.advance(Duration.ofHours(2));
    Page expired = browser.get("/p/" + expiring);
    assertThat(expired.status()).isEqualTo(404);
    assertThat(expired.body()).doesNotContain(clinic.provider.displayName());
  }

  @Test
  void aTimeTakenWhileThePatientDecidedIsRefusedClearlyAndTheAppointmentStaysAsItWas() {
    Appointment booked = bookTuesdayAt(15, 0, null);
    String token = linkTo(booked);
    Browser browser = english();
    String wednesday =
        slots(browser.get("/p/" + token + "/move")).stream()
            .filter(s -> s.endsWith("|2027-03-03T08:00:00Z"))
            .findFirst()
            .orElseThrow();
    browser.get("/p/" + token + "/move/confirm?slot=" + encode(wednesday));
    book(Instant.parse("2027-03-03T08:00:00Z"), null);

    Page refused = browser.submit("/p/" + token + "/move", Map.of("slot", wednesday));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.body())
        .contains("this time has just been taken by someone else", "Choose a new time");
    assertThat(slots(refused)).isNotEmpty().doesNotContain(wednesday);
    assertThat(appointments.find(booked.id()).orElseThrow().start()).isEqualTo(booked.start());
  }

  @Test
  void thePageSpeaksThePatientsOwnLanguageUnlessAnotherWasChosen() {
    Appointment booked = bookTuesdayAt(16, 0, "fr");
    String token = linkTo(booked);
    Browser browser = english();

    Page first = browser.get("/p/" + token);
    assertThat(first.redirectPath()).isEqualTo("/p/" + token + "?lang=fr");
    assertThat(browser.open("/p/" + token).body())
        .contains("Votre rendez-vous", "mardi 2 mars à 16:00", "Déplacer à un autre horaire");
    assertThat(browser.get("/p/" + token + "?lang=it").body()).contains("Il suo appuntamento");
    assertThat(browser.get("/p/" + token).body())
        .as("the choice is kept")
        .contains("Il suo appuntamento");
  }

  // ------------------------------------------------------------------------------ helpers

  private Browser english() {
    return new Browser(api.baseUrl()).header("Accept-Language", "en");
  }

  private Appointment bookTuesdayAt(int hour, int minute, String language) {
    return book(LocalDateTime.of(2027, 3, 2, hour, minute).atZone(PARIS).toInstant(), language);
  }

  private Appointment book(Instant start, String language) {
    var details =
        new PatientDetails(
            "Lina",
            "Manage-" + Tags.letters(),
            LocalDate.of(1990, 4, 2),
            "06 12 " + BookingPagesTests.digits(6),
            null,
            null,
            null,
            null,
            language,
            null,
            null);
    var result =
        appointments.book(
            new BookAppointment(
                null,
                clinic.consultation.id(),
                clinic.provider.id(),
                start,
                null,
                null,
                details,
                null,
                Source.STAFF,
                "test"));
    return ((BookingResult.Success<Appointment>) result).value();
  }

  private String linkTo(Appointment appointment) {
    return links.issue(appointment.id().value(), clock.instant().plus(Duration.ofDays(10))).token();
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }
}
