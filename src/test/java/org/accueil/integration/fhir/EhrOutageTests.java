package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.accueil.integration.EhrSandbox;
import org.accueil.integration.hl7v2.TestPeer;
import org.accueil.patients.PatientId;
import org.accueil.scheduling.Appointment;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A network outage: the test EHR (FHIR) and the practice-management system (HL7 v2 over MLLP, the
 * tests' HAPI peer) both stopped for 60 s while 500 bookings are made. Once they are back, every
 * booking is an Appointment in the EHR exactly once and every patient a Patient exactly once, and
 * the peer received each booking's SIU S12 exactly once. Bookings go on before and during the
 * outage as a front desk's would; nothing is replayed by hand.
 */
@Tag("slow")
class EhrOutageTests extends FhirConnectorTestBase {

  private static final int BOOKINGS = 500;

  /** Booked with the EHR up; the rest while it is stopped. */
  private static final int BEFORE_THE_OUTAGE = 100;

  /** Patients the bookings share, as a practice's regular patients book again. */
  private static final int PATIENTS = 50;

  private static final Duration OUTAGE = Duration.ofSeconds(60);

  @Test
  void theEhrAndThePmsStoppedForAMinuteDuringFiveHundredBookingsHaveEachOnceWhenBack()
      throws Exception {
    ehr.capabilities();
    EhrSandbox sandbox = EhrSandbox.shared();
    TestPeer pms = TestPeer.get();
    List<Appointment> booked = new ArrayList<>();
    List<PatientId> patients = new ArrayList<>();
    List<Instant> starts = starts();
    Instant stopped = null;
    Instant back;
    try {
      for (int i = 0; i < BOOKINGS; i++) {
        if (i == BEFORE_THE_OUTAGE) {
          sandbox.stop();
          pms.stop();
          stopped = Instant.now();
        }
        Appointment appointment =
            i < PATIENTS
                ? book(starts.get(i), newPatient())
                : book(starts.get(i), patients.get(i % PATIENTS));
        if (i < PATIENTS) {
          patients.add(appointment.patient());
        }
        booked.add(appointment);
        if (stopped != null) {
          // Spread over the outage (about 40 s of it): bookings keep coming while the EHR is away.
          pause(50);
        }
      }
      // Back no sooner than a minute after it stopped, and no sooner than the last booking.
      pause(Math.max(0, Duration.between(Instant.now(), stopped.plus(OUTAGE)).toMillis()));
    } finally {
      pms.start();
      sandbox.start();
      back = Instant.now();
    }
    long duringTheOutage =
        jdbc.sql(
                """
                SELECT count(DISTINCT a.outbox_id) FROM integration_delivery_attempt a
                  JOIN integration_outbox o ON o.id = a.outbox_id
                 WHERE o.destination = :destination AND a.outcome <> 'delivered'
                   AND a.started_at >= :stopped
                """)
            .param("stopped", java.sql.Timestamp.from(stopped))
            .param("destination", "fhir")
            .query(Long.class)
            .single();
    assertThat(duringTheOutage).as("rows that failed while the EHR was down").isPositive();

    for (Appointment appointment : booked) {
      awaitPushed(appointment.id(), Duration.ofMinutes(5));
    }
    Duration catchUp = Duration.between(back, Instant.now());
    awaitDelivered("hl7v2", booked, Duration.ofMinutes(5));
    Duration catchUpBoth = Duration.between(back, Instant.now());

    for (Appointment appointment : booked) {
      assertThat(
              inEhr(
                  org.hl7.fhir.r4.model.Appointment.class,
                  OUR_APPOINTMENTS,
                  appointment.id().value().toString()))
          .as("appointment %s in the EHR", appointment.id())
          .hasSize(1);
    }
    for (Appointment appointment : booked) {
      assertThat(pms.appliedOf(appointment.id()))
          .as("SIU messages the PMS applied about %s", appointment.id())
          .extracting(TestPeer.Received::event)
          .containsExactly("S12");
      // Sent again only if an ACK was lost as the peer stopped, and then with the same MSH-10.
      assertThat(
              pms.receivedOf(appointment.id()).stream()
                  .map(TestPeer.Received::controlId)
                  .distinct())
          .hasSize(1);
    }
    Map<PatientId, Long> bookingsPerPatient =
        booked.stream().collect(Collectors.groupingBy(Appointment::patient, Collectors.counting()));
    assertThat(bookingsPerPatient).hasSize(PATIENTS);
    for (PatientId patient : patients) {
      List<Patient> inEhr = inEhr(Patient.class, OUR_PATIENTS, patient.value().toString());
      assertThat(inEhr).as("patient %s in the EHR", patient).hasSize(1);
    }
    for (String destination : List.of("fhir", "hl7v2")) {
      assertThat(states(destination, booked))
          .as("the %s rows of these bookings", destination)
          .containsOnlyKeys("delivered");
    }
    System.out.printf(
        "EhrOutageTests: %d bookings (%d during a %d s outage), %d patients; %d rows failed while"
            + " the EHR was down; all in the EHR %d ms and all at the PMS %d ms after both"
            + " answered again.%n",
        BOOKINGS,
        BOOKINGS - BEFORE_THE_OUTAGE,
        OUTAGE.toSeconds(),
        PATIENTS,
        duringTheOutage,
        catchUp.toMillis(),
        catchUpBoth.toMillis());
  }

  /** How many rows of {@code destination} about these bookings are in each state. */
  private Map<String, Long> states(String destination, List<Appointment> booked) {
    return jdbc
        .sql(
            """
            SELECT state, count(*) AS n FROM integration_outbox
             WHERE destination = :destination AND key = ANY (:keys)
             GROUP BY state
            """)
        .param("destination", destination)
        .param("keys", keys(booked))
        .query((rs, n) -> Map.entry(rs.getString("state"), rs.getLong("n")))
        .list()
        .stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  private void awaitDelivered(String destination, List<Appointment> booked, Duration limit) {
    await(
        "every " + destination + " row delivered",
        limit,
        () ->
            states(destination, booked).keySet().equals(java.util.Set.of("delivered"))
                ? java.util.Optional.of(true)
                : java.util.Optional.empty());
  }

  /** The outbox's ordering keys of these bookings, the same for every destination. */
  private static String[] keys(List<Appointment> booked) {
    return booked.stream().map(a -> "appointment:" + a.id().value()).toArray(String[]::new);
  }

  /** Half-hour starts from 20 days ahead, 20 a day, Sundays skipped: one per booking. */
  private static List<Instant> starts() {
    List<Instant> starts = new ArrayList<>();
    LocalDate day = LocalDate.now(PARIS).plusDays(20);
    while (starts.size() < BOOKINGS) {
      if (day.getDayOfWeek() != DayOfWeek.SUNDAY) {
        for (int slot = 0; slot < 20 && starts.size() < BOOKINGS; slot++) {
          starts.add(
              day.atTime(8, 0).atZone(PARIS).toInstant().plus(Duration.ofMinutes(30L * slot)));
        }
      }
      day = day.plusDays(1);
    }
    return starts;
  }
}
