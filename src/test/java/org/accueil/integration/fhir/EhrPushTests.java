package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** What Accueil books, moves and cancels appears in the EHR: once, with our identifier. */
class EhrPushTests extends FhirConnectorTestBase {

  @Test
  void aBookingBecomesAnAppointmentInTheEhrWithOurIdentifierAndThePatientIsCreatedOnce() {
    var patient = newPatient();
    Appointment first = book(dayAt(2, 9, 0), patient);
    String remote = awaitPushed(first.id());

    var inEhr =
        inEhr(
            org.hl7.fhir.r4.model.Appointment.class,
            OUR_APPOINTMENTS,
            first.id().value().toString());
    assertThat(inEhr).hasSize(1);
    var appointment = inEhr.getFirst();
    assertThat(appointment.getIdElement().getIdPart()).isEqualTo(remote);
    assertThat(appointment.getStatus())
        .isEqualTo(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.BOOKED);
    assertThat(appointment.getStart().toInstant()).isEqualTo(first.start());
    assertThat(appointment.getEnd().toInstant()).isEqualTo(first.end());
    assertThat(appointment.getParticipant())
        .extracting(p -> p.getActor().getReferenceElement().getResourceType())
        .containsExactlyInAnyOrder("Patient", "Practitioner", "Location");
    FhirValidation.r4().assertValid(appointment);

    Appointment second = book(dayAt(2, 11, 0), patient);
    awaitPushed(second.id());
    var patients = inEhr(Patient.class, OUR_PATIENTS, first.patient().value().toString());
    assertThat(patients).as("one Patient for two bookings").hasSize(1);
    FhirValidation.r4().assertValid(patients.getFirst());
    assertThat(
            inEhr(
                    org.hl7.fhir.r4.model.Appointment.class,
                    OUR_APPOINTMENTS,
                    second.id().value().toString())
                .getFirst()
                .getParticipant()
                .stream()
                .map(p -> p.getActor().getReference()))
        .contains("Patient/" + patients.getFirst().getIdElement().getIdPart());
  }

  @Test
  void aCancellationInAccueilCancelsTheEhrsCopy() {
    Appointment booked = book(dayAt(3, 10, 0), newPatient());
    String remote = awaitPushed(booked.id());

    appointments.cancel(new CancelAppointment(booked.id(), "patient asked", "test"));

    await(
        "the EHR's copy cancelled",
        Duration.ofSeconds(30),
        () -> {
          var status =
              sandbox()
                  .read()
                  .resource(org.hl7.fhir.r4.model.Appointment.class)
                  .withId(remote)
                  .execute()
                  .getStatus();
          return status == org.hl7.fhir.r4.model.Appointment.AppointmentStatus.CANCELLED
              ? java.util.Optional.of(true)
              : java.util.Optional.empty();
        });
    // Our own change coming back from the EHR changes nothing here.
    pause(1500);
    assertThat(appointments.find(booked.id()).orElseThrow().status())
        .isEqualTo(AppointmentStatus.CANCELLED);
  }

  @Test
  void anAnswerLostAfterTheEhrCreatedTheAppointmentMakesNoDuplicate() {
    // The EHR as the vendors' are: no conditional create, no transactions; the connector must
    // search before it writes again.
    awaitOutboxIdle();
    proxy().hideConditionalWrites(true);
    ehr.forgetCapabilities();
    try {
      proxy().loseAnswers(1, call -> call.startsWith("POST /fhir/Appointment"));
      Appointment booked = book(dayAt(4, 9, 30), newPatient());
      awaitPushed(booked.id());

      assertThat(
              inEhr(
                  org.hl7.fhir.r4.model.Appointment.class,
                  OUR_APPOINTMENTS,
                  booked.id().value().toString()))
          .as("one Appointment although its creation was never answered")
          .hasSize(1);
      // Usually one POST: the retry searched by our identifier first and found it. In a full
      // suite the capabilities may be read again between the two attempts (the periodic refresh),
      // and then the retry is a conditional create, which the EHR answers with the existing one:
      // a second POST, still one Appointment (asserted above).
      assertThat(proxy().callsCarrying(booked.id().value().toString()))
          .filteredOn(c -> c.startsWith("POST /fhir/Appointment"))
          .as("created once, retried at most once as a conditional create")
          .hasSizeBetween(1, 2);
    } finally {
      proxy().hideConditionalWrites(false);
      proxy().loseAnswers(0, call -> false);
      ehr.forgetCapabilities();
    }
  }

  @Test
  void aLostAnswerOfATransactionIsFoundAgainByOurIdentifiers() {
    awaitOutboxIdle();
    proxy().loseAnswers(1, call -> call.equals("POST /fhir") || call.equals("POST /fhir/"));
    Appointment booked = book(dayAt(4, 14, 0), newPatient());
    awaitPushed(booked.id());

    assertThat(
            inEhr(
                org.hl7.fhir.r4.model.Appointment.class,
                OUR_APPOINTMENTS,
                booked.id().value().toString()))
        .hasSize(1);
    assertThat(inEhr(Patient.class, OUR_PATIENTS, booked.patient().value().toString())).hasSize(1);
  }
}
