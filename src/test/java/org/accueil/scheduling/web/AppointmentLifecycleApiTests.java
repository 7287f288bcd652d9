package org.accueil.scheduling.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An appointment's life over the API: held, booked, moved, cancelled, attended; retried safely; and
 * a request that is refused writes nothing at all.
 */
@AccueilTest
class AppointmentLifecycleApiTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** Monday 2027-04-05, 07:00 in Paris: "now" for every test here. */
  static final LocalDateTime NOW = LocalDateTime.of(2027, 4, 5, 7, 0);

  @Autowired Api api;
  @Autowired PracticeAdministration admin;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired org.accueil.scheduling.Appointments appointments;

  ClinicFixture clinic;

  @BeforeEach
  void aClinicOfOurOwn() {
    clock.setParis(NOW);
    clinic = ClinicFixture.create(admin);
  }

  // Holds

  @Test
  void aHeldTimeIsKeptFromOthersUntilItIsBooked() {
    var hold = api.post("/api/v1/holds", slot(at(10, 0)));
    assertThat(hold.status()).as(hold.toString()).isEqualTo(201);
    assertThat(OffsetDateTime.parse(hold.string("expiresAt")))
        .isEqualTo(NOW.atZone(PARIS).toOffsetDateTime().plusMinutes(5));

    var someoneElse = api.post("/api/v1/appointments", booking(at(10, 0), "Other", "Person"));
    var booked =
        api.post(
            "/api/v1/appointments",
            Map.of("holdId", hold.string("id"), "patient", patient("Holder", "Patient")));

    assertThat(someoneElse.status()).isEqualTo(409);
    assertThat(someoneElse.string("type")).isEqualTo("/problems/slot-taken");
    assertThat(someoneElse.string("detail")).contains("held for another patient");
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    assertThat(booked.string("id")).isEqualTo(hold.string("id"));
    assertThat(booked.string("status")).isEqualTo("booked");
    assertThat(api.get("/api/v1/holds/" + hold.string("id")).status()).isEqualTo(404);
  }

  @Test
  void anExpiredHoldNoLongerKeepsItsTimeFromOthers() {
    var hold = api.post("/api/v1/holds", slot(at(10, 30)));
    assertThat(hold.status()).isEqualTo(201);

    clock.advance(Duration.ofMinutes(6));
    var someoneElse = api.post("/api/v1/appointments", booking(at(10, 30), "Late", "Comer"));

    assertThat(someoneElse.status()).as(someoneElse.toString()).isEqualTo(201);
    assertThat(freeStarts()).doesNotContain(at(10, 30));
  }

  @Test
  void anExpiredHoldIsStillBookedWhenItsTimeIsFree() {
    var hold = api.post("/api/v1/holds", slot(at(11, 0)));
    clock.advance(Duration.ofMinutes(20));

    var booked =
        api.post(
            "/api/v1/appointments",
            Map.of("holdId", hold.string("id"), "patient", patient("Slow", "Decider")));

    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    assertThat(OffsetDateTime.parse(booked.string("start"))).isEqualTo(at(11, 0));
  }

  @Test
  void releasingAHoldFreesItsTime() {
    var hold = api.post("/api/v1/holds", slot(at(11, 30)));
    assertThat(freeStarts()).doesNotContain(at(11, 30));

    var released = api.delete("/api/v1/holds/" + hold.string("id"));

    assertThat(released.status()).isEqualTo(204);
    assertThat(freeStarts()).contains(at(11, 30));
  }

  // Reschedule

  @Test
  void reschedulingMovesTheAppointmentAndFreesItsOldTime() {
    String id = book(at(9, 0), "Moving", "Patient");

    var moved =
        api.post(
            "/api/v1/appointments/" + id + "/reschedule", Map.of("start", at(14, 0).toString()));

    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
    assertThat(moved.string("id")).isEqualTo(id);
    assertThat(OffsetDateTime.parse(moved.string("start"))).isEqualTo(at(14, 0));
    assertThat(moved.body().get("version").asInt()).isEqualTo(1);
    assertThat(freeStarts()).contains(at(9, 0)).doesNotContain(at(14, 0));
  }

  @Test
  void reschedulingOntoATakenTimeIsRefusedAndChangesNothing() {
    String mine = book(at(9, 30), "Staying", "Put");
    String theirs = book(at(15, 0), "In", "TheWay");

    var refused =
        api.post(
            "/api/v1/appointments/" + mine + "/reschedule", Map.of("start", at(15, 15).toString()));

    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.string("conflictingAppointmentId")).isEqualTo(theirs);
    var unchanged = api.get("/api/v1/appointments/" + mine);
    assertThat(OffsetDateTime.parse(unchanged.string("start"))).isEqualTo(at(9, 30));
    assertThat(unchanged.body().get("version").asInt()).isZero();
  }

  @Test
  void reschedulingByAQuarterOfAnHourOverlapsOnlyItself() {
    String id = book(at(16, 0), "Quarter", "Later");

    var moved =
        api.post(
            "/api/v1/appointments/" + id + "/reschedule", Map.of("start", at(16, 15).toString()));

    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
  }

  // Cancel

  @Test
  void cancellingFreesTheTimeAndSayingItTwiceChangesNothing() {
    String id = book(at(12, 0), "Changed", "Mind");

    var first =
        api.post(
            "/api/v1/appointments/" + id + "/cancel",
            Map.of("reason", "feeling better", "cancelledBy", "the patient, by phone"));
    var second = api.post("/api/v1/appointments/" + id + "/cancel", Map.of());

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.string("status")).isEqualTo("cancelled");
    assertThat(first.body().get("cancellation").get("reason").asString())
        .isEqualTo("feeling better");
    assertThat(first.body().get("cancellation").get("by").asString())
        .startsWith("the patient, by phone (api-key:");
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.text()).isEqualTo(first.text());
    assertThat(freeStarts()).contains(at(12, 0));
  }

  // The visit

  @Test
  void theVisitGoesFromArrivalToCheckInToFulfilledButNotBeforeItStarts() {
    String id = book(at(13, 0), "Punctual", "Patient");

    var tooEarly = api.post("/api/v1/appointments/" + id + "/fulfil", Map.of());
    clock.setParis(LocalDateTime.of(2027, 4, 6, 12, 55));
    var arrived = api.post("/api/v1/appointments/" + id + "/arrive", Map.of());
    var checkedIn = api.post("/api/v1/appointments/" + id + "/check-in", Map.of());
    clock.setParis(LocalDateTime.of(2027, 4, 6, 13, 40));
    var fulfilled = api.post("/api/v1/appointments/" + id + "/fulfil", Map.of());
    var cancelAfter = api.post("/api/v1/appointments/" + id + "/cancel", Map.of());

    assertThat(tooEarly.status()).isEqualTo(409);
    assertThat(tooEarly.string("type")).isEqualTo("/problems/visit-not-started");
    assertThat(arrived.string("status")).isEqualTo("arrived");
    assertThat(checkedIn.string("status")).isEqualTo("checked-in");
    assertThat(fulfilled.string("status")).isEqualTo("fulfilled");
    assertThat(cancelAfter.status()).isEqualTo(409);
    assertThat(cancelAfter.string("type")).isEqualTo("/problems/cannot-cancel");
  }

  @Test
  void aPatientMarkedAbsentWhoTurnsUpLateAfterAllCanStillArrive() {
    String late = book(at(8, 0), "Late", "Arrival");
    clock.setParis(LocalDateTime.of(2027, 4, 6, 8, 10));

    var noShow = api.post("/api/v1/appointments/" + late + "/no-show", Map.of());
    var arrived = api.post("/api/v1/appointments/" + late + "/arrive", Map.of());

    assertThat(noShow.string("status")).isEqualTo("noshow");
    assertThat(arrived.status()).as(arrived.toString()).isEqualTo(200);
    assertThat(arrived.string("status")).isEqualTo("arrived");
  }

  @Test
  void aNoShowsTimeGivenToSomeoneElseCannotBeReclaimed() {
    String absent = book(at(8, 30), "Absent", "Patient");
    clock.setParis(LocalDateTime.of(2027, 4, 6, 8, 40));
    api.post("/api/v1/appointments/" + absent + "/no-show", Map.of());
    // The freed time is taken by an appointment recorded by the EHR.
    var patient = api.post("/api/v1/patients", patient("Walk", "In-" + Tags.letters()));
    var walkIn =
        appointments.importAppointment(
            new org.accueil.scheduling.Commands.ImportAppointment(
                clinic.consultation.id(),
                clinic.provider.id(),
                clinic.site.id(),
                null,
                org.accueil.patients.PatientId.of(java.util.UUID.fromString(patient.string("id"))),
                at(8, 30).toInstant(),
                org.accueil.scheduling.AppointmentStatus.ARRIVED,
                org.accueil.scheduling.Source.EHR,
                "ehr"));
    assertThat(walkIn).isInstanceOf(org.accueil.scheduling.BookingResult.Success.class);

    var reclaim = api.post("/api/v1/appointments/" + absent + "/arrive", Map.of());

    assertThat(reclaim.status()).isEqualTo(409);
    assertThat(reclaim.string("type")).isEqualTo("/problems/time-no-longer-free");
    assertThat(api.get("/api/v1/appointments/" + absent).string("status")).isEqualTo("noshow");
  }

  // Retries

  @Test
  void theSameIdempotencyKeyBooksOnceAndReplaysTheFirstAnswer() {
    Map<String, Object> body = booking(at(10, 0).plusDays(1), "Retry", "Ing");
    Api withKey = api.with("Idempotency-Key", "booking-" + clinic.provider.id());

    var first = withKey.post("/api/v1/appointments", body);
    var retry = withKey.post("/api/v1/appointments", body);
    var reused =
        withKey.post("/api/v1/appointments", booking(at(11, 0).plusDays(1), "Retry", "Ing"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(retry.status()).isEqualTo(201);
    assertThat(retry.string("id")).isEqualTo(first.string("id"));
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.string("type")).isEqualTo("/problems/idempotency-key-reused");
    assertThat(appointmentsOf(clinic)).isEqualTo(1);
  }

  @Test
  void tenConcurrentRetriesWithOneKeyMakeOneAppointment() throws Exception {
    Map<String, Object> body = booking(at(15, 0).plusDays(1), "Impatient", "Clicker");
    Api withKey = api.with("Idempotency-Key", "double-click-" + clinic.provider.id());
    CountDownLatch go = new CountDownLatch(1);
    List<Api.Response> responses = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
      List<Future<Api.Response>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return withKey.post("/api/v1/appointments", body);
                }));
      }
      go.countDown();
      for (Future<Api.Response> f : futures) {
        responses.add(f.get());
      }
    }

    assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(201));
    assertThat(responses.stream().map(r -> r.string("id")).distinct()).hasSize(1);
    assertThat(appointmentsOf(clinic)).isEqualTo(1);
  }

  // Refusals write nothing

  @Test
  void aRefusedBookingDoesNotLeaveTheNewPatientBehind() {
    String family = "Refused-" + Tags.letters();
    clock.setParis(LocalDateTime.of(2027, 4, 6, 8, 0));

    var tooSoon = api.post("/api/v1/appointments", booking(at(8, 30), "Too", family));

    assertThat(tooSoon.status()).isEqualTo(422);
    assertThat(tooSoon.string("type")).isEqualTo("/problems/too-short-notice");
    assertThat(patientsNamed(family)).isZero();
    assertThat(appointmentsOf(clinic)).isZero();
  }

  @Test
  void aBookingWithAnUnreachablePhoneIsRefusedWhole() {
    String family = "Phoneless-" + Tags.letters();
    Map<String, Object> body = booking(at(17, 0), "Bad", family);
    Map<String, Object> person = new HashMap<>(patient("Bad", family));
    person.put("phone", "not a number");
    body.put("patient", person);

    var refused = api.post("/api/v1/appointments", body);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.string("type")).isEqualTo("/problems/invalid-phone");
    assertThat(patientsNamed(family)).isZero();
    assertThat(appointmentsOf(clinic)).isZero();
  }

  @Test
  void malformedBookingsAreRefusedWithTheFieldNamed() {
    var missing =
        api.post(
            "/api/v1/appointments",
            Map.of("appointmentTypeId", clinic.consultation.id().toString()));
    var badDate = api.post("/api/v1/appointments", "{\"start\":\"next tuesday\"}");
    var unknownType =
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId", "00000000-0000-7000-8000-000000000000",
                "providerId", clinic.provider.id().toString(),
                "start", at(9, 0).toString(),
                "patient", patient("Nobody", "Known")));

    assertThat(missing.status()).isEqualTo(400);
    assertThat(badDate.status()).isEqualTo(400);
    assertThat(badDate.string("detail")).contains("start").contains("2026-03-30T09:30:00+02:00");
    assertThat(unknownType.status()).isEqualTo(422);
    assertThat(unknownType.string("type")).isEqualTo("/problems/unknown-appointment-type");
    assertThat(appointmentsOf(clinic)).isZero();
  }

  @Test
  void refusalsSpeakTheCallersLanguage() {
    clock.setParis(LocalDateTime.of(2027, 4, 6, 8, 0));
    var french =
        api.with("Accept-Language", "fr")
            .post("/api/v1/appointments", booking(at(8, 15), "Trop", "Tot"));
    var italian =
        api.with("Accept-Language", "it")
            .post("/api/v1/appointments", booking(at(8, 15), "Troppo", "Presto"));

    assertThat(french.string("detail")).contains("au moins 60 minutes à l'avance");
    assertThat(french.string("title")).isEqualTo("Délai trop court");
    assertThat(italian.string("detail")).contains("almeno 60 minuti");
  }

  // Helpers

  /** Tuesday 2027-04-06 at {@code hour:minute} in Paris. */
  static OffsetDateTime at(int hour, int minute) {
    return LocalDateTime.of(2027, 4, 6, hour, minute).atZone(PARIS).toOffsetDateTime();
  }

  Map<String, Object> slot(OffsetDateTime start) {
    return new HashMap<>(
        Map.of(
            "appointmentTypeId", clinic.consultation.id().toString(),
            "providerId", clinic.provider.id().toString(),
            "start", start.toString()));
  }

  Map<String, Object> booking(OffsetDateTime start, String given, String family) {
    Map<String, Object> body = slot(start);
    body.put("patient", patient(given, family));
    return body;
  }

  static Map<String, Object> patient(String given, String family) {
    return Map.of("givenName", given, "familyName", family, "birthDate", "1975-09-30");
  }

  String book(OffsetDateTime start, String given, String family) {
    var response = api.post("/api/v1/appointments", booking(start, given, family));
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.string("id");
  }

  List<OffsetDateTime> freeStarts() {
    var response =
        api.get(
            "/api/v1/slots?appointmentType="
                + clinic.consultation.id()
                + "&from=2027-04-06&to=2027-04-06&provider="
                + clinic.provider.id());
    List<OffsetDateTime> starts = new ArrayList<>();
    response.body().forEach(s -> starts.add(OffsetDateTime.parse(s.get("start").asString())));
    return starts;
  }

  int appointmentsOf(ClinicFixture clinic) {
    return jdbc.sql(
            "SELECT count(*) FROM appointment WHERE provider_id = :p AND hold_expires_at IS NULL")
        .param("p", clinic.provider.id().value())
        .query(Integer.class)
        .single();
  }

  int patientsNamed(String family) {
    return jdbc.sql("SELECT count(*) FROM patient WHERE family_name = :f")
        .param("f", family)
        .query(Integer.class)
        .single();
  }
}
