package org.accueil.integration.fhir;

import static org.accueil.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.accueil.integration.EhrSandbox;
import org.accueil.testing.AccueilProcess;
import org.accueil.testing.RestClinic;
import org.accueil.testing.Tags;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accueil killed with SIGKILL while its writes to the test EHR are committed there but not yet
 * answered: after a restart on the same database every booking, cancellation and patient is in the
 * EHR exactly once. The EHR here offers no conditional create (as Epic's and Oracle Health's do
 * not), so what prevents the duplicate is the search by our identifier before a write is tried
 * again. Accueil runs in a JVM of its own ({@link AccueilProcess}); bookings go through its REST
 * API; the EHR's answers to writes are held back by {@link EhrProxy} so the kill lands while
 * several wait.
 */
@Tag("slow")
class EhrCrashTests {

  static final int BOOKINGS = 30;
  static final int CANCELLED = 5;

  /** Long enough that the kill lands while several writes wait for their answer. */
  static final Duration ANSWER_DELAY = Duration.ofMillis(1500);

  EhrProxy proxy;
  AccueilProcess node;

  @BeforeEach
  void aSlowEhrAndAnAccueilWritingToIt() {
    proxy = new EhrProxy(EhrSandbox.shared().baseUrl());
    proxy.hideConditionalWrites(true);
    node =
        AccueilProcess.onNewDatabase(
            "--accueil.integration.fhir.enabled=true",
            "--accueil.integration.fhir.base-url=" + proxy.baseUrl(),
            "--accueil.integration.fhir.create-missing-practitioners=true",
            "--accueil.integration.fhir.read-timeout=10s",
            // This test is about our writes: nothing read back from the shared test EHR.
            "--accueil.integration.fhir.polling.enabled=false",
            "--accueil.integration.fhir.reconciliation.enabled=false",
            // A killed node's claims are taken over after the lease: 2 s rather than 15.
            "--accueil.integration.outbox.lease=2s");
  }

  @AfterEach
  void stopBoth() {
    node.close();
    proxy.stop();
  }

  @Test
  void killedWhileWritesAwaitTheEhrsAnswerEveryBookingIsThereOnceAfterARestart() {
    Instant t0 = Instant.now();
    node.start();
    RestClinic clinic = RestClinic.create(node.api());
    proxy.delayAnswers(
        ANSWER_DELAY,
        call ->
            call.startsWith("POST /fhir/Appointment")
                || call.startsWith("PUT /fhir/Appointment")
                || call.startsWith("POST /fhir/Patient"));
    List<String> booked = new ArrayList<>();
    String family = "Crash" + Tags.letters();
    for (ZonedDateTime start : RestClinic.starts(BOOKINGS)) {
      booked.add(clinic.book(node.api(), start, "Kim" + Tags.letters(), family));
    }
    List<String> cancelled = booked.subList(0, CANCELLED);
    JdbcClient db = node.database();
    // Cancelled once the EHR has them (cancelled before, there would be nothing to write): their
    // updates are in flight with the later bookings when the kill comes.
    await(
        () -> deliveredOf(db, cancelled) == CANCELLED,
        Duration.ofSeconds(60),
        "the first bookings in the EHR");
    cancelled.forEach(id -> clinic.cancel(node.api(), id));
    int rows = count(db, "SELECT count(*) FROM integration_outbox WHERE destination = 'fhir'");

    // Writes the EHR committed, their answers still held back: the kill loses those answers.
    await(() -> proxy.answersHeld() >= 2, Duration.ofSeconds(60), "writes awaiting their answer");
    int heldAtTheKill = proxy.answersHeld();
    node.kill();
    int deliveredAtTheKill = delivered(db);
    assertThat(deliveredAtTheKill).as("rows delivered before the kill").isLessThan(rows);
    Instant killed = Instant.now();
    proxy.delayAnswers(Duration.ZERO, call -> false);

    node.start();
    await(
        () -> delivered(db) == rows,
        Duration.ofSeconds(120),
        "every row delivered after the restart");
    Duration recovery = Duration.between(killed, Instant.now());

    for (String id : booked) {
      List<Appointment> inEhr =
          FhirConnectorTestBase.inEhr(
              Appointment.class, FhirConnectorTestBase.OUR_APPOINTMENTS, id);
      assertThat(inEhr).as("appointment %s in the EHR", id).hasSize(1);
      assertThat(inEhr.getFirst().getStatus())
          .as("appointment %s's status in the EHR", id)
          .isEqualTo(
              cancelled.contains(id) ? AppointmentStatus.CANCELLED : AppointmentStatus.BOOKED);
    }
    List<String> patients =
        db.sql("SELECT DISTINCT patient_id::text FROM appointment WHERE id::text = ANY (:ids)")
            .param("ids", booked.toArray(String[]::new))
            .query(String.class)
            .list();
    assertThat(patients).hasSize(BOOKINGS);
    for (String patient : patients) {
      assertThat(
              FhirConnectorTestBase.inEhr(
                  Patient.class, FhirConnectorTestBase.OUR_PATIENTS, patient))
          .as("patient %s in the EHR", patient)
          .hasSize(1);
    }
    int triedAgain =
        count(
            db,
            "SELECT count(*) FROM integration_outbox WHERE destination = 'fhir' AND attempts > 1");
    assertThat(triedAgain)
        .as("rows whose answer the kill lost, tried again after the restart")
        .isGreaterThanOrEqualTo(1);
    System.out.printf(
        "EhrCrashTests: %d rows; at the kill %d delivered, %d writes committed by the EHR awaiting"
            + " their answer; %d rows tried again after the restart, none written twice. Kill to"
            + " all delivered %d ms, whole test %d ms.%n",
        rows,
        deliveredAtTheKill,
        heldAtTheKill,
        triedAgain,
        recovery.toMillis(),
        Duration.between(t0, Instant.now()).toMillis());
  }

  private static int deliveredOf(JdbcClient db, List<String> appointments) {
    return db.sql(
            "SELECT count(*) FROM integration_outbox WHERE destination = 'fhir'"
                + " AND state = 'delivered' AND key = ANY (:keys)")
        .param("keys", appointments.stream().map(id -> "appointment:" + id).toArray(String[]::new))
        .query(Integer.class)
        .single();
  }

  private static int delivered(JdbcClient db) {
    return count(
        db,
        "SELECT count(*) FROM integration_outbox WHERE destination = 'fhir' AND state = 'delivered'");
  }

  private static int count(JdbcClient db, String sql) {
    return db.sql(sql).query(Integer.class).single();
  }
}
