package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.integration.mapping.LinkedResource;
import org.accueil.patients.Patients;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Source;
import org.accueil.testing.Api;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the EHR's front desk does reaches Accueil within seconds: its cancellations free our slots,
 * its bookings and schedule blocks take time off our availability, and a time both booked is kept
 * twice and flagged, never moved.
 */
class EhrChangesTests extends FhirConnectorTestBase {

  @Autowired Api api;
  @Autowired Patients patients;
  @Autowired FhirPoller poller;

  @Test
  void aCancellationInTheEhrFreesOurSlotWithinThreeSecondsThroughTheSubscription() {
    awaitSubscriptionsActive();
    Instant start = dayAt(2, 15, 0);
    Appointment booked = book(start, newPatient());
    String remote = awaitPushed(booked.id());
    assertThat(freeStarts(start)).doesNotContain(start);

    Duration took = cancelInEhrAndTimeUntilFreed(booked, remote);

    assertThat(took).isLessThan(Duration.ofSeconds(3));
    assertThat(freeStarts(start)).contains(start);
    assertThat(inboxSource("Appointment", remote)).contains("subscription");
    System.out.printf("EHR cancellation to free slot, subscription: %d ms%n", took.toMillis());
  }

  @Test
  void withPollingOnlyACancellationInTheEhrFreesOurSlotWithinThePollIntervalAndASecond() {
    awaitSubscriptionsActive();
    switchSubscriptionsOff();
    try {
      Instant start = dayAt(2, 16, 0);
      Appointment booked = book(start, newPatient());
      String remote = awaitPushed(booked.id());

      Duration took = cancelInEhrAndTimeUntilFreed(booked, remote);

      assertThat(took).isLessThan(Duration.ofSeconds(5 + 1));
      assertThat(freeStarts(start)).contains(start);
      assertThat(inboxSource("Appointment", remote)).contains("poll");
      System.out.printf("EHR cancellation to free slot, polling only: %d ms%n", took.toMillis());
    } finally {
      subscriptions.register();
    }
  }

