package org.accueil.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.Provider;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.RaceFixture;
import org.accueil.testing.SecondNode;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two Accueil nodes on one PostgreSQL, as in a deployment behind a load balancer: bookers spread
 * over both still get exactly one appointment per conflict, and a change made on one node is seen
 * at once by the other.
 */
@AccueilTest
class TwoNodesNoDoubleBookingTests {

  static ConfigurableApplicationContext secondNode;

  @Autowired Api firstNode;
  @Autowired PracticeAdministration admin;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired JsonMapper json;
  @Autowired org.springframework.context.ApplicationContext firstNodeContext;

  @BeforeAll
  static void startTheSecondNode(@Autowired Environment firstNodeEnvironment) {
    secondNode = SecondNode.start(firstNodeEnvironment);
  }

  @AfterAll
  static void stopTheSecondNode() {
    if (secondNode != null) {
      secondNode.close();
    }
  }

  @BeforeEach
  void realTime() {
    // The second node runs on the real clock; so does the first, for this test.
    clock.reset();
  }

  Api secondNode() {
    int port = ((WebServerApplicationContext) secondNode).getWebServer().getPort();
    return firstNode.withBaseUrl("http://localhost:" + port);
  }

  @Test
  void fiftyBookersSpreadOverTwoNodesGetExactlyOneAppointment() throws Exception {
    RaceFixture race = RaceFixture.create(admin, 1);
    Provider provider = race.providers.getFirst();
    OffsetDateTime start =
        LocalDate.now(ZoneId.of("Europe/Paris"))
            .plusDays(30)
            .atTime(10, 0)
            .atZone(ZoneId.of("Europe/Paris"))
            .toOffsetDateTime();
    Api second = secondNode();

    List<Api.Response> responses =
        NoDoubleBookingTests.race(
            i -> i % 2 == 0 ? firstNode : second,
            i -> NoDoubleBookingTests.booking(race, provider, start.plusMinutes(5L * (i % 3)), i));

    List<Api.Response> won = responses.stream().filter(r -> r.status() == 201).toList();
    assertThat(won).hasSize(1);
    assertThat(responses.stream().filter(r -> r.status() == 409))
        .hasSize(NoDoubleBookingTests.BOOKERS - 1)
        .allSatisfy(
            r ->
                assertThat(r.string("conflictingAppointmentId"))
                    .isEqualTo(won.getFirst().string("id")));
    assertThat(race.overlaps(jdbc)).isZero();
  }

  @Test
  void aProviderCreatedOnOneNodeIsBookableAtOnceOnTheOther() {
    RaceFixture race = RaceFixture.create(admin, 1);
    String provider = race.providers.getFirst().id().toString();
    LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(20);

    var seenBySecond = secondNode().get("/api/v1/providers/" + provider);
    var slots =
        secondNode()
            .get(
                "/api/v1/slots?appointmentType="
                    + race.procedure.id()
                    + "&from="
                    + day
                    + "&to="
                    + day
                    + "&provider="
                    + provider);

    assertThat(seenBySecond.status()).isEqualTo(200);
    assertThat(slots.status()).isEqualTo(200);
    assertThat(slots.body().size()).isPositive();
  }

  @Test
  void aTimeBlockedOnOneNodeIsRefusedAtOnceOnTheOtherAndEachPatientIsContactedOnce()
      throws Exception {
    RaceFixture race = RaceFixture.create(admin, 1);
    Provider provider = race.providers.getFirst();
    java.time.LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(31);
    OffsetDateTime nine = day.atTime(9, 0).atZone(ZoneId.of("Europe/Paris")).toOffsetDateTime();
    // Eight patients between 09:00 and 14:20 (a 30-minute visit and its 10-minute buffer each).
    for (int i = 0; i < 8; i++) {
      var booked =
          firstNode.post(
              "/api/v1/appointments",
              NoDoubleBookingTests.booking(race, provider, nine.plusMinutes(40L * i), 900 + i));
      assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    }

    var blocked =
        firstNode.post(
            "/api/v1/disruptions",
            java.util.Map.of(
                "providerId",
                provider.id().value().toString(),
                "start",
                nine.toString(),
                "end",
                nine.plusHours(6).toString(),
                "reason",
                "ill",
                "action",
                "same-provider",
                "contact",
                false));
    assertThat(blocked.status()).as(blocked.toString()).isEqualTo(201);
    assertThat(blocked.body().get("patients")).hasSize(8);

    // The other node refuses the blocked time at once, and offers none of it.
    var refused =
        secondNode()
            .post(
                "/api/v1/appointments",
                NoDoubleBookingTests.booking(
                    race, provider, nine.plusHours(5).plusMinutes(30), 99));
    assertThat(refused.status()).as(refused.toString()).isIn(409, 422);
    var slots =
        secondNode()
            .get(
                "/api/v1/slots?appointmentType="
                    + race.procedure.id()
                    + "&provider="
                    + provider.id()
                    + "&from="
                    + day
                    + "&to="
                    + day);
    assertThat(slots.status()).isEqualTo(200);
    for (var slot : slots.body().findValuesAsString("start")) {
      OffsetDateTime start = OffsetDateTime.parse(slot);
      assertThat(start.isBefore(nine) || !start.isBefore(nine.plusHours(6)))
          .as(slot + " is in the blocked time")
          .isTrue();
    }

    // Both nodes run the pass at once: each patient is contacted once, with times of their own.
    java.util.UUID id = java.util.UUID.fromString(blocked.string("id"));
    org.accueil.disruptions.Disruptions here =
        firstNodeContext.getBean(org.accueil.disruptions.Disruptions.class);
    org.accueil.disruptions.Disruptions there =
        secondNode.getBean(org.accueil.disruptions.Disruptions.class);
    jdbc.sql("UPDATE disruption_patient SET state = 'pending' WHERE disruption_id = :d")
        .param("d", id)
        .update();
    var threads = java.util.concurrent.Executors.newFixedThreadPool(2);
    var a = threads.submit(here::runPass);
    var b = threads.submit(there::runPass);
    int handled =
        a.get(60, java.util.concurrent.TimeUnit.SECONDS)
            + b.get(60, java.util.concurrent.TimeUnit.SECONDS);
    threads.shutdown();
    assertThat(handled).isEqualTo(8);
    var progress = here.progress(id);
    // Contacted once each: one set of times (or, for a patient no channel reaches here, straight
    // to the call list), never nothing free though the provider has days of free time.
    assertThat(progress.patients())
        .allSatisfy(p -> assertThat(p.rounds()).isEqualTo(1))
        .allSatisfy(p -> assertThat(p.escalation()).isNotEqualTo("nothing-free"));
    assertThat(progress.patients().stream().filter(p -> !p.offers().isEmpty())).isNotEmpty();
    long held =
        progress.patients().stream()
            .flatMap(p -> p.offers().stream())
            .map(o -> o.hold())
            .distinct()
            .count();
    assertThat(held)
        .isEqualTo(progress.patients().stream().mapToLong(p -> p.offers().size()).sum());
  }
}
