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
    assertThat(p95).isLessThan(1000);
  }
}
