package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import org.accueil.scheduling.Appointment;
import org.accueil.testing.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The reconciliation compares the coming days with the EHR: what the EHR lost is sent again, a time
 * that differs is flagged, and the report says so.
 */
class ReconciliationTests extends FhirConnectorTestBase {

  @Autowired Api api;
  @Autowired Reconciliation reconciliation;

  @Test
  void anAppointmentTheEhrLostIsSentAgain() {
    Appointment booked = book(dayAt(5, 9, 0), newPatient());
    String remote = awaitPushed(booked.id());
    // Deleted there without a word (HAPI sends no notification of deletes by default).
    sandbox()
        .delete()
        .resourceById(new org.hl7.fhir.r4.model.IdType("Appointment", remote))
        .execute();

    var run = api.post("/api/v1/integration/reconciliations", Map.of());

    assertThat(run.status()).as(run.toString()).isEqualTo(201);
    assertThat(run.string("status")).isEqualTo("done");
    assertThat(run.body().path("drift").valueStream())
        .anySatisfy(
            d -> {
              assertThat(d.path("kind").asString()).isEqualTo("missing-there");
              assertThat(d.path("appointment").asString())
                  .isEqualTo(booked.id().value().toString());
              assertThat(d.path("action").asString()).isEqualTo("re-sent");
            });
    await(
        "the appointment in the EHR again",
        Duration.ofSeconds(30),
        () ->
            inEhr(
                            org.hl7.fhir.r4.model.Appointment.class,
                            OUR_APPOINTMENTS,
                            booked.id().value().toString())
                        .size()
                    == 1
                ? Optional.of(true)
                : Optional.empty());
    var listed = api.get("/api/v1/integration/reconciliations");
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body().valueStream())
        .anySatisfy(r -> assertThat(r.path("id").asString()).isEqualTo(run.string("id")));
  }

  @Test
  void aTimeTheEhrChangedOnOneOfOursIsFlaggedNotApplied() {
    Instant start = dayAt(5, 11, 0);
    Appointment booked = book(start, newPatient());
    String remote = awaitPushed(booked.id());
    var theirs =
        sandbox().read().resource(org.hl7.fhir.r4.model.Appointment.class).withId(remote).execute();
    Instant moved = start.plus(Duration.ofHours(2));
    theirs.setStart(Date.from(moved));
    theirs.setEnd(Date.from(moved.plus(Duration.ofMinutes(30))));
    sandbox().update().resource(theirs).execute();

    var report = reconciliation.run("test");

    assertThat(report.drift())
        .anySatisfy(
            d -> {
              assertThat(d.kind()).isEqualTo("time-differs");
              assertThat(d.appointment()).isEqualTo(booked.id().value());
              assertThat(d.action()).isEqualTo("flagged");
            });
    assertThat(appointments.find(booked.id()).orElseThrow().start())
        .as("Accueil keeps its time")
        .isEqualTo(start);
    var conflicts =
        jdbc.sql(
                "SELECT count(*) FROM integration_conflict WHERE kind = 'time-differs'"
                    + " AND appointment_id = :id AND status = 'open'")
            .param("id", booked.id().value())
            .query(Integer.class)
            .single();
    assertThat(conflicts).as("flagged once").isEqualTo(1);
  }
}
