package org.accueil.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Nothing that identifies a patient reaches the log, whatever happens to the request carrying it:
 * registered, found again, searched for, booked, cancelled with a reason naming them, refused by
 * validation or by the database, not found, in conflict. The log level of Accueil (and of Spring's
 * JDBC, which prints every statement) is DEBUG meanwhile, and everything written to the console by
 * any thread is searched for the values, in any case, and for the phone number's digits however
 * they are separated.
 */
@AccueilTest
@ExtendWith(OutputCaptureExtension.class)
class LogHygieneTests {

  static final List<String> DEBUG_LOGGERS = List.of("org.accueil", "org.springframework.jdbc.core");

  @Autowired Api api;
  @Autowired PracticeAdministration admin;
  @Autowired TestClock clock;

  final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

  // Recognisable values, unlike anything else in the log: random letters, a random mobile number.
  final String given = "Zephyrine" + letters(6);
  final String family = "Quillonaud" + letters(6);
  final String nationalDigits = "61" + digits(7);
  final String phone = "+33" + nationalDigits;
  final String email = "z." + letters(8) + "@example.org";
  final LocalDate birthDate =
      LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(15_000));

  @BeforeEach
  void debugLogging() {
    DEBUG_LOGGERS.forEach(logger -> logging.setLogLevel(logger, LogLevel.DEBUG));
  }

  @AfterEach
  void usualLogging() {
    DEBUG_LOGGERS.forEach(logger -> logging.setLogLevel(logger, null));
  }

  @Test
  void noPatientDetailReachesTheLogWhateverHappensToTheRequest(CapturedOutput output) {
    clock.setParis(LocalDateTime.of(2027, 6, 7, 7, 0));
    ClinicFixture clinic = ClinicFixture.create(admin);
    List<Integer> statuses = new ArrayList<>();

    // Registered, then found again.
    var registered = api.post("/api/v1/patients", patient());
    statuses.add(registered.status());
    statuses.add(api.post("/api/v1/patients", patient()).status());
    String patientId = registered.string("id");

    // Searched for by each detail.
    statuses.add(api.get("/api/v1/patients?phone=" + url(phone)).status());
    statuses.add(api.get("/api/v1/patients?phone=" + url("06 " + spaced())).status());
    statuses.add(api.get("/api/v1/patients?familyName=" + url(family)).status());
    statuses.add(api.get("/api/v1/patients?birthDate=" + birthDate).status());
    statuses.add(api.get("/api/v1/patients/" + patientId).status());

    // Booked, cancelled with a reason that names them, then refused the same time again.
    String start = firstFreeStart(clinic);
    Map<String, Object> booking = new HashMap<>();
    booking.put("appointmentTypeId", clinic.consultation.id().toString());
    booking.put("providerId", clinic.provider.id().toString());
    booking.put("start", start);
    booking.put("patient", patient());
    var booked = api.post("/api/v1/appointments", booking);
    statuses.add(booked.status());
    booking.put(
        "patient", Map.of("givenName", family, "familyName", given, "birthDate", "1999-01-01"));
    statuses.add(api.post("/api/v1/appointments", booking).status()); // 409
    statuses.add(
        api.post(
                "/api/v1/appointments/" + booked.string("id") + "/cancel",
                Map.of(
                    "reason", given + " " + family + " called from " + phone + " to cancel",
                    "cancelledBy", given + " " + family + " <" + email + ">"))
            .status());

    // Refused by validation, by the JSON reader and by the database.
    statuses.add(api.post("/api/v1/patients", patient("email", given + " " + family)).status());
    statuses.add(api.post("/api/v1/patients", patient("phone", phone + "99999")).status());
    statuses.add(api.post("/api/v1/patients", patient("birthDate", "2999-01-01")).status());
    statuses.add(api.post("/api/v1/patients", patient("birthDate", family)).status());
    statuses.add(api.post("/api/v1/patients", patient("givenName", List.of(given))).status());
    statuses.add(
        api.post("/api/v1/patients", "{\"givenName\": \"" + given + "\", \"familyName\": " + family)
            .status());
    // Valid for Bean Validation, refused by the table's check: the database says why.
    Map<String, Object> quotedEmail = patient("email", "\"" + given + " x\"@example.org");
    quotedEmail.remove("phone");
    statuses.add(api.post("/api/v1/patients", quotedEmail).status());
    statuses.add(api.get("/api/v1/patients?birthDate=" + url(family)).status());
    statuses.add(api.get("/api/v1/patients?limit=" + url(phone)).status());

    // Not found, in the path or in the body.
    statuses.add(api.get("/api/v1/patients/" + url(family)).status());
    statuses.add(api.get("/api/v1/patients/" + UUID.randomUUID() + "?x=" + url(email)).status());
    statuses.add(api.get("/api/v1/no-such-thing/" + url(family)).status());
    Map<String, Object> unknownPatient = new HashMap<>(booking);
    unknownPatient.remove("patient");
    unknownPatient.put("patientId", UUID.randomUUID().toString());
    statuses.add(api.post("/api/v1/appointments", unknownPatient).status());

    assertThat(statuses)
        .as("the requests did what they should, so their handling was logged if anything was")
        .containsSubsequence(201, 200, 200, 200, 200, 200, 200, 201, 409, 200)
        .contains(400, 404);
    assertThat(statuses).noneMatch(status -> status >= 500);
    assertNothingOf(output.getAll());
  }

  void assertNothingOf(String log) {
    assertThat(log).as("the log was captured at all").contains("DEBUG");
    String lower = log.toLowerCase(Locale.ROOT);
    for (String value :
        List.of(
            given, family, email, phone, birthDate.toString(), nationalDigits, dayMonthYear())) {
      assertThat(lower)
          .as("the log holds %s", value)
          .doesNotContain(value.toLowerCase(Locale.ROOT));
    }
    // The digits however they are written: 6 12 34 56 78, 6.12.34.56.78, 612-345-678...
    Pattern digits = Pattern.compile(String.join("[\\s.\\-/()]{0,3}", nationalDigits.split("")));
    assertThat(digits.matcher(log).find()).as("the log holds the phone number's digits").isFalse();
  }

  Map<String, Object> patient() {
    Map<String, Object> patient = new HashMap<>();
    patient.put("givenName", given);
    patient.put("familyName", family);
    patient.put("birthDate", birthDate.toString());
    patient.put("phone", phone);
    patient.put("email", email);
    return patient;
  }

  Map<String, Object> patient(String field, Object value) {
    Map<String, Object> patient = patient();
    patient.put(field, value);
    return patient;
  }

  String firstFreeStart(ClinicFixture clinic) {
    LocalDate day = LocalDate.of(2027, 6, 8);
    var slots =
        api.get(
            "/api/v1/slots?appointmentType="
                + clinic.consultation.id()
                + "&from="
                + day
                + "&to="
                + day
                + "&limit=1");
    assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
    return slots.body().get(0).get("start").asString();
  }

  String spaced() {
    return nationalDigits.substring(1).replaceAll("(..)", "$1 ").trim();
  }

  String dayMonthYear() {
    return String.format(
        "%02d/%02d/%d", birthDate.getDayOfMonth(), birthDate.getMonthValue(), birthDate.getYear());
  }

  static String url(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static String letters(int n) {
    StringBuilder letters = new StringBuilder();
    for (int i = 0; i < n; i++) {
      letters.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return letters.toString();
  }

  static String digits(int n) {
    StringBuilder digits = new StringBuilder();
    for (int i = 0; i < n; i++) {
      digits.append(ThreadLocalRandom.current().nextInt(10));
    }
    return digits.toString();
  }
}
