package org.accueil.practice.web;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The administration API as a practice's administrator (or their integrator) calls it, over HTTP
 * with the bootstrap admin key. Each test builds its own site, providers and types, tagged with a
 * random suffix, and proves a refused change wrote nothing by reading the database back.
 */
@AccueilTest
class PracticeAdministrationApiTests {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;

  final String tag = Tags.letters();

  // ---------------------------------------------------------------- what an administrator builds

  @Test
  void aLocationIsCreatedWithItsOpeningHoursReadBackAndUpdated() {
    var created = api.post("/api/v1/locations", location("Site " + tag));

    String id = createdAt(created, "/api/v1/locations/");
    var read = api.get("/api/v1/locations/" + id);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.body()).isEqualTo(created.body());
    assertThat(read.string("name")).isEqualTo("Site " + tag);
    assertThat(read.string("timeZone")).isEqualTo("Europe/Paris");
    assertThat(read.body().get("address").get("city").asString()).isEqualTo(tag);
    assertThat(windows(read.body().get("openingHours")))
        .containsExactly("MONDAY 08:00-12:00", "MONDAY 14:00-19:00", "TUESDAY 08:00-19:00");

    var changed = location("Site " + tag + " renamed");
    changed.put("openingHours", List.of(window("WEDNESDAY", "09:00", "17:00")));
    changed.put("phone", "+33 4 00 00 00 00");
    var updated = api.put("/api/v1/locations/" + id, changed);

    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    var reread = api.get("/api/v1/locations/" + id);
    assertThat(reread.string("name")).isEqualTo("Site " + tag + " renamed");
    assertThat(reread.string("phone")).isEqualTo("+33 4 00 00 00 00");
    assertThat(windows(reread.body().get("openingHours"))).containsExactly("WEDNESDAY 09:00-17:00");
    assertThat(ids(api.anonymous().get("/api/v1/locations").body())).contains(id);
    assertThat(count("SELECT count(*) FROM location WHERE address_line = ?", tag)).isEqualTo(1);
  }

  @Test
  void aRoomIsCreatedAtALocationListedThereAndChanged() {
    String site = createLocation();

    var created =
        api.post(
            "/api/v1/rooms", Map.of("locationId", site, "name", "Exam " + tag, "kind", "exam"));

    String id = createdAt(created, "/api/v1/rooms/");
    assertThat(api.get(created.header("Location")).body()).isEqualTo(created.body());
    assertThat(created.string("locationId")).isEqualTo(site);
    assertThat(created.body().get("active").asBoolean()).isTrue();
    assertThat(ids(api.get("/api/v1/rooms?location=" + site).body())).containsExactly(id);

    var updated =
        api.put(
            "/api/v1/rooms/" + id,
            Map.of(
                "locationId",
                site,
                "name",
                "Procedure " + tag,
                "kind",
                "procedure",
                "active",
                false));

    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    var reread = api.get("/api/v1/rooms/" + id);
    assertThat(reread.string("name")).isEqualTo("Procedure " + tag);
    assertThat(reread.string("kind")).isEqualTo("procedure");
    assertThat(reread.body().get("active").asBoolean()).isFalse();
  }

  @Test
  void aProviderIsCreatedReadBackAndMovedToASecondLocation() {
    String first = createLocation();
    String second = createLocation();

    var created = api.post("/api/v1/providers", provider(first));

    String id = createdAt(created, "/api/v1/providers/");
    assertThat(created.string("name")).isEqualTo("Dr Ada Tester-" + tag);
    assertThat(api.anonymous().get(created.header("Location")).body()).isEqualTo(created.body());
    assertThat(strings(created.body().get("languages"))).containsExactly("fr", "en");

    var changed = provider(first, second);
    changed.put("specialties", List.of("general-practice", "paediatrics"));
    var updated = api.put("/api/v1/providers/" + id, changed);

    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    var reread = api.get("/api/v1/providers/" + id);
    assertThat(strings(reread.body().get("locationIds"))).containsExactlyInAnyOrder(first, second);
    assertThat(strings(reread.body().get("specialties")))
        .containsExactly("general-practice", "paediatrics");
    assertThat(ids(api.get("/api/v1/providers?location=" + second).body())).containsExactly(id);
  }

  @Test
  void anAppointmentTypeIsCreatedNamedInEachLanguageAndChanged() {
    String provider = createProvider(createLocation());

    var created =
        api.post("/api/v1/appointment-types", appointmentType("checkup-" + tag, provider));

    String id = createdAt(created, "/api/v1/appointment-types/");
    assertThat(created.string("name")).isEqualTo("Check-up " + tag);
    assertThat(created.body().get("durationMinutes").asInt()).isEqualTo(20);
    assertThat(created.body().get("slotStepMinutes").asInt())
        .as("the step defaults to the duration")
        .isEqualTo(20);
    assertThat(created.body().get("maxDaysAhead").asInt()).isEqualTo(90);
    assertThat(created.string("mode")).isEqualTo("in-person");
    assertThat(strings(created.body().get("providerIds"))).containsExactly(provider);
    assertThat(api.with("Accept-Language", "fr").get(created.header("Location")).string("name"))
        .isEqualTo("Bilan " + tag);
    assertThat(api.with("Accept-Language", "it").get("/api/v1/appointment-types/" + id))
        .extracting(r -> r.string("name"))
        .isEqualTo("Controllo " + tag);

    var changed = appointmentType("checkup-" + tag, provider);
    changed.put("durationMinutes", 30);
    changed.put("mode", "video");
    changed.put("active", false);
    var updated = api.put("/api/v1/appointment-types/" + id, changed);

    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    var reread = api.get("/api/v1/appointment-types/" + id);
    assertThat(reread.body().get("durationMinutes").asInt()).isEqualTo(30);
    assertThat(reread.string("mode")).isEqualTo("video");
    assertThat(reread.body().get("active").asBoolean()).isFalse();
    assertThat(ids(api.anonymous().get("/api/v1/appointment-types").body()))
        .as("an inactive type is hidden from the booking page")
        .doesNotContain(id);
  }

  @Test
  void aProvidersUsualWeekIsReplacedAsAWhole() {
    String site = createLocation();
    String provider = createProvider(site);

    var week =
        api.put(
            "/api/v1/providers/" + provider + "/weekly-hours",
            List.of(
                hours(site, "MONDAY", "09:00", "12:00"),
                hours(site, "MONDAY", "14:00", "18:00"),
                hours(site, "THURSDAY", "09:00", "12:00")));

    assertThat(week.status()).as(week.toString()).isEqualTo(200);
    assertThat(hoursOf(provider))
        .containsExactly("MONDAY 09:00-12:00", "MONDAY 14:00-18:00", "THURSDAY 09:00-12:00");

    var replaced =
        api.put(
            "/api/v1/providers/" + provider + "/weekly-hours",
            List.of(hours(site, "FRIDAY", "08:00", "12:00")));

    assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
    assertThat(hoursOf(provider)).containsExactly("FRIDAY 08:00-12:00");
    assertThat(api.put("/api/v1/providers/" + provider + "/weekly-hours", List.of()).status())
        .isEqualTo(200);
    assertThat(hoursOf(provider)).isEmpty();
  }

  @Test
  void hoursOnTheSameDayMayOverlapWhenTheirDatesDoNot() {
    String site = createLocation();
    String provider = createProvider(site);
    var untilMarch = hours(site, "MONDAY", "09:00", "12:00");
    untilMarch.put("validUntil", "2027-03-31");
    var fromApril = hours(site, "MONDAY", "10:00", "13:00");
    fromApril.put("validFrom", "2027-04-01");

    var week =
        api.put("/api/v1/providers/" + provider + "/weekly-hours", List.of(untilMarch, fromApril));

    assertThat(week.status()).as(week.toString()).isEqualTo(200);
    assertThat(week.body().size()).isEqualTo(2);
    assertThat(week.body().get(0).get("validUntil").asString()).isEqualTo("2027-03-31");
  }

  @Test
  void aDateOverrideReplacesOneDayAndAnEmptyOneIsADayOff() {
    String site = createLocation();
    String provider = createProvider(site);
    String overrides = "/api/v1/providers/" + provider + "/date-overrides";

    var special =
        api.put(
            overrides + "/2027-05-03",
            Map.of(
                "hours", List.of(Map.of("locationId", site, "starts", "10:00", "ends", "13:00"))));
    var dayOff = api.put(overrides + "/2027-05-04", Map.of("hours", List.of()));

    assertThat(special.status()).as(special.toString()).isEqualTo(200);
    assertThat(special.body().get("working").asBoolean()).isTrue();
    assertThat(dayOff.status()).as(dayOff.toString()).isEqualTo(200);
    assertThat(dayOff.body().get("working").asBoolean()).isFalse();
    assertThat(dayOff.body().get("hours").size()).isZero();
    var may = api.get(overrides + "?from=2027-05-01&to=2027-05-31");
    assertThat(dates(may.body())).containsExactly("2027-05-03", "2027-05-04");

    var changed =
        api.put(
            overrides + "/2027-05-03",
            Map.of(
                "hours",
                List.of(
                    Map.of("locationId", site, "starts", "08:00", "ends", "09:00"),
                    Map.of("locationId", site, "starts", "15:00", "ends", "16:00"))));
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(
            count(
                "SELECT count(*) FROM provider_date_override WHERE provider_id = ?::uuid"
                    + " AND on_date = '2027-05-03'",
                provider))
        .as("the new hours replace the old ones")
        .isEqualTo(2);

    assertThat(api.delete(overrides + "/2027-05-03").status()).isEqualTo(204);
    assertThat(dates(api.get(overrides).body())).containsExactly("2027-05-04");
    assertThatProblem(api.delete(overrides + "/2027-05-03")).is(404, "not-found");
  }

  @Test
  void timeOffIsListedInTheProvidersZoneAndCanBeRemoved() {
    String provider = createProvider(createLocation());
    String timeOff = "/api/v1/providers/" + provider + "/time-off";

    var created =
        api.post(
            timeOff,
            Map.of(
                "start", "2027-04-05T07:00:00Z",
                "end", "2027-04-09T16:00:00Z",
                "reason", "Conference " + tag));

    String id = createdAt(created, timeOff + "/");
    assertThat(created.string("start")).isEqualTo("2027-04-05T09:00:00+02:00");
    assertThat(created.string("reason")).isEqualTo("Conference " + tag);
    assertThat(api.get(created.header("Location")).body()).isEqualTo(created.body());
    var april = api.get(timeOff + "?from=2027-04-01T00:00:00Z&to=2027-05-01T00:00:00Z");
    assertThat(april.status()).as(april.toString()).isEqualTo(200);
    assertThat(ids(april.body())).containsExactly(id);
    assertThat(ids(api.get(timeOff + "?from=2027-05-01T00:00:00Z").body())).isEmpty();

    assertThat(api.delete(timeOff + "/" + id).status()).isEqualTo(204);
    assertThat(ids(api.get(timeOff + "?from=2027-04-01T00:00:00Z").body())).isEmpty();
    assertThatProblem(api.delete(timeOff + "/" + id)).is(404, "not-found");
  }

  @Test
  void aClosureIsListedForTheDaysItCoversAndCanBeRemoved() {
    String site = createLocation();

    var created =
        api.post(
            "/api/v1/closures",
            Map.of(
                "locationId",
                site,
                "firstDay",
                "2031-08-04",
                "lastDay",
                "2031-08-22",
                "name",
                "Summer " + tag));

    String id = createdAt(created, "/api/v1/closures/");
    assertThat(api.get(created.header("Location")).body()).isEqualTo(created.body());
    assertThat(ids(api.get("/api/v1/closures?from=2031-08-10&to=2031-08-10").body())).contains(id);
    assertThat(ids(api.get("/api/v1/closures?from=2031-08-23").body())).doesNotContain(id);
    assertThat(ids(api.get("/api/v1/closures?to=2031-08-03").body())).doesNotContain(id);

    assertThat(api.delete("/api/v1/closures/" + id).status()).isEqualTo(204);
    assertThat(ids(api.get("/api/v1/closures").body())).doesNotContain(id);
    assertThatProblem(api.delete("/api/v1/closures/" + id)).is(404, "not-found");
  }

  @Test
  void aBookingRuleIsCreatedChangedAndRemoved() {
    String site = createLocation();
    String provider = createProvider(site);
    String type = createType(provider);

    var created =
        api.post(
            "/api/v1/booking-rules",
            rule("New patients on Tuesday afternoons " + tag, provider, null, "new"));

    String id = createdAt(created, "/api/v1/booking-rules/");
    assertThat(api.get(created.header("Location")).body()).isEqualTo(created.body());
    assertThat(created.string("patientCategory")).isEqualTo("new");
    assertThat(windows(created.body().get("windows"))).containsExactly("TUESDAY 13:00-18:00");
    assertThat(ids(api.get("/api/v1/booking-rules").body())).contains(id);

    var changed = rule("Check-ups on Thursdays " + tag, provider, type, null);
    changed.put("windows", List.of(window("THURSDAY", "08:00", "12:00")));
    var updated = api.put("/api/v1/booking-rules/" + id, changed);

    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.string("appointmentTypeId")).isEqualTo(type);
    assertThat(updated.body().get("patientCategory").isNull()).isTrue();
    assertThat(windows(updated.body().get("windows"))).containsExactly("THURSDAY 08:00-12:00");

    assertThat(api.delete("/api/v1/booking-rules/" + id).status()).isEqualTo(204);
    assertThat(ids(api.get("/api/v1/booking-rules").body())).doesNotContain(id);
    assertThatProblem(api.delete("/api/v1/booking-rules/" + id)).is(404, "not-found");
  }

  @Test
  void thePracticesNameAndLanguagesAreChanged() {
    var before = api.anonymous().get("/api/v1/practice");
    try {
      var updated =
          api.put("/api/v1/practice", Map.of("name", "Cabinet " + tag, "languages", List.of("fr")));

      assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
      var read = api.anonymous().get("/api/v1/practice");
      assertThat(read.string("name")).isEqualTo("Cabinet " + tag);
      assertThat(strings(read.body().get("languages"))).containsExactly("fr");
    } finally {
      api.put("/api/v1/practice", before.body());
    }
  }

  @Test
  void aPracticeLanguageTheApplicationDoesNotSpeakIsRefused() {
    var before = api.anonymous().get("/api/v1/practice");

    var refused =
        api.put("/api/v1/practice", Map.of("name", "Praxis " + tag, "languages", List.of("de")));

    assertThatProblem(refused).is(400, "invalid-request").naming("languages[0]");
    assertThat(api.anonymous().get("/api/v1/practice").body()).isEqualTo(before.body());
  }

  // ---------------------------------------------------------------------------- Idempotency-Key

  @Test
  void theSameIdempotencyKeyReplaysTheFirstAnswerAndCreatesOneLocation() {
    Api once = api.with("Idempotency-Key", "location-" + tag);

    var first = once.post("/api/v1/locations", location("Site " + tag));
    var retry = once.post("/api/v1/locations", location("Site " + tag));

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.header("Idempotent-Replayed")).isNull();
    assertThat(retry.status()).as(retry.toString()).isEqualTo(201);
    assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
    assertThat(retry.string("id")).isEqualTo(first.string("id"));
    assertThat(retry.body()).isEqualTo(first.body());
    assertThat(count("SELECT count(*) FROM location WHERE address_line = ?", tag)).isEqualTo(1);
  }

  @Test
  void anIdempotencyKeyReusedForAnotherBodyIsRefusedAndCreatesNothing() {
    Api once = api.with("Idempotency-Key", "room-" + tag);
    String site = createLocation();

    var first =
        once.post(
            "/api/v1/rooms", Map.of("locationId", site, "name", "One " + tag, "kind", "exam"));
    var other =
        once.post(
            "/api/v1/rooms", Map.of("locationId", site, "name", "Two " + tag, "kind", "exam"));

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThatProblem(other).is(422, "idempotency-key-reused");
    assertThat(count("SELECT count(*) FROM room WHERE location_id = ?::uuid", site)).isEqualTo(1);
  }

  @Test
  void aRefusedRequestLeavesItsIdempotencyKeyFree() {
    Api once = api.with("Idempotency-Key", "retry-" + tag);
    var wrong = location("Site " + tag);
    wrong.put("timeZone", "Mars/Olympus");

    var refused = once.post("/api/v1/locations", wrong);
    var corrected = once.post("/api/v1/locations", location("Site " + tag));

    assertThatProblem(refused).is(422, "invalid-time-zone");
    assertThat(corrected.status()).as(corrected.toString()).isEqualTo(201);
    assertThat(corrected.header("Idempotent-Replayed")).isNull();
  }

  // --------------------------------------------------------------------------- 400: the shape

  @Test
  void aLocationWithoutANameIsRefusedNamingTheFieldAndNothingIsWritten() {
    var nameless = location("ignored");
    nameless.remove("name");

    var refused = api.post("/api/v1/locations", nameless);

    assertThatProblem(refused).is(400, "invalid-request").naming("name");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void everyMalformedFieldOfALocationIsNamed() {
    var malformed = location(" ");
    malformed.put("address", address("fr"));
    malformed.put("phone", "0".repeat(41));

    var refused = api.post("/api/v1/locations", malformed);

    assertThatProblem(refused)
        .is(400, "invalid-request")
        .naming("name")
        .naming("address.country")
        .naming("phone");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void aRoomOfAKindThatIsNotAWordIsRefused() {
    String site = createLocation();

    var refused =
        api.post(
            "/api/v1/rooms",
            Map.of("locationId", site, "name", "Exam " + tag, "kind", "Exam Room"));

    assertThatProblem(refused).is(400, "invalid-request").naming("kind");
    assertThat(count("SELECT count(*) FROM room WHERE location_id = ?::uuid", site)).isZero();
  }

  @Test
  void anAppointmentTypeWithABadCodeAndATooShortDurationIsRefused() {
    var malformed = appointmentType("Check Up", createProvider(createLocation()));
    malformed.put("durationMinutes", 3);

    var refused = api.post("/api/v1/appointment-types", malformed);

    assertThatProblem(refused)
        .is(400, "invalid-request")
        .naming("code")
        .naming("durationMinutes")
        .withDetailContaining("code: must be lowercase letters, digits, '.', '_' or '-'");
    assertThat(typesTagged()).isZero();
  }

  @Test
  void anAppointmentTypeOfAnUnknownModeIsRefusedNamingTheModesThereAre() {
    var malformed = appointmentType("checkup-" + tag, createProvider(createLocation()));
    malformed.put("mode", "telepathy");

    var refused = api.post("/api/v1/appointment-types", malformed);

    assertThatProblem(refused)
        .is(400, "invalid-value")
        .withDetailContaining("mode", "telepathy", "in-person, video");
    assertThat(typesTagged()).isZero();
  }

  @Test
  void anOpeningTimeThatIsNotATimeIsNamed() {
    var malformed = location("Site " + tag);
    malformed.put("openingHours", List.of(window("MONDAY", "25:00", "12:00")));

    var refused = api.post("/api/v1/locations", malformed);

    assertThatProblem(refused)
        .is(400, "invalid-value")
        .withDetailContaining("openingHours[0].starts", "25:00");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void aProviderWithoutALocationIsRefused() {
    var homeless = provider();

    var refused = api.post("/api/v1/providers", homeless);

    assertThatProblem(refused).is(400, "invalid-request").naming("locationIds");
    assertThat(count("SELECT count(*) FROM provider WHERE family_name = ?", "Tester-" + tag))
        .isZero();
  }

  @Test
  void tenAdminsCreatingOneRoomNameInDifferentCasesAtOnceGetOneRoom() throws Exception {
    String site = createLocation();
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<Api.Response> responses = new ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(10)) {
      List<java.util.concurrent.Future<Api.Response>> futures = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        String name = i % 2 == 0 ? "Salle Rouge" : "SALLE ROUGE";
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return api.post(
                      "/api/v1/rooms", Map.of("locationId", site, "name", name, "kind", "exam"));
                }));
      }
      go.countDown();
      for (var future : futures) {
        responses.add(future.get());
      }
    }

    assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
    assertThat(responses.stream().filter(r -> r.status() != 201))
        .hasSize(9)
        .allSatisfy(r -> assertThatProblem(r).is(409, "room-name-taken"));
    assertThat(count("SELECT count(*) FROM room WHERE location_id = ?::uuid", site)).isEqualTo(1);
  }

  @Test
  void weeklyHoursWithoutADayAreRefusedAndTheUsualWeekIsKept() {
    String site = createLocation();
    String provider = createProvider(site);
    setHours(provider, hours(site, "MONDAY", "09:00", "12:00"));
    var dayless = hours(site, "TUESDAY", "09:00", "12:00");
    dayless.remove("day");

    var refused =
        api.put(
            "/api/v1/providers/" + provider + "/weekly-hours",
            List.of(hours(site, "WEDNESDAY", "09:00", "12:00"), dayless));

    assertThatProblem(refused).is(400, "invalid-request").naming("hours[1].day");
    assertThat(hoursOf(provider)).containsExactly("MONDAY 09:00-12:00");
  }

  @Test
  void weeklyHoursWithAnEmptyEntryAreRefusedAndTheUsualWeekIsKept() {
    String site = createLocation();
    String provider = createProvider(site);
    setHours(provider, hours(site, "MONDAY", "09:00", "12:00"));

    var refused = api.put("/api/v1/providers/" + provider + "/weekly-hours", "[null]");

    assertThatProblem(refused).is(400, "invalid-request").naming("hours[0]");
    assertThat(hoursOf(provider)).containsExactly("MONDAY 09:00-12:00");
  }

  @Test
  void timeOffWithoutAnEndIsRefused() {
    String provider = createProvider(createLocation());

    var refused =
        api.post(
            "/api/v1/providers/" + provider + "/time-off",
            Map.of("start", "2027-04-05T09:00:00+02:00"));

    assertThatProblem(refused).is(400, "invalid-request").naming("end");
    assertThat(timeOffOf(provider)).isZero();
  }

  @Test
  void aBookingRuleWithoutWindowsIsRefused() {
    String provider = createProvider(createLocation());
    var windowless = rule("Never " + tag, provider, null, "new");
    windowless.put("windows", List.of());

    var refused = api.post("/api/v1/booking-rules", windowless);

    assertThatProblem(refused).is(400, "invalid-request").naming("windows");
    assertThat(rulesTagged()).isZero();
  }

  // ------------------------------------------------------------------------ 404: unknown ids

  @Test
  void unknownIdsInThePathAreNotFound() {
    String unknown = UUID.randomUUID().toString();
    String site = createLocation();
    String provider = createProvider(site);
    record Call(String method, String path, Object body) {}
    List<Call> calls =
        List.of(
            new Call("GET", "/api/v1/locations/" + unknown, ""),
            new Call("PUT", "/api/v1/locations/" + unknown, location("Ghost " + tag)),
            new Call("GET", "/api/v1/rooms/" + unknown, ""),
            new Call(
                "PUT",
                "/api/v1/rooms/" + unknown,
                Map.of("locationId", site, "name", "Ghost " + tag, "kind", "exam")),
            new Call("GET", "/api/v1/providers/" + unknown, ""),
            new Call("PUT", "/api/v1/providers/" + unknown, provider(site)),
            new Call("GET", "/api/v1/providers/" + unknown + "/weekly-hours", ""),
            new Call("PUT", "/api/v1/providers/" + unknown + "/weekly-hours", List.of()),
            new Call("GET", "/api/v1/providers/" + unknown + "/date-overrides", ""),
            new Call(
                "PUT",
                "/api/v1/providers/" + unknown + "/date-overrides/2027-05-03",
                Map.of("hours", List.of())),
            new Call("DELETE", "/api/v1/providers/" + unknown + "/date-overrides/2027-05-03", ""),
            new Call("GET", "/api/v1/providers/" + unknown + "/time-off", ""),
            new Call(
                "POST",
                "/api/v1/providers/" + unknown + "/time-off",
                Map.of("start", "2027-04-05T09:00:00Z", "end", "2027-04-05T10:00:00Z")),
            new Call("DELETE", "/api/v1/providers/" + provider + "/time-off/" + unknown, ""),
            new Call("GET", "/api/v1/appointment-types/" + unknown, ""),
            new Call(
                "PUT",
                "/api/v1/appointment-types/" + unknown,
                appointmentType("ghost-" + tag, provider)),
            new Call("DELETE", "/api/v1/closures/" + unknown, ""),
            new Call(
                "PUT",
                "/api/v1/booking-rules/" + unknown,
                rule("Ghost " + tag, provider, null, "new")),
            new Call("DELETE", "/api/v1/booking-rules/" + unknown, ""));

    for (Call call : calls) {
      var response =
          switch (call.method()) {
            case "GET" -> api.get(call.path());
            case "PUT" -> api.put(call.path(), call.body());
            case "POST" -> api.post(call.path(), call.body());
            default -> api.delete(call.path());
          };
      assertThatProblem(response)
          .as(call.method() + " " + call.path())
          .is(404, "not-found")
          .withDetailContaining(unknown);
    }
    assertThat(count("SELECT count(*) FROM location WHERE name = ?", "Ghost " + tag)).isZero();
    assertThat(typesTagged()).isZero();
    assertThat(rulesTagged()).isZero();
    assertThat(count("SELECT count(*) FROM room WHERE name = ?", "Ghost " + tag)).isZero();
    assertThat(
            count(
                "SELECT count(*) FROM provider_date_override WHERE provider_id = ?::uuid", unknown))
        .isZero();
  }

  // ------------------------------------------------------------------------- 409: duplicates

  @Test
  void aSecondAppointmentTypeWithTheSameCodeIsAConflictAndNothingIsWritten() {
    String provider = createProvider(createLocation());
    String code = "checkup-" + tag;
    assertThat(api.post("/api/v1/appointment-types", appointmentType(code, provider)).status())
        .isEqualTo(201);
    var copy = appointmentType(code, provider);
    copy.put("names", Map.of("fr", "Copie " + tag, "en", "Copy " + tag, "it", "Copia " + tag));

    var refused = api.post("/api/v1/appointment-types", copy);

    assertThatProblem(refused).is(409, "code-taken").naming("code").withDetailContaining(code);
    assertThat(count("SELECT count(*) FROM appointment_type WHERE code = ?", code)).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM appointment_type WHERE name_en = ?", "Copy " + tag))
        .isZero();
  }

  @Test
  void givingAnAppointmentTypeACodeAlreadyTakenIsAConflictAndLeavesItUnchanged() {
    String provider = createProvider(createLocation());
    createdAt(
        api.post("/api/v1/appointment-types", appointmentType("first-" + tag, provider)),
        "/api/v1/appointment-types/");
    var second = api.post("/api/v1/appointment-types", appointmentType("second-" + tag, provider));
    String id = createdAt(second, "/api/v1/appointment-types/");

    var refused =
        api.put("/api/v1/appointment-types/" + id, appointmentType("first-" + tag, provider));

    assertThatProblem(refused).is(409, "code-taken").naming("code");
    assertThat(api.get("/api/v1/appointment-types/" + id).body()).isEqualTo(second.body());
  }

  @Test
  void aSecondRoomOfTheSameNameAtALocationIsAConflictWhateverItsCase() {
    String site = createLocation();
    assertThat(
            api.post(
                    "/api/v1/rooms",
                    Map.of("locationId", site, "name", "Exam " + tag, "kind", "exam"))
                .status())
        .isEqualTo(201);

    var same =
        api.post(
            "/api/v1/rooms", Map.of("locationId", site, "name", "Exam " + tag, "kind", "exam"));
    var shouted =
        api.post(
            "/api/v1/rooms",
            Map.of("locationId", site, "name", ("Exam " + tag).toUpperCase(), "kind", "procedure"));

    assertThatProblem(same).is(409, "room-name-taken").naming("name");
    assertThatProblem(shouted).is(409, "room-name-taken").naming("name");
    assertThat(count("SELECT count(*) FROM room WHERE location_id = ?::uuid", site)).isEqualTo(1);
  }

  @Test
  void aRoomNameTakenAtOneLocationIsFreeAtAnother() {
    String first = createLocation();
    String second = createLocation();
    var one =
        api.post(
            "/api/v1/rooms", Map.of("locationId", first, "name", "Exam " + tag, "kind", "exam"));

    var other =
        api.post(
            "/api/v1/rooms", Map.of("locationId", second, "name", "Exam " + tag, "kind", "exam"));

    assertThat(one.status()).isEqualTo(201);
    assertThat(other.status()).as(other.toString()).isEqualTo(201);
  }

  // ----------------------------------------------------------------------- 422: the meaning

  @Test
  void aLocationInATimeZoneThatDoesNotExistIsRefused() {
    var martian = location("Site " + tag);
    martian.put("timeZone", "Mars/Olympus");

    var refused = api.post("/api/v1/locations", martian);

    assertThatProblem(refused)
        .is(422, "invalid-time-zone")
        .naming("timeZone")
        .withDetailContaining("Mars/Olympus");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void aLocationOnAFixedOffsetInsteadOfAZoneIsRefused() {
    var offset = location("Site " + tag);
    offset.put("timeZone", "+01:00");

    assertThatProblem(api.post("/api/v1/locations", offset))
        .is(422, "invalid-time-zone")
        .naming("timeZone");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void movingALocationToATimeZoneThatDoesNotExistLeavesItUnchanged() {
    var created = api.post("/api/v1/locations", location("Site " + tag));
    String id = createdAt(created, "/api/v1/locations/");
    var martian = location("Site " + tag + " on Mars");
    martian.put("timeZone", "Mars/Olympus");

    var refused = api.put("/api/v1/locations/" + id, martian);

    assertThatProblem(refused).is(422, "invalid-time-zone");
    assertThat(api.get("/api/v1/locations/" + id).body()).isEqualTo(created.body());
  }

  @Test
  void aLocationInACountryThatDoesNotExistIsRefused() {
    var nowhere = location("Site " + tag);
    nowhere.put("address", address("ZZ"));

    var refused = api.post("/api/v1/locations", nowhere);

    assertThatProblem(refused)
        .is(422, "invalid-country")
        .naming("address.country")
        .withDetailContaining("ZZ");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void openingHoursThatEndBeforeTheyStartAreRefused() {
    var backwards = location("Site " + tag);
    backwards.put("openingHours", List.of(window("MONDAY", "12:00", "09:00")));

    var refused = api.post("/api/v1/locations", backwards);

    assertThatProblem(refused).is(422, "ends-before-start").naming("openingHours");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void overlappingWeeklyHoursAreRefusedAndTheUsualWeekIsKept() {
    String site = createLocation();
    String provider = createProvider(site);
    setHours(provider, hours(site, "MONDAY", "09:00", "12:00"));

    var refused =
        api.put(
            "/api/v1/providers/" + provider + "/weekly-hours",
            List.of(
                hours(site, "TUESDAY", "09:00", "12:00"),
                hours(site, "TUESDAY", "11:30", "14:00")));

    assertThatProblem(refused)
        .is(422, "hours-overlap")
        .naming("hours")
        .withDetailContaining("TUESDAY 09:00-12:00", "TUESDAY 11:30-14:00");
    assertThat(hoursOf(provider)).containsExactly("MONDAY 09:00-12:00");
    assertThat(
            count(
                "SELECT count(*) FROM provider_weekly_hours WHERE provider_id = ?::uuid", provider))
        .isEqualTo(1);
  }

  @Test
  void weeklyHoursThatEndBeforeTheyStartAreRefusedAndTheUsualWeekIsKept() {
    String site = createLocation();
    String provider = createProvider(site);
    setHours(provider, hours(site, "MONDAY", "09:00", "12:00"));

    var refused =
        api.put(
            "/api/v1/providers/" + provider + "/weekly-hours",
            List.of(hours(site, "FRIDAY", "18:00", "08:00")));

    assertThatProblem(refused).is(422, "ends-before-start").naming("ends");
    assertThat(hoursOf(provider)).containsExactly("MONDAY 09:00-12:00");
  }

  @Test
  void weeklyHoursAtALocationTheProviderDoesNotWorkAtAreRefused() {
    String home = createLocation();
    String elsewhere = createLocation();
    String provider = createProvider(home);
    setHours(provider, hours(home, "MONDAY", "09:00", "12:00"));

    var refused =
        api.put(
            "/api/v1/providers/" + provider + "/weekly-hours",
            List.of(
                hours(home, "MONDAY", "09:00", "12:00"),
                hours(elsewhere, "TUESDAY", "09:00", "12:00")));

    assertThatProblem(refused)
        .is(422, "location-not-served")
        .naming("locationId")
        .withDetailContaining(elsewhere);
    assertThat(hoursOf(provider)).containsExactly("MONDAY 09:00-12:00");
  }

  @Test
  void aDateOverrideAtALocationTheProviderDoesNotWorkAtIsRefused() {
    String home = createLocation();
    String elsewhere = createLocation();
    String provider = createProvider(home);

    var refused =
        api.put(
            "/api/v1/providers/" + provider + "/date-overrides/2027-05-03",
            Map.of(
                "hours",
                List.of(Map.of("locationId", elsewhere, "starts", "10:00", "ends", "13:00"))));

    assertThatProblem(refused).is(422, "location-not-served").naming("hours");
    assertThat(
            count(
                "SELECT count(*) FROM provider_date_override WHERE provider_id = ?::uuid",
                provider))
        .isZero();
  }

  @Test
  void aLocationStillInTheProvidersHoursCannotBeTakenFromThem() {
    String first = createLocation();
    String second = createLocation();
    var created = api.post("/api/v1/providers", provider(first, second));
    String provider = createdAt(created, "/api/v1/providers/");
    setHours(provider, hours(second, "MONDAY", "09:00", "12:00"));

    var refused = api.put("/api/v1/providers/" + provider, provider(first));

    assertThatProblem(refused)
        .is(422, "location-still-in-hours")
        .naming("locationIds")
        .withDetailContaining(second);
    assertThat(api.get("/api/v1/providers/" + provider).body()).isEqualTo(created.body());
  }

  @Test
  void aLocationUsedOnlyByADateOverrideCannotBeTakenFromTheProviderEither() {
    String first = createLocation();
    String second = createLocation();
    String provider =
        createdAt(api.post("/api/v1/providers", provider(first, second)), "/api/v1/providers/");
    assertThat(
            api.put(
                    "/api/v1/providers/" + provider + "/date-overrides/2027-05-03",
                    Map.of(
                        "hours",
                        List.of(Map.of("locationId", second, "starts", "10:00", "ends", "13:00"))))
                .status())
        .isEqualTo(200);

    var refused = api.put("/api/v1/providers/" + provider, provider(first));

    assertThatProblem(refused).is(422, "location-still-in-hours");
    assertThat(strings(api.get("/api/v1/providers/" + provider).body().get("locationIds")))
        .containsExactlyInAnyOrder(first, second);
  }

  @Test
  void aBookingRuleWithNeitherTypeNorCategoryIsRefused() {
    String provider = createProvider(createLocation());

    var refused = api.post("/api/v1/booking-rules", rule("Vague " + tag, provider, null, null));

    assertThatProblem(refused).is(422, "rule-without-scope").naming("appointmentTypeId");
    assertThat(rulesTagged()).isZero();
  }

  @Test
  void aVideoConsultationCannotRequireARoom() {
    var video = appointmentType("video-" + tag, createProvider(createLocation()));
    video.put("mode", "video");
    video.put("requiredRoomKind", "exam");

    var refused = api.post("/api/v1/appointment-types", video);

    assertThatProblem(refused).is(422, "video-needs-no-room").naming("requiredRoomKind");
    assertThat(typesTagged()).isZero();
  }

  @Test
  void anAppointmentTypeOfferedByAnUnknownProviderIsRefused() {
    String ghost = UUID.randomUUID().toString();

    var refused = api.post("/api/v1/appointment-types", appointmentType("checkup-" + tag, ghost));

    assertThatProblem(refused)
        .is(422, "unknown-provider")
        .naming("providerIds")
        .withDetailContaining(ghost);
    assertThat(typesTagged()).isZero();
  }

  @Test
  void aRoomAtAnUnknownLocationIsRefused() {
    String ghost = UUID.randomUUID().toString();

    var refused =
        api.post(
            "/api/v1/rooms", Map.of("locationId", ghost, "name", "Exam " + tag, "kind", "exam"));

    assertThatProblem(refused).is(422, "unknown-location").naming("locationId");
    assertThat(count("SELECT count(*) FROM room WHERE name = ?", "Exam " + tag)).isZero();
  }

  @Test
  void timeOffThatEndsBeforeItStartsIsRefused() {
    String provider = createProvider(createLocation());

    var refused =
        api.post(
            "/api/v1/providers/" + provider + "/time-off",
            Map.of("start", "2027-04-05T12:00:00+02:00", "end", "2027-04-05T09:00:00+02:00"));

    assertThatProblem(refused).is(422, "time-off-ends-before-start").naming("end");
    assertThat(timeOffOf(provider)).isZero();
  }

  @Test
  void aClosureOfAnUnknownLocationIsRefused() {
    var refused =
        api.post(
            "/api/v1/closures",
            Map.of(
                "locationId",
                UUID.randomUUID().toString(),
                "firstDay",
                "2031-08-04",
                "lastDay",
                "2031-08-22",
                "name",
                "Nowhere " + tag));

    assertThatProblem(refused).is(422, "unknown-location").naming("locationId");
    assertThat(count("SELECT count(*) FROM closure WHERE name = ?", "Nowhere " + tag)).isZero();
  }

  @Test
  void aBookingRuleForAnUnknownAppointmentTypeIsRefused() {
    String provider = createProvider(createLocation());

    var refused =
        api.post(
            "/api/v1/booking-rules",
            rule("Ghost type " + tag, provider, UUID.randomUUID().toString(), null));

    assertThatProblem(refused).is(422, "unknown-appointment-type").naming("appointmentTypeId");
    assertThat(rulesTagged()).isZero();
  }

  @Test
  void renamingARoomToANameTakenAtItsLocationIsAConflictAndLeavesItUnchanged() {
    String site = createLocation();
    api.post("/api/v1/rooms", Map.of("locationId", site, "name", "Exam " + tag, "kind", "exam"));
    var other =
        api.post(
            "/api/v1/rooms", Map.of("locationId", site, "name", "Other " + tag, "kind", "exam"));
    String id = createdAt(other, "/api/v1/rooms/");

    var refused =
        api.put(
            "/api/v1/rooms/" + id,
            Map.of("locationId", site, "name", "exam " + tag, "kind", "exam"));

    assertThatProblem(refused).is(409, "room-name-taken").naming("name");
    assertThat(api.get("/api/v1/rooms/" + id).body()).isEqualTo(other.body());
  }

  @Test
  void aClosureWhoseLastDayIsBeforeItsFirstIsRefused() {
    var refused =
        api.post(
            "/api/v1/closures",
            Map.of("firstDay", "2031-08-22", "lastDay", "2031-08-04", "name", "Backwards " + tag));

    assertThatProblem(refused).is(422, "last-day-before-first").naming("lastDay");
    assertThat(count("SELECT count(*) FROM closure WHERE name = ?", "Backwards " + tag)).isZero();
  }

  // ------------------------------------------------------------------------------- fixtures

  /** Every location of a test carries the test's tag as its address line. */
  private Map<String, Object> location(String name) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("timeZone", "Europe/Paris");
    body.put("address", address("FR"));
    body.put("phone", "+33 1 23 45 67 89");
    body.put(
        "openingHours",
        List.of(
            window("MONDAY", "08:00", "12:00"),
            window("MONDAY", "14:00", "19:00"),
            window("TUESDAY", "08:00", "19:00")));
    body.put("active", true);
    return body;
  }

  private Map<String, Object> address(String country) {
    return Map.of("line", tag, "postalCode", "75001", "city", tag, "country", country);
  }

  private static Map<String, Object> window(String day, String starts, String ends) {
    return Map.of("day", day, "starts", starts, "ends", ends);
  }

  private Map<String, Object> provider(String... locationIds) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("title", "Dr");
    body.put("givenName", "Ada");
    body.put("familyName", "Tester-" + tag);
    body.put("specialties", List.of("general-practice"));
    body.put("languages", List.of("fr", "en"));
    body.put("locationIds", List.of(locationIds));
    body.put("active", true);
    return body;
  }

  /** Named "Check-up <tag>" in English whatever the code, so {@link #typesTagged()} finds it. */
  private Map<String, Object> appointmentType(String code, String... providerIds) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("code", code);
    body.put(
        "names", Map.of("fr", "Bilan " + tag, "en", "Check-up " + tag, "it", "Controllo " + tag));
    body.put("durationMinutes", 20);
    body.put("providerIds", List.of(providerIds));
    return body;
  }

  private static Map<String, Object> hours(
      String location, String day, String starts, String ends) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("locationId", location);
    body.put("day", day);
    body.put("starts", starts);
    body.put("ends", ends);
    return body;
  }

  /** Always scoped to a provider of the test, so it restricts nobody else's bookings. */
  private Map<String, Object> rule(
      String description, String provider, String type, String category) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("description", description);
    body.put("providerId", provider);
    body.put("appointmentTypeId", type);
    body.put("patientCategory", category);
    body.put("windows", List.of(window("TUESDAY", "13:00", "18:00")));
    return body;
  }

  private String createLocation() {
    return createdAt(
        api.post("/api/v1/locations", location("Site " + UUID.randomUUID())), "/api/v1/locations/");
  }

  private String createProvider(String... locationIds) {
    return createdAt(api.post("/api/v1/providers", provider(locationIds)), "/api/v1/providers/");
  }

  private String createType(String provider) {
    return createdAt(
        api.post(
            "/api/v1/appointment-types", appointmentType("type-" + UUID.randomUUID(), provider)),
        "/api/v1/appointment-types/");
  }

  private void setHours(String provider, Map<String, Object> hours) {
    var response = api.put("/api/v1/providers/" + provider + "/weekly-hours", List.of(hours));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  /** The id of what a 201 created, after checking its Location names it under {@code prefix}. */
  private static String createdAt(Api.Response created, String prefix) {
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.string("id");
    assertThat(created.header("Location")).isEqualTo(prefix + id);
    return id;
  }

  private List<String> hoursOf(String provider) {
    var week = api.get("/api/v1/providers/" + provider + "/weekly-hours");
    assertThat(week.status()).as(week.toString()).isEqualTo(200);
    return windows(week.body());
  }

  private static List<String> windows(JsonNode windows) {
    List<String> out = new ArrayList<>();
    windows.forEach(
        w ->
            out.add(
                w.get("day").asString()
                    + " "
                    + LocalTime.parse(w.get("starts").asString())
                    + "-"
                    + LocalTime.parse(w.get("ends").asString())));
    return out;
  }

  private static List<String> ids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.get("id").asString()));
    return out;
  }

  private static List<String> dates(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.get("date").asString()));
    return out;
  }

  private static List<String> strings(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.forEach(n -> out.add(n.asString()));
    return out;
  }

  private int locationsTagged() {
    return count("SELECT count(*) FROM location WHERE address_line = ?", tag);
  }

  private int typesTagged() {
    return count("SELECT count(*) FROM appointment_type WHERE name_en = ?", "Check-up " + tag);
  }

  private int rulesTagged() {
    return count("SELECT count(*) FROM booking_rule WHERE description LIKE ?", "%" + tag);
  }

  private int timeOffOf(String provider) {
    return count("SELECT count(*) FROM provider_time_off WHERE provider_id = ?::uuid", provider);
  }

  private int count(String sql, Object... args) {
    return jdbc.sql(sql).params(args).query(Integer.class).single();
  }
}
