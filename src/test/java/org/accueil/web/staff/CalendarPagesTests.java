package org.accueil.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Source;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Browser;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The calendar without a script: the period's list, moving an appointment and booking one through
 * the page's forms, with the API's rules and words when a time is refused.
 */
@AccueilTest
class CalendarPagesTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Autowired Api api;
  @Autowired PracticeAdministration admin;
  @Autowired Patients patients;
  @Autowired Appointments appointments;
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

  @Test
  void theDayListsItsAppointmentsAndAFormMovesOneWithTheApisRules() {
    Patient jeanne = patient("Jeanne", "Calendrier");
    Appointment a = book(jeanne, LocalDateTime.of(day, java.time.LocalTime.of(9, 0)));
    Appointment other =
        book(patient("Paul", "Occupé"), LocalDateTime.of(day, java.time.LocalTime.of(11, 0)));
    Browser browser = Browser.signedIn(api, "FRONT_DESK");

    var page =
        browser.get("/app/calendar?date=" + day + "&provider=" + clinic.provider.id().value());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body()).contains("Jeanne Calendrier", "Paul Occupé", "09:00–09:30");
    assertThat(page.header("Content-Security-Policy"))
        .contains("style-src 'self' 'nonce-")
        .contains("script-src 'self';");

    var taken =
        browser.submit(
            "/app/calendar/appointments/" + a.id().value() + "/move",
            Map.of("start", day + "T11:00"));
    assertThat(taken.status()).isEqualTo(302);
    var shown = browser.follow(taken);
    assertThat(shown.body()).contains("class=\"error\"");
    assertThat(appointments.find(a.id()).orElseThrow().start())
        .isEqualTo(LocalDateTime.of(day, java.time.LocalTime.of(9, 0)).atZone(PARIS).toInstant());

    var moved =
        browser.submit(
            "/app/calendar/appointments/" + a.id().value() + "/move",
            Map.of("start", day + "T14:30"));
    assertThat(browser.follow(moved).body()).contains("The appointment was moved.");
    assertThat(appointments.find(a.id()).orElseThrow().start())
        .isEqualTo(LocalDateTime.of(day, java.time.LocalTime.of(14, 30)).atZone(PARIS).toInstant());
    assertThat(appointments.find(other.id()).orElseThrow().start())
        .isEqualTo(LocalDateTime.of(day, java.time.LocalTime.of(11, 0)).atZone(PARIS).toInstant());
  }

  @Test
  void aTimeSelectedInTheCalendarIsBookedAsTheApiBooks() {
    Patient marc = patient("Marc", "Réservé");
    Browser browser = Browser.signedIn(api, "FRONT_DESK");
    var page = browser.get("/app/calendar?date=" + day + "&patientQuery=Marc&lang=fr");
    assertThat(page.body()).contains("Marc Réservé");
    String token = page.csrf();
    browser.header("Accept", "application/json");
    Map<String, String> form =
        Map.of(
            "patient", marc.id().value().toString(),
            "type", clinic.consultation.id().value().toString(),
            "provider", clinic.provider.id().value().toString(),
            "start", day + "T10:00:00Z",
            "_csrf", token);

    var json = browser.post("/app/calendar/book", form);
    assertThat(json.status()).as(json.body()).isEqualTo(200);
    var booked =
        appointments
            .find(
                org.accueil.scheduling.AppointmentId.of(
                    UUID.fromString(json.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1"))))
            .orElseThrow();
    assertThat(booked.patient()).isEqualTo(marc.id());
    assertThat(booked.source()).isEqualTo(Source.STAFF);
    assertThat(booked.start())
        .isEqualTo(LocalDateTime.of(day, java.time.LocalTime.of(10, 0)).atZone(PARIS).toInstant());

    // The same time again: the API's conflict, as problem details, in the page's language.
    var again = browser.post("/app/calendar/book", form);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    assertThat(again.body()).contains("\"detail\"");

    var events =
        browser.get(
            "/app/calendar/events?start="
                + day
                + "T00:00:00Z&end="
                + day.plusDays(1)
                + "T00:00:00Z&provider="
                + clinic.provider.id().value());
    assertThat(events.body()).contains("Marc Réservé", "\"start\":\"" + day + "T10:00\"");
  }

  @Test
  void formsWithoutTheirTokenAreRefusedAndMissingChoicesAreNamed() {
    Patient p = patient("Lea", "Formulaire");
    Browser browser = Browser.signedIn(api, "FRONT_DESK");
    browser.get("/app/calendar?date=" + day);

    var forged =
        browser.post(
            "/app/calendar/book",
            Map.of(
                "patient", p.id().value().toString(),
                "type", clinic.consultation.id().value().toString(),
                "provider", clinic.provider.id().value().toString(),
                "start", day + "T10:00"));
    assertThat(forged.status()).isIn(302, 403);
    assertThat(
            appointments.list(
                new org.accueil.scheduling.Commands.AppointmentQuery(
                    clock.instant(),
                    clock.instant().plus(java.time.Duration.ofDays(30)),
                    null,
                    p.id(),
                    null,
                    10)))
        .isEmpty();

    browser.get("/app/calendar?date=" + day);
    var incomplete =
        browser.submit("/app/calendar/book", Map.of("patient", p.id().value().toString()));
    String page = browser.follow(incomplete).body();
    assertThat(page).contains("Please choose: Type of visit, Provider, Date and time.");
  }

  Patient patient(String given, String family) {
    return patients.register(
        new PatientDetails(
            given,
            family + " " + UUID.randomUUID().toString().substring(0, 4),
            LocalDate.of(1980, 5, 17),
            null,
            given.toLowerCase() + "-" + UUID.randomUUID() + "@example.org"));
  }

  Appointment book(Patient patient, LocalDateTime parisTime) {
    var result =
        appointments.book(
            new BookAppointment(
                null,
                clinic.consultation.id(),
                clinic.provider.id(),
                parisTime.atZone(PARIS).toInstant(),
                null,
                patient.id(),
                null,
                null,
                Source.STAFF,
                "test"));
    return ((BookingResult.Success<Appointment>) result).value();
  }
}
