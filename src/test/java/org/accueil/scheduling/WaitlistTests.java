package org.accueil.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
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
import org.accueil.patients.PatientId;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Commands.ImportAppointment;
import org.accueil.scheduling.Commands.RecordMove;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Eventually;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The waitlist: a freed time is held and offered to the patients waiting for it in the order they
 * joined, one at a time; the first to accept gets it, and a decline, a withdrawal or an expiry
 * passes it on. The recurring pass may run in the background meanwhile: each test runs the pass
 * itself and waits for the outcome, whichever pass produced it.
 */
@AccueilTest
class WaitlistTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** Monday 2027-05-03, 07:00 in Paris: "now" for every test here. */
  static final LocalDateTime NOW = LocalDateTime.of(2027, 5, 3, 7, 0);

  @Autowired Api api;
  @Autowired PracticeAdministration admin;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired Waitlist waitlist;
  @Autowired Appointments appointments;
  @Autowired PlatformTransactionManager transactions;

  ClinicFixture clinic;

  @BeforeEach
  void aClinicOfOurOwn() {
    clock.setParis(NOW);
    clinic = ClinicFixture.create(admin);
  }

  // Joining and leaving

  @Test
  void aPatientJoinsOnceAndWithdrawsAndIsThenOfferedNothing() {
    String patient = patient("Leaving");

    var joined = api.post("/api/v1/waitlist", entry(patient));
    var again = api.post("/api/v1/waitlist", entry(patient));
    var listed = api.get("/api/v1/waitlist?status=active&patient=" + patient);
    var withdrawn = api.delete("/api/v1/waitlist/" + joined.string("id"));
    var twice = api.delete("/api/v1/waitlist/" + joined.string("id"));
    cancel(book(at(2027, 5, 4, 10, 0), patient("Cancelling")));
    pass();

    assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
    assertThat(joined.header("Location")).endsWith("/api/v1/waitlist/" + joined.string("id"));
    assertThat(joined.string("status")).isEqualTo("active");
    assertThat(joined.string("earliestDate")).isEqualTo("2027-05-03");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.string("type")).isEqualTo("/problems/already-on-waitlist");
    assertThat(again.string("entryId")).isEqualTo(joined.string("id"));
    assertThat(listed.body()).hasSize(1);
    assertThat(withdrawn.status()).isEqualTo(204);
    assertThat(twice.status()).isEqualTo(204);
    var after = api.get("/api/v1/waitlist/" + joined.string("id"));
    assertThat(after.string("status")).isEqualTo("withdrawn");
    assertThat(after.body().get("offers")).isEmpty();
  }

  @Test
  void aWindowThatEndsBeforeItBeginsIsRefusedNamingTheField() {
    Map<String, Object> request = entry(patient("Backwards"));
    request.put("earliestDate", "2027-05-10");
    request.put("latestDate", "2027-05-05");

    var refused = api.post("/api/v1/waitlist", request);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.string("type")).isEqualTo("/problems/invalid-waitlist-window");
    assertThat(refused.string("field")).isEqualTo("latestDate");
    assertThat(refused.string("detail")).contains("2027-05-05", "2027-05-10");
  }

  // Offering

  @Test
  void aCancellationOffersTheFreedTimeToTheFirstPatientWaitingAndHoldsItForThem() {
    String first = join(patient("First"));
    String second = join(patient("Second"));

    cancel(book(at(2027, 5, 4, 10, 0), patient("Cancelling")));
    JsonNode offer = awaitOffer(first);

    assertThat(OffsetDateTime.parse(offer.get("start").asString()))
        .isEqualTo(at(2027, 5, 4, 10, 0));
    assertThat(OffsetDateTime.parse(offer.get("expiresAt").asString()))
        .isEqualTo(NOW.atZone(PARIS).toOffsetDateTime().plusMinutes(30));
    assertThat(offers(second)).isEmpty();
    var someoneElse = api.post("/api/v1/appointments", booking(at(2027, 5, 4, 10, 0), null));
    assertThat(someoneElse.status()).isEqualTo(409);
    assertThat(someoneElse.string("detail")).contains("held for another patient");
    assertThat(
            waitlist
                .openOfferFor(PatientId.of(java.util.UUID.fromString(patientOf(first))))
                .orElseThrow()
                .id()
                .toString())
        .isEqualTo(offer.get("id").asString());
  }

  @Test
  void entriesForAnotherTypeProviderDayOrTimeOfDayAreSkipped() {
    ClinicFixture elsewhere = ClinicFixture.create(admin);
    Map<String, Object> otherType = entry(patient("OtherType"));
    otherType.put("appointmentTypeId", elsewhere.consultation.id().toString());
    otherType.remove("providerId");
    Map<String, Object> otherProvider = entry(patient("OtherProvider"));
    otherProvider.put("appointmentTypeId", elsewhere.consultation.id().toString());
    otherProvider.put("providerId", elsewhere.provider.id().toString());
    Map<String, Object> wednesdays = entry(patient("Wednesdays"));
    wednesdays.put("daysOfWeek", List.of("WEDNESDAY"));
    Map<String, Object> afternoons = entry(patient("Afternoons"));
    afternoons.put("earliestTime", "14:00");
    Map<String, Object> nextWeek = entry(patient("NextWeek"));
    nextWeek.put("earliestDate", "2027-05-10");
    String early = patient("AlreadyEarlier");
    Map<String, Object> earlierOnly = entry(early);
    earlierOnly.put("beforeAppointmentId", book(at(2027, 5, 4, 9, 0), early));
    List<String> skipped = new ArrayList<>();
    for (Map<String, Object> request :
        List.of(otherType, otherProvider, wednesdays, afternoons, nextWeek, earlierOnly)) {
      var joined = api.post("/api/v1/waitlist", request);
      assertThat(joined.status()).as(joined.toString()).isEqualTo(201);
      skipped.add(joined.string("id"));
    }
    String suited = join(patient("Suited"));

    cancel(book(at(2027, 5, 4, 10, 0), patient("Cancelling")));
    awaitOffer(suited);

    for (String entry : skipped) {
      assertThat(offers(entry)).as(entry).isEmpty();
    }
  }

  @Test
  void theTimeIsJudgedForTheWaitingPatientsOwnTypeNotTheCancelledOnesLength() {
    var longVisit =
        admin.createAppointmentType(
            new org.accueil.practice.Commands.AppointmentTypeDetails(
                "long-" + Tags.letters(),
                new org.accueil.practice.LocalizedText("Long", "Long", "Lunga"),
                60,
                0,
                0,
                15,
                60,
                90,
                org.accueil.practice.VisitMode.IN_PERSON,
                false,
                null,
                null,
                null,
                null,
                List.of(clinic.provider.id().value()),
                true));
    Map<String, Object> tooLong = entry(patient("NeedsAnHour"));
    tooLong.put("appointmentTypeId", longVisit.id().toString());
    String needsAnHour = created(api.post("/api/v1/waitlist", tooLong));
    String halfAnHour = join(patient("HalfAnHour"));
    book(at(2027, 5, 4, 10, 30), patient("RightAfter"));

    cancel(book(at(2027, 5, 4, 10, 0), patient("Cancelling")));
    awaitOffer(halfAnHour);

    assertThat(offers(needsAnHour)).isEmpty();
  }

  // Answering

  @Test
  void theFirstToAcceptGetsTheTimeAndASecondAcceptIsAClearConflict() {
    String entry = join(patient("Quick"));
    cancel(book(at(2027, 5, 4, 11, 0), patient("Cancelling")));
    String offer = awaitOffer(entry).get("id").asString();

    List<Api.Response> answers = concurrently(2, () -> accept(offer));

    assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 409);
    Api.Response won = answers.stream().filter(a -> a.status() == 200).findFirst().orElseThrow();
    Api.Response lost = answers.stream().filter(a -> a.status() == 409).findFirst().orElseThrow();
    assertThat(won.string("status")).isEqualTo("booked");
    assertThat(won.string("patientId")).isEqualTo(patientOf(entry));
    assertThat(OffsetDateTime.parse(won.string("start"))).isEqualTo(at(2027, 5, 4, 11, 0));
    assertThat(lost.string("type")).isEqualTo("/problems/waitlist-offer-closed");
    assertThat(lost.string("status")).isEqualTo("accepted");
    assertThat(lost.string("appointmentId")).isEqualTo(won.string("id"));
    var fulfilled = api.get("/api/v1/waitlist/" + entry);
    assertThat(fulfilled.string("status")).isEqualTo("fulfilled");
    assertThat(fulfilled.string("appointmentId")).isEqualTo(won.string("id"));
    assertThat(api.post("/api/v1/waitlist/offers/" + offer + "/decline", Map.of()).status())
        .isEqualTo(409);
  }

  @Test
  void acceptingMovesThePatientsLaterAppointmentIntoTheEarlierTime() {
    String patient = patient("Later");
    String later = book(at(2027, 5, 7, 15, 0), patient);
    Map<String, Object> request = entry(patient);
    request.put("beforeAppointmentId", later);
    String entry = created(api.post("/api/v1/waitlist", request));

    cancel(book(at(2027, 5, 4, 9, 30), patient("Cancelling")));
    var accepted = accept(awaitOffer(entry).get("id").asString());

    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    assertThat(accepted.string("id")).isEqualTo(later);
    assertThat(OffsetDateTime.parse(accepted.string("start"))).isEqualTo(at(2027, 5, 4, 9, 30));
    assertThat(api.get("/api/v1/appointments?patient=" + patient).body()).hasSize(1);
    assertThat(freeStarts(LocalDate.of(2027, 5, 7))).contains(at(2027, 5, 7, 15, 0));
  }

  @Test
  void anOfferThatExpiresPassesToTheNextPatient() {
    String first = join(patient("Slow"));
    String second = join(patient("Next"));
    cancel(book(at(2027, 5, 4, 14, 0), patient("Cancelling")));
    String offer = awaitOffer(first).get("id").asString();

    clock.advance(Duration.ofMinutes(31));
    var late = accept(offer);
    JsonNode passed = awaitOffer(second);

    assertThat(late.status()).isEqualTo(409);
    assertThat(late.string("type")).isEqualTo("/problems/waitlist-offer-closed");
    assertThat(offers(first).getFirst().get("status").asString()).isEqualTo("expired");
    assertThat(OffsetDateTime.parse(passed.get("start").asString()))
        .isEqualTo(at(2027, 5, 4, 14, 0));
    assertThat(accept(passed.get("id").asString()).status()).isEqualTo(200);
  }

  @Test
  void aDeclinedOfferPassesToTheNextPatientAtOnce() {
    String first = join(patient("NotThen"));
    String second = join(patient("Gladly"));
    cancel(book(at(2027, 5, 4, 15, 0), patient("Cancelling")));
    String offer = awaitOffer(first).get("id").asString();

    var declined = api.post("/api/v1/waitlist/offers/" + offer + "/decline", Map.of());

    assertThat(declined.status()).as(declined.toString()).isEqualTo(200);
    assertThat(declined.string("status")).isEqualTo("declined");
    assertThat(offers(second)).singleElement().satisfies(o -> isOpen(o));
    assertThat(api.get("/api/v1/waitlist/" + first).string("status")).isEqualTo("active");
  }

  @Test
  void withNobodyLeftTheHoldIsReleasedAndTheTimeCanBeBookedAgain() {
    String only = join(patient("Only"));
    cancel(book(at(2027, 5, 4, 16, 0), patient("Cancelling")));
    String offer = awaitOffer(only).get("id").asString();
    assertThat(freeStarts(LocalDate.of(2027, 5, 4))).doesNotContain(at(2027, 5, 4, 16, 0));

    api.post("/api/v1/waitlist/offers/" + offer + "/decline", Map.of());

    assertThat(freeStarts(LocalDate.of(2027, 5, 4))).contains(at(2027, 5, 4, 16, 0));
    var booked = api.post("/api/v1/appointments", booking(at(2027, 5, 4, 16, 0), null));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
  }

  @Test
  void withdrawingWhileDecidingPassesTheTimeOn() {
    String first = join(patient("Changed"));
    String second = join(patient("Waiting"));
    cancel(book(at(2027, 5, 5, 10, 0), patient("Cancelling")));
    awaitOffer(first);

    api.delete("/api/v1/waitlist/" + first);

    assertThat(offers(first).getFirst().get("status").asString()).isEqualTo("withdrawn");
    assertThat(offers(second)).singleElement().satisfies(o -> isOpen(o));
  }

  @Test
  void anErasedPatientLeavesTheListAndTheTimeTheyWereOfferedPassesOn() {
    String erased = patient("Forgotten");
    String first = join(erased);
    String second = join(patient("Remaining"));
    cancel(book(at(2027, 5, 5, 16, 0), patient("Cancelling")));
    awaitOffer(first);

    var erasure =
        api.post(
            "/api/v1/patients/" + erased + "/erasure",
            Map.of("reason", "the patient asked", "requestedVia", "in-person"));

    assertThat(erasure.status()).as(erasure.toString()).isLessThan(300);
    assertThat(api.get("/api/v1/waitlist/" + first).string("status")).isEqualTo("withdrawn");
    assertThat(offers(second)).singleElement().satisfies(o -> isOpen(o));
  }

  // Where the time comes from

  @Test
  void aTimeFreedInTheEhrIsOfferedToo() {
    String entry = join(patient("FromTheEhr"));
    String other = join(patient("MovedInTheEhr"));
    Appointment cancelledThere = ehrAppointment(at(2027, 5, 5, 11, 0), "Ehr");
    Appointment movedThere = ehrAppointment(at(2027, 5, 5, 14, 0), "EhrMoved");

    appointments.cancel(
        new CancelAppointment(cancelledThere.id(), "Cancelled in the EHR", "system:fhir"));
    JsonNode offer = awaitOffer(entry);
    appointments.recordMove(
        new RecordMove(
            movedThere.id(),
            at(2027, 5, 6, 14, 0).toInstant(),
            null,
            clinic.provider.id(),
            clinic.site.id(),
            "system:hl7v2"));
    JsonNode moved = awaitOffer(other);

    assertThat(OffsetDateTime.parse(offer.get("start").asString()))
        .isEqualTo(at(2027, 5, 5, 11, 0));
    assertThat(OffsetDateTime.parse(moved.get("start").asString()))
        .isEqualTo(at(2027, 5, 5, 14, 0));
  }

  // Durability and several nodes

  @Test
  void aFreedTimeIsNotLostWhenTheNodeDiesBeforeOfferingIt() {
    String entry = join(patient("Patient"));
    String appointment = book(at(2027, 5, 6, 9, 0), patient("Cancelling"));

    cancel(appointment);
    // Committed with the cancellation, before any pass could look at it.
    assertThat(freedTimes(appointment)).isEqualTo(1);
    // A worker claims it and dies mid-offer: its transaction rolls back, the row stays due.
    try {
      new TransactionTemplate(transactions)
          .executeWithoutResult(
              s -> {
                jdbc.sql(
                        "SELECT id FROM waitlist_freed_time WHERE appointment_id = ?::uuid"
                            + " FOR UPDATE")
                    .param(appointment)
                    .query(String.class)
                    .list();
                throw new IllegalStateException("the node died");
              });
    } catch (IllegalStateException expected) {
      // as planned
    }

    JsonNode offer = awaitOffer(entry);
    assertThat(OffsetDateTime.parse(offer.get("start").asString())).isEqualTo(at(2027, 5, 6, 9, 0));
  }

  @Test
  void twoNodesPassingAtOnceOfferEachFreedTimeOnce() {
    List<String> entries = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      entries.add(join(patient("Racer")));
    }
    List<String> cancelled = new ArrayList<>();
    for (int hour = 9; hour < 13; hour++) {
      cancelled.add(book(at(2027, 5, 6, hour, 0), patient("Cancelling")));
    }
    cancelled.forEach(this::cancel);

    concurrently(
        2,
        () -> {
          waitlist.offerFreedTime();
          return null;
        });
    Eventually.await(
        () -> {
          waitlist.offerFreedTime();
          return openOffers(entries).size() == 4;
        },
        Duration.ofSeconds(20),
        "four offers");

    List<JsonNode> open = openOffers(entries);
    assertThat(open).extracting(o -> o.get("start").asString()).doesNotHaveDuplicates();
    assertThat(open).extracting(o -> o.get("entryId").asString()).doesNotHaveDuplicates();
    assertThat(open).extracting(o -> o.get("holdId").asString()).doesNotHaveDuplicates();
    // First joined, first offered: the first four entries, one time each.
    assertThat(open)
        .extracting(o -> o.get("entryId").asString())
        .containsExactlyInAnyOrderElementsOf(entries.subList(0, 4));
    Integer openPerTime =
        jdbc.sql(
                """
                SELECT coalesce(max(n), 0)::int FROM (
                  SELECT count(*) AS n FROM waitlist_offer o
                    JOIN waitlist_freed_time f ON f.id = o.freed_time_id
                   WHERE f.appointment_id = ANY(CAST(:ids AS uuid[])) AND o.status = 'offered'
                   GROUP BY o.freed_time_id) t
                """)
            .param("ids", cancelled.toArray(String[]::new))
            .query(Integer.class)
            .single();
    assertThat(openPerTime).isEqualTo(1);
  }

  // ----------------------------------------------------------------------------- fixtures

  private Appointment ehrAppointment(OffsetDateTime start, String name) {
    var result =
        appointments.importAppointment(
            new ImportAppointment(
                clinic.consultation.id(),
                clinic.provider.id(),
                clinic.site.id(),
                null,
                PatientId.of(java.util.UUID.fromString(patient(name))),
                start.toInstant(),
                AppointmentStatus.BOOKED,
                Source.EHR,
                "system:fhir"));
    return ((BookingResult.Success<Appointment>) result).value();
  }

  private Map<String, Object> entry(String patient) {
    Map<String, Object> entry = new HashMap<>();
    entry.put("patientId", patient);
    entry.put("appointmentTypeId", clinic.consultation.id().toString());
    entry.put("providerId", clinic.provider.id().toString());
    entry.put("latestDate", "2027-05-14");
    return entry;
  }

  private String join(String patient) {
    return created(api.post("/api/v1/waitlist", entry(patient)));
  }

  private String patientOf(String entry) {
    return api.get("/api/v1/waitlist/" + entry).string("patientId");
  }

  private List<JsonNode> offers(String entry) {
    List<JsonNode> offers = new ArrayList<>();
    api.get("/api/v1/waitlist/" + entry).body().get("offers").forEach(offers::add);
    return offers;
  }

  private static boolean isOpen(JsonNode offer) {
    return offer.get("status").asString().equals("offered");
  }

  private List<JsonNode> openOffers(List<String> entries) {
    return entries.stream().flatMap(e -> offers(e).stream()).filter(o -> isOpen(o)).toList();
  }

  /**
   * Runs passes until the entry has an open offer (a background pass may be the one to make it).
   */
  private JsonNode awaitOffer(String entry) {
    Eventually.await(
        () -> {
          waitlist.offerFreedTime();
          return offers(entry).stream().anyMatch(o -> isOpen(o));
        },
        Duration.ofSeconds(15),
        "an offer to entry " + entry);
    return offers(entry).stream().filter(o -> isOpen(o)).findFirst().orElseThrow();
  }

  private void pass() {
    waitlist.offerFreedTime();
  }

  private Api.Response accept(String offer) {
    return api.post("/api/v1/waitlist/offers/" + offer + "/accept", Map.of());
  }

  private int freedTimes(String appointment) {
    return jdbc.sql("SELECT count(*) FROM waitlist_freed_time WHERE appointment_id = ?::uuid")
        .param(appointment)
        .query(Integer.class)
        .single();
  }

  private String patient(String given) {
    return created(
        api.post(
            "/api/v1/patients",
            Map.of(
                "givenName",
                given,
                "familyName",
                "Waitlist " + Tags.letters(),
                "birthDate",
                "1984-02-29")));
  }

  private String book(OffsetDateTime start, String patient) {
    return created(api.post("/api/v1/appointments", booking(start, patient)));
  }

  private void cancel(String appointment) {
    var cancelled = api.post("/api/v1/appointments/" + appointment + "/cancel", Map.of());
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
  }

  private Map<String, Object> booking(OffsetDateTime start, String patient) {
    Map<String, Object> booking = new HashMap<>();
    booking.put("appointmentTypeId", clinic.consultation.id().toString());
    booking.put("providerId", clinic.provider.id().toString());
    booking.put("start", start.toString());
    if (patient != null) {
      booking.put("patientId", patient);
    } else {
      booking.put(
          "patient",
          Map.of(
              "givenName", "Someone",
              "familyName", "Else " + Tags.letters(),
              "birthDate", "1990-01-01"));
    }
    return booking;
  }

  private List<OffsetDateTime> freeStarts(LocalDate day) {
    var slots =
        api.get(
            "/api/v1/slots?appointmentType="
                + clinic.consultation.id()
                + "&provider="
                + clinic.provider.id()
                + "&from="
                + day
                + "&to="
                + day);
    List<OffsetDateTime> starts = new ArrayList<>();
    slots.body().forEach(s -> starts.add(OffsetDateTime.parse(s.get("start").asString())));
    return starts;
  }

  private static OffsetDateTime at(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(PARIS).toOffsetDateTime();
  }

  private static String created(Api.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    return response.string("id");
  }

  private static <T> List<T> concurrently(int threads, java.util.concurrent.Callable<T> call) {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(30, java.util.concurrent.TimeUnit.SECONDS));
      }
      return results;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      pool.shutdownNow();
    }
  }
}
