package org.accueil.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.Provider;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.RaceFixture;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fifty people click "book" at the same moment. Over real HTTP, on one node, the database lets
 * exactly one of each conflicting group through, and the losers are told who won.
 */
@AccueilTest
class NoDoubleBookingTests {

  static final int BOOKERS = 50;
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Autowired Api api;
  @Autowired PracticeAdministration admin;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  @BeforeEach
  void earlyMarch() {
    clock.setParis(LocalDateTime.of(2027, 3, 1, 8, 0));
  }

  @Test
  void fiftyBookersForTheSameTimeGetExactlyOneAppointment() throws Exception {
    RaceFixture race = RaceFixture.create(admin, 1);
    Provider provider = race.providers.getFirst();
    OffsetDateTime start = LocalDateTime.of(2027, 3, 10, 9, 0).atZone(PARIS).toOffsetDateTime();

    List<Api.Response> responses = race(i -> booking(race, provider, start, i));

    List<Api.Response> won = responses.stream().filter(r -> r.status() == 201).toList();
    List<Api.Response> lost = responses.stream().filter(r -> r.status() == 409).toList();
    assertThat(won).hasSize(1);
    assertThat(lost).hasSize(BOOKERS - 1);
    String winner = won.getFirst().string("id");
    lost.forEach(r -> assertThat(r.string("conflictingAppointmentId")).isEqualTo(winner));
    assertThat(race.overlaps(jdbc)).isZero();
  }

  @Test
  void fiftyBookersOnOverlappingTimesLeaveNoOverlapAndLosersAreToldWhoIsInTheWay()
      throws Exception {
    RaceFixture race = RaceFixture.create(admin, 1);
    Provider provider = race.providers.getFirst();
    OffsetDateTime nine = LocalDateTime.of(2027, 3, 11, 9, 0).atZone(PARIS).toOffsetDateTime();

    // Starts every 5 minutes over two hours: each 30-minute visit (+10 minutes of buffer)
    // collides with its seven neighbours on either side.
    List<OffsetDateTime> starts = new ArrayList<>();
    for (int i = 0; i < BOOKERS; i++) {
      starts.add(nine.plusMinutes(5L * (i % 25)));
    }
    List<Api.Response> responses = race(i -> booking(race, provider, starts.get(i), i));

    record Won(String id, OffsetDateTime start) {}
    List<Won> won = new ArrayList<>();
    for (int i = 0; i < BOOKERS; i++) {
      Api.Response response = responses.get(i);
      assertThat(response.status()).as(response.toString()).isIn(201, 409);
      if (response.status() == 201) {
        won.add(new Won(response.string("id"), starts.get(i)));
      }
    }
    assertThat(won).isNotEmpty();
    for (Won a : won) {
      for (Won b : won) {
        if (a != b) {
          assertThat(blockedOverlap(a.start(), b.start()))
              .as("winners %s and %s overlap", a, b)
              .isFalse();
        }
      }
    }
    for (int i = 0; i < BOOKERS; i++) {
      Api.Response response = responses.get(i);
      if (response.status() == 409) {
        assertThat(response.body().has("conflictingAppointmentId"))
            .as(response.toString())
            .isTrue();
        String inTheWay = response.string("conflictingAppointmentId");
        OffsetDateTime requested = starts.get(i);
        assertThat(won)
            .as("the appointment named in a 409 is a winner that overlaps the request")
            .anyMatch(w -> w.id().equals(inTheWay) && blockedOverlap(w.start(), requested));
      }
    }
    assertThat(race.overlaps(jdbc)).isZero();
  }

  @Test
  void twoProvidersRacingForTheOnlyProcedureRoomGetItOnce() throws Exception {
    RaceFixture race = RaceFixture.create(admin, 2);
    OffsetDateTime start = LocalDateTime.of(2027, 3, 12, 14, 0).atZone(PARIS).toOffsetDateTime();

    List<Api.Response> responses = race(i -> booking(race, race.providers.get(i % 2), start, i));

    assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
    assertThat(responses.stream().filter(r -> r.status() == 409)).hasSize(BOOKERS - 1);
    assertThat(race.overlaps(jdbc)).isZero();
  }

  /** Visits last 30 minutes and block 10 more after: [start, start + 40 min). */
  static boolean blockedOverlap(OffsetDateTime a, OffsetDateTime b) {
    Duration blocked = Duration.ofMinutes(40);
    return a.isBefore(b.plus(blocked)) && b.isBefore(a.plus(blocked));
  }

  static Map<String, Object> booking(
      RaceFixture race, Provider provider, OffsetDateTime start, int booker) {
    return Map.of(
        "appointmentTypeId", race.procedure.id().toString(),
        "providerId", provider.id().toString(),
        "start", start.toString(),
        "patient",
            Map.of(
                "givenName",
                "Booker",
                "familyName",
                "Number " + Tags.letters(booker),
                "birthDate",
                "1990-01-01",
                "email",
                "booker" + booker + "@example.org"));
  }

  /** Sends every request at once (a latch releases them together) and waits for the answers. */
  List<Api.Response> race(IntFunction<Map<String, Object>> bodies) throws Exception {
    return race(i -> api, bodies);
  }

  static List<Api.Response> race(IntFunction<Api> node, IntFunction<Map<String, Object>> bodies)
      throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newFixedThreadPool(BOOKERS)) {
      List<Future<Api.Response>> futures = new ArrayList<>();
      for (int i = 0; i < BOOKERS; i++) {
        int booker = i;
        Map<String, Object> body = bodies.apply(booker);
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return node.apply(booker).post("/api/v1/appointments", body);
                }));
      }
      go.countDown();
      List<Api.Response> responses = new ArrayList<>();
      for (Future<Api.Response> future : futures) {
        responses.add(future.get());
      }
      return responses;
    }
  }
}
