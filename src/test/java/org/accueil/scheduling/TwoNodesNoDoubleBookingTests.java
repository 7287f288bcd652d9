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
}
