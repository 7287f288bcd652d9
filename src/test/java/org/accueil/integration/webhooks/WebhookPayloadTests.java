package org.accueil.integration.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.accueil.conversations.Conversations;
import org.accueil.integration.outbox.Outbox;
import org.accueil.integration.outbox.OutboxMessage;
import org.accueil.patients.PatientId;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every event type, produced the way the practice produces it, with clinical words and personal
 * details in every free-text field on the way: the payloads carry ids and scheduling facts only.
 */
@AccueilTest
class WebhookPayloadTests {

  /** Every member a payload's {@code data} may have, across all event types. */
  static final Set<String> FACTS =
      Set.of(
          "appointmentId",
          "patientId",
          "providerId",
          "appointmentTypeId",
          "locationId",
          "roomId",
          "start",
          "end",
          "timeZone",
          "status",
          "source",
          "previousProviderId",
          "previousStart",
          "origin",
          "mergeId",
          "survivorPatientId",
          "duplicatePatientId",
          "conversationId",
          "urgent",
          "endpointId");

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired Outbox outbox;
  @Autowired TestClock clock;
  @Autowired PracticeAdministration admin;
  @Autowired Conversations conversations;

  final JsonMapper json = JsonMapper.builder().build();
  Endpoints endpoints;
  ClinicFixture clinic;

  @BeforeEach
  void clinic() {
    clock.set(Instant.parse("2027-03-01T06:00:00Z"));
    endpoints = new Endpoints(api, jdbc);
    clinic = ClinicFixture.create(admin);
  }

  @AfterEach
  void removeEndpoints() {
    endpoints.removeAll();
  }

  @Test
  void payloadsCarryIdsAndSchedulingFactsNeverClinicalContentNorPersonalDetails() {
    var endpoint = endpoints.create("https://hooks.example.org/everything");
    String family = "Confidentiel " + Tags.letters();
    String phone = "+33612" + String.format("%06d", (int) (Math.random() * 1_000_000));
    List<String> secrets =
        List.of(
            family,
            "Hélène",
            phone.substring(3),
            "1979-11-23",
            "douleur thoracique",
            "chest pain",
            "Mme Durand, par téléphone",
            "the same person twice");

    String moved = book("2027-03-02T09:00:00+01:00", family, phone);
    reschedule(moved, "2027-03-02T11:00:00+01:00");
    cancel(moved, "douleur thoracique", "Mme Durand, par téléphone");
    String seen = book("2027-03-03T09:00:00+01:00", family, phone);
    assertThat(api.post("/api/v1/appointments/" + seen + "/check-in", Map.of()).status())
        .isEqualTo(200);
    String missed = book("2027-03-04T09:00:00+01:00", family, phone);
    clock.set(Instant.parse("2027-03-04T09:00:00Z"));
    var noShow = api.post("/api/v1/appointments/" + missed + "/no-show", Map.of());
    assertThat(noShow.status()).as(noShow.toString()).isEqualTo(200);
    String survivor = patient(family);
    String duplicate = patient(family);
    var merged =
        api.post(
            "/api/v1/patients/merges",
            Map.of(
                "survivorId",
                survivor,
                "duplicateId",
                duplicate,
                "reason",
                "the same person twice"));
    assertThat(merged.status()).as(merged.toString()).isEqualTo(201);
    UUID conversation =
        conversations
            .record(PatientId.of(UUID.fromString(survivor)), "test.opened", Map.of())
            .conversation();
    conversations.handOverToStaff(conversation, "red flag: chest pain", true);
    api.post("/api/v1/webhooks/" + endpoint.id() + "/test", Map.of());

    List<OutboxMessage> sent = endpoints.enqueued(endpoint);
    assertThat(sent.stream().map(OutboxMessage::kind).collect(java.util.stream.Collectors.toSet()))
        .containsAll(WebhookEventTypes.ALL)
        .contains(WebhookEventTypes.TEST);
    Set<String> members = new TreeSet<>();
    for (OutboxMessage message : sent) {
      JsonNode payload = json.readTree(message.payload());
      // In any order: the outbox stores payloads as jsonb, which orders keys its own way.
      assertThat(payload.propertyNames()).containsExactlyInAnyOrder("type", "timestamp", "data");
      assertThat(payload.get("type").asString()).isEqualTo(message.kind());
      members.addAll(payload.get("data").propertyNames());
      for (String secret : secrets) {
        assertThat(message.payload()).as(message.kind()).doesNotContain(secret);
      }
    }
    assertThat(FACTS).containsAll(members);

    JsonNode handedOver = data(sent, "conversation.handed_over");
    assertThat(handedOver.get("conversationId").asString()).isEqualTo(conversation.toString());
    assertThat(handedOver.get("patientId").asString()).isEqualTo(survivor);
    assertThat(handedOver.get("urgent").asBoolean()).isTrue();
    JsonNode mergedData = data(sent, "patient.merged");
    assertThat(mergedData.get("survivorPatientId").asString()).isEqualTo(survivor);
    assertThat(mergedData.get("duplicatePatientId").asString()).isEqualTo(duplicate);
    assertThat(mergedData.get("mergeId").asString()).isEqualTo(merged.string("id"));
    JsonNode rescheduled = data(sent, "appointment.rescheduled");
    assertThat(rescheduled.get("previousStart").asString()).isEqualTo("2027-03-02T08:00:00Z");
    assertThat(rescheduled.get("start").asString()).isEqualTo("2027-03-02T10:00:00Z");
    assertThat(data(sent, "appointment.cancelled").get("status").asString()).isEqualTo("cancelled");
    assertThat(data(sent, "appointment.checked_in").get("status").asString())
        .isEqualTo("checked-in");
    assertThat(data(sent, "appointment.no_show").get("status").asString()).isEqualTo("noshow");
  }

  private JsonNode data(List<OutboxMessage> sent, String kind) {
    return json.readTree(
            sent.stream().filter(m -> m.kind().equals(kind)).findFirst().orElseThrow().payload())
        .get("data");
  }

  private String book(String start, String family, String phone) {
    var booked =
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId", clinic.consultation.id().toString(),
                "providerId", clinic.provider.id().toString(),
                "start", start,
                "patient",
                    Map.of(
                        "givenName",
                        "Hélène",
                        "familyName",
                        family,
                        "birthDate",
                        "1979-11-23",
                        "phone",
                        phone)));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    return booked.string("id");
  }

  private void reschedule(String appointment, String start) {
    var moved =
        api.post("/api/v1/appointments/" + appointment + "/reschedule", Map.of("start", start));
    assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
  }

  private void cancel(String appointment, String reason, String by) {
    var cancelled =
        api.post(
            "/api/v1/appointments/" + appointment + "/cancel",
            Map.of("reason", reason, "cancelledBy", by));
    assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
  }

  private String patient(String family) {
    var created =
        api.post(
            "/api/v1/patients",
            Map.of(
                "givenName", "Hélène",
                "familyName", family + " " + Tags.letters(),
                "birthDate", "1979-11-23"));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.string("id");
  }
}
