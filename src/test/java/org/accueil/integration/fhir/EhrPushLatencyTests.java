package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.accueil.scheduling.Appointment;
import org.junit.jupiter.api.Test;

/**
 * How soon a booking made in Accueil is an Appointment in the EHR: from the outbox row written in
 * the booking's transaction to the delivery recorded after the EHR answered, over 200 bookings of
 * new patients (Patient and Appointment each time), one every 100 ms.
 *
 * <p>Every booking must arrive; the 1 s bound on the 95th percentile is asserted only when the run
 * is a measurement ({@code -Daccueil.measure=true}) on a machine doing nothing else, since Accueil,
 * PostgreSQL and the test EHR share its cores.
 */
class EhrPushLatencyTests extends FhirConnectorTestBase {

  private static final int BOOKINGS = 200;

  @Test
  void aBookingIsInTheEhrWithinOneSecondAtTheNinetyFifthPercentile() {
    awaitSubscriptionsActive();
    awaitOutboxIdle();
    List<String> keys = new ArrayList<>();
    LocalDate day = LocalDate.now(PARIS).plusDays(2);
    int slot = 0;
    for (int i = 0; i < BOOKINGS; i++) {
      if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
        day = day.plusDays(1);
      }
      Instant start =
          day.atTime(8, 0).atZone(PARIS).toInstant().plus(Duration.ofMinutes(30L * slot));
      Appointment booked = book(start, newPatient());
      keys.add("appointment:" + booked.id().value());
      if (++slot == 20) {
        slot = 0;
        day = day.plusDays(1);
      }
      pause(100);
    }
    List<Long> millis =
        await(
            "every booking delivered",
            Duration.ofSeconds(120),
            () -> {
              List<Long> delivered =
                  jdbc.sql(
                          """
                          SELECT (extract(epoch FROM delivered_at - created_at) * 1000)::bigint
                            FROM integration_outbox
                           WHERE destination = 'fhir' AND key IN (:keys)
                             AND state = 'delivered'
                          """)
                      .param("keys", keys)
                      .query(Long.class)
                      .list();
              return delivered.size() == BOOKINGS ? Optional.of(delivered) : Optional.empty();
            });
    List<Long> sorted = millis.stream().sorted().toList();
    long p50 = sorted.get(BOOKINGS / 2);
    long p95 = sorted.get((int) Math.ceil(BOOKINGS * 0.95) - 1);
    long p99 = sorted.get((int) Math.ceil(BOOKINGS * 0.99) - 1);
    System.out.printf(
        "Booking to EHR Appointment over %d bookings: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
        BOOKINGS, p50, p95, p99, sorted.getLast());
    // Where the time goes: waiting to be claimed, and the delivery's own calls to the EHR.
    List<Long> waits =
        jdbc
            .sql(
                """
                SELECT (extract(epoch FROM min(a.started_at) - o.created_at) * 1000)::bigint
                  FROM integration_outbox o JOIN integration_delivery_attempt a ON a.outbox_id = o.id
                 WHERE o.destination = 'fhir' AND o.key IN (:keys) GROUP BY o.id, o.created_at
                """)
            .param("keys", keys)
            .query(Long.class)
            .list()
            .stream()
            .sorted()
            .toList();
    List<Long> calls =
        jdbc
            .sql(
                """
                SELECT a.duration_ms FROM integration_outbox o
                  JOIN integration_delivery_attempt a ON a.outbox_id = o.id
                 WHERE o.destination = 'fhir' AND o.key IN (:keys)
                """)
            .param("keys", keys)
            .query(Long.class)
            .list()
            .stream()
            .sorted()
            .toList();
    System.out.printf(
        "  waiting to be claimed: p50 %d ms, p95 %d ms; delivering: p50 %d ms, p95 %d ms,"
            + " %d attempts for %d rows%n",
        waits.get(waits.size() / 2),
        waits.get((int) Math.ceil(waits.size() * 0.95) - 1),
        calls.get(calls.size() / 2),
        calls.get((int) Math.ceil(calls.size() * 0.95) - 1),
        calls.size(),
        BOOKINGS);
    assertThat(millis).hasSize(BOOKINGS);
    if (Boolean.getBoolean("accueil.measure")) {
      assertThat(p95).isLessThan(1000);
    }
  }
}
