package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.accueil.scheduling.Appointment;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** Bookings made while the EHR is away reach it once it is back: each once, with its patient. */
class EhrOutageTests extends FhirConnectorTestBase {

  private static final int BOOKINGS = 30;

  @Test
  void bookingsMadeWhileTheEhrIsDownArriveOnceEachWhenItIsBack() {
    ehr.capabilities();
    List<Appointment> booked = new ArrayList<>();
    proxy().down(true);
    try {
      LocalDate day = LocalDate.now(PARIS).plusDays(20);
      int slot = 0;
      for (int i = 0; i < BOOKINGS; i++) {
        if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
          day = day.plusDays(1);
        }
        Instant start =
            day.atTime(8, 0).atZone(PARIS).toInstant().plus(Duration.ofMinutes(30L * slot));
        booked.add(book(start, newPatient()));
        if (++slot == 20) {
          slot = 0;
          day = day.plusDays(1);
        }
      }
      pause(15_000);
    } finally {
      proxy().down(false);
    }

    for (Appointment appointment : booked) {
      awaitPushed(appointment.id());
    }
    for (Appointment appointment : booked) {
      assertThat(
              inEhr(
                  org.hl7.fhir.r4.model.Appointment.class,
                  OUR_APPOINTMENTS,
                  appointment.id().value().toString()))
          .hasSize(1);
      assertThat(inEhr(Patient.class, OUR_PATIENTS, appointment.patient().value().toString()))
          .hasSize(1);
    }
    Integer retried =
        jdbc.sql(
                """
                SELECT count(*) FROM integration_delivery_attempt a
                  JOIN integration_outbox o ON o.id = a.outbox_id
                 WHERE o.destination = 'fhir' AND a.outcome <> 'delivered'
                """)
            .query(Integer.class)
            .single();
    assertThat(retried).as("attempts made while the EHR was down").isPositive();
  }
}