  @Test
  void anAppointmentBookedInTheEhrBlocksOurAvailabilityAndItsCancellationFreesIt() {
    awaitSubscriptionsActive();
    Instant start = dayAt(3, 11, 0);
    String practitioner = ehrPractitioner();
    String patient = ehrPatient();
    assertThat(freeStarts(start)).contains(start);

    String remote = ehrAppointment(practitioner, patient, start, 45);

    UUID copy =
        await(
            "the EHR's appointment blocking Accueil's calendar",
            Duration.ofSeconds(10),
            () -> links.byRemote(LinkedResource.APPOINTMENT, remote).map(l -> l.localId()));
    Appointment imported = appointments.find(AppointmentId.of(copy)).orElseThrow();
    assertThat(imported.source()).isEqualTo(Source.EHR);
    assertThat(imported.start()).isEqualTo(start);
    assertThat(imported.end())
        .as("the EHR's length, not the type's")
        .isEqualTo(start.plus(Duration.ofMinutes(45)));
    assertThat(freeStarts(start))
        .doesNotContain(
            start, start.plus(Duration.ofMinutes(15)), start.plus(Duration.ofMinutes(30)));
    var registered = patients.find(imported.patient()).orElseThrow();
    assertThat(patients.record(registered).identifiers())
        .anySatisfy(
            i ->
                assertThat(i.system() + "|" + i.value())
                    .isEqualTo(ehr.properties().base() + "/Patient|" + patient));
    // Accueil does not send the EHR back what came from it, but tells the patient's timeline (and
    // webhook consumers) of the booking.
    var timeline = api.get("/api/v1/patients/" + imported.patient().value() + "/timeline");
    assertThat(timeline.status()).as(timeline.toString()).isEqualTo(200);
    assertThat(timeline.text()).contains("appointment.booked").contains(copy.toString());
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM integration_outbox WHERE key = :key"
                        + " AND destination IN ('fhir', 'hl7v2')")
                .param("key", "appointment:" + copy)
                .query(Integer.class)
                .single())
        .isZero();

    cancelInEhr(remote);
    await(
        "the slot free again",
        Duration.ofSeconds(10),
        () -> freeStarts(start).contains(start) ? Optional.of(true) : Optional.empty());
    assertThat(appointments.find(imported.id()).orElseThrow().status())
        .isEqualTo(AppointmentStatus.CANCELLED);
  }

  @Test
  void theEhrMovingItsOwnAppointmentMovesOurCopyWhichKeepsItsId() {
    awaitSubscriptionsActive();
    Instant start = dayAt(4, 9, 0);
    String remote = ehrAppointment(ehrPractitioner(), ehrPatient(), start, 30);
    UUID copy =
        await(
            "the EHR's appointment in Accueil",
            Duration.ofSeconds(10),
            () -> links.byRemote(LinkedResource.APPOINTMENT, remote).map(l -> l.localId()));

    // Its front desk moves it to the afternoon, for longer; the provider stays.
    Instant later = dayAt(4, 15, 0);
    var theirs =
        sandbox().read().resource(org.hl7.fhir.r4.model.Appointment.class).withId(remote).execute();
    theirs.setStart(java.util.Date.from(later));
    theirs.setEnd(java.util.Date.from(later.plus(Duration.ofMinutes(45))));
    sandbox().update().resource(theirs).execute();

    Appointment moved =
        await(
            "our copy moved",
            Duration.ofSeconds(10),
            () -> appointments.find(AppointmentId.of(copy)).filter(a -> a.start().equals(later)));
    assertThat(moved.status()).isEqualTo(AppointmentStatus.BOOKED);
    assertThat(moved.end()).isEqualTo(later.plus(Duration.ofMinutes(45)));
    assertThat(links.byRemote(LinkedResource.APPOINTMENT, remote).map(l -> l.localId()))
        .contains(copy);
    assertThat(freeStarts(start)).contains(start);
    assertThat(freeStarts(later)).doesNotContain(later, later.plus(Duration.ofMinutes(30)));
    // A reschedule on the patient's timeline, not a cancellation and a new booking.
    var timeline = api.get("/api/v1/patients/" + moved.patient().value() + "/timeline");
    assertThat(timeline.text())
        .contains("appointment.rescheduled")
        .doesNotContain("appointment.cancelled");
  }

  @Test
  void whenTheEhrBooksATimeWeGaveBothAreKeptAndTheConflictIsFlaggedForStaff() {
    awaitSubscriptionsActive();
    Instant start = dayAt(3, 14, 0);
    Appointment ours = book(start, newPatient());
    awaitPushed(ours.id());

    String theirs = ehrAppointment(ehrPractitioner(), ehrPatient(), start, 30);

    var conflict =
        await(
            "the conflict flagged",
            Duration.ofSeconds(10),
            () ->
                java.util.stream.StreamSupport.stream(
                        api.get("/api/v1/integration/conflicts").body().spliterator(), false)
                    .filter(c -> theirs.equals(c.path("remoteId").asString()))
                    .findFirst());
    assertThat(conflict.path("kind").asString()).isEqualTo("double-booked");
    assertThat(conflict.path("appointment").asString()).isEqualTo(ours.id().value().toString());
    assertThat(conflict.path("status").asString()).isEqualTo("open");
    assertThat(appointments.find(ours.id()).orElseThrow().status())
        .as("ours kept")
        .isEqualTo(AppointmentStatus.BOOKED);
    assertThat(
            sandbox()
                .read()
                .resource(org.hl7.fhir.r4.model.Appointment.class)
                .withId(theirs)
                .execute()
                .getStatus())
        .as("theirs kept")
        .isEqualTo(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.BOOKED);

    var resolved =
        api.post(
            "/api/v1/integration/conflicts/" + conflict.path("id").asString() + "/resolve",
            Map.of("resolution", "cancel-ours", "note", "The EHR's patient keeps the time"));
    assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
    assertThat(resolved.string("status")).isEqualTo("resolved");

    assertThat(appointments.find(ours.id()).orElseThrow().status())
        .isEqualTo(AppointmentStatus.CANCELLED);
    UUID copy =
        await(
            "the EHR's appointment now blocking the time",
            Duration.ofSeconds(10),
            () -> links.byRemote(LinkedResource.APPOINTMENT, theirs).map(l -> l.localId()));
    assertThat(appointments.find(AppointmentId.of(copy)).orElseThrow().start()).isEqualTo(start);
    assertThat(freeStarts(start)).doesNotContain(start);
  }

  @Test
  void aScheduleBlockInTheEhrTakesTheTimeOffOurAvailabilityUntilItIsFreed() {
    awaitSubscriptionsActive();
    Instant from = dayAt(4, 12, 0);
    Instant until = from.plus(Duration.ofHours(1));
    var schedule = new Schedule();
    schedule.addActor(new Reference("Practitioner/" + ehrPractitioner()));
    String scheduleId = sandbox().create().resource(schedule).execute().getId().getIdPart();
    var slot = new Slot();
    slot.setSchedule(new Reference("Schedule/" + scheduleId));
    slot.setStatus(Slot.SlotStatus.BUSYUNAVAILABLE);
    slot.setStart(Date.from(from));
    slot.setEnd(Date.from(until));
    String slotId = sandbox().create().resource(slot).execute().getId().getIdPart();

    await(
        "the block taken off availability",
        Duration.ofSeconds(10),
        () ->
            freeStarts(from).stream().noneMatch(s -> !s.isBefore(from) && s.isBefore(until))
                ? Optional.of(true)
                : Optional.empty());

    var current = sandbox().read().resource(Slot.class).withId(slotId).execute();
    current.setStatus(Slot.SlotStatus.FREE);
    sandbox().update().resource(current).execute();
    // A Slot leaving busy-unavailable no longer matches the subscription: the poller sees it.
    await(
        "the block given back",
        Duration.ofSeconds(5 + 2),
        () -> freeStarts(from).contains(from) ? Optional.of(true) : Optional.empty());
  }

  @Test
  void aNotificationIsStoredOnlyWithTheSharedSecretAndOnlyOnce() {
    String body =
        "{\"resourceType\":\"Appointment\",\"id\":\"secret-test\",\"meta\":{\"versionId\":\"1\"},"
            + "\"status\":\"cancelled\",\"participant\":[{\"actor\":{\"reference\":"
            + "\"Patient/none\"},\"status\":\"accepted\"}]}";
    Api ehrSide = Api.at(api.baseUrl()).anonymous();
    assertThat(
            ehrSide
                .post(
                    "/integration/fhir/notify/Appointment/secret-test",
                    "application/fhir+json",
                    body.getBytes())
                .status())
        .isEqualTo(401);
    assertThat(
            ehrSide
                .with("X-Accueil-Secret", "not-the-secret")
                .post(
                    "/integration/fhir/notify/Appointment/secret-test",
                    "application/fhir+json",
                    body.getBytes())
                .status())
        .isEqualTo(401);
    for (int i = 0; i < 2; i++) {
      assertThat(
              ehrSide
                  .with("X-Accueil-Secret", SECRET)
                  .request("PUT", "/integration/fhir/notify/Appointment/secret-test", null)
                  .status())
          .isEqualTo(200);
      var stored =
          ehrSide
              .with("X-Accueil-Secret", SECRET)
              .with("Content-Type", "application/fhir+json")
              .post(
                  "/integration/fhir/notify/Appointment/secret-test",
                  "application/fhir+json",
                  body.getBytes());
      assertThat(stored.status()).isEqualTo(200);
    }
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM fhir_inbox WHERE resource_id = 'secret-test'"
                        + " AND version_id = '1'")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void anIdOnlyBackportNotificationIsStoredToBeReadBack() {
    String id = "idonly-" + org.accueil.testing.Tags.letters();
    String bundle =
        """
        {"resourceType": "Bundle", "type": "history", "entry": [
          {"fullUrl": "urn:uuid:9d1b6b1e-0000-4000-8000-000000000001",
           "resource": {"resourceType": "Parameters", "parameter": [
             {"name": "type", "valueCode": "event-notification"}]}},
          {"fullUrl": "http://ehr.example/fhir/Appointment/%s"}]}
        """
            .formatted(id);
    var answer =
        Api.at(api.baseUrl())
            .anonymous()
            .with("X-Accueil-Secret", SECRET)
            .post("/integration/fhir/notify", "application/fhir+json", bundle.getBytes());

    assertThat(answer.status()).isEqualTo(200);
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM fhir_inbox WHERE resource_type = 'Appointment'"
                        + " AND resource_id = :id AND payload IS NULL")
                .param("id", id)
                .query(Integer.class)
                .single())
        .isEqualTo(1);
  }

  private Duration cancelInEhrAndTimeUntilFreed(Appointment booked, String remote) {
    Instant cancelled = Instant.now();
    cancelInEhr(remote);
    await(
        "our appointment cancelled",
        Duration.ofSeconds(15),
        () ->
            appointments.find(booked.id()).orElseThrow().status() == AppointmentStatus.CANCELLED
                ? Optional.of(true)
                : Optional.empty());
    return Duration.between(cancelled, Instant.now());
  }

  /** Deletes our subscriptions in the EHR and waits until it no longer notifies us. */
  private void switchSubscriptionsOff() {
    Bundle ours =
        sandbox()
            .search()
            .forResource(Subscription.class)
            .where(Subscription.URL.matches().value(subscriptions.endpoint()))
            .returnBundle(Bundle.class)
            .execute();
    for (var entry : ours.getEntry()) {
      sandbox().delete().resourceById(entry.getResource().getIdElement().toVersionless()).execute();
    }
    // The EHR takes them out of its matcher asynchronously: a change it makes now must reach us
    // only through the poller.
    String practitioner = ehrPractitioner();
    // The poller would store a probe before the subscription does (the inbox keeps a version
    // once): it waits while the probes run.
    poller.stop();
    try {
      awaitNoNotification(practitioner);
    } finally {
      poller.start();
    }
  }

  private void awaitNoNotification(String practitioner) {
    await(
        "the EHR's subscriptions gone quiet",
        Duration.ofSeconds(120),
        () -> {
          var probe = new org.hl7.fhir.r4.model.Appointment();
          probe.setStatus(org.hl7.fhir.r4.model.Appointment.AppointmentStatus.PROPOSED);
          probe
              .addParticipant()
              .setActor(new Reference("Practitioner/" + practitioner))
              .setStatus(org.hl7.fhir.r4.model.Appointment.ParticipationStatus.NEEDSACTION);
          String id = sandbox().create().resource(probe).execute().getId().getIdPart();
          pause(1500);
          return jdbc.sql(
                          "SELECT count(*) FROM fhir_inbox WHERE resource_id = :id"
                              + " AND source = 'subscription'")
                      .param("id", id)
                      .query(Integer.class)
                      .single()
                  == 0
              ? Optional.of(true)
              : Optional.empty();
        });
  }
}
