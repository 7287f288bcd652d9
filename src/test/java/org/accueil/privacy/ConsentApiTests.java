package org.accueil.privacy;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.accueil.practice.PracticeAdministration;
import org.accueil.privacy.PrivacyFixture.Person;
import org.accueil.scheduling.Appointments;
import org.accueil.testing.Api;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Consents over the API: recording, reading the state and history, and refusals people can act on.
 */
@PrivacyTest
class ConsentApiTests {

  static final String WORDING =
      "I agree to receive the practice's newsletter by email. I can unsubscribe at any time.";

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired PracticeAdministration admin;
  @Autowired Appointments appointments;
  @Autowired TestClock clock;

  Person patient;

  @BeforeEach
  void aPatientOfOurOwn() {
    patient = PrivacyFixture.create(admin, api, appointments, clock).patient("Hugo", "Api");
  }

  @Test
  void aRecordedConsentIsAnsweredWith201AndShowsInTheStateAndTheHistory() {
    var created = api.post(patient.path() + "/consents", grant("email", "marketing"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.string("id");
    assertThat(created.header("Location")).isEqualTo(patient.path() + "/consents/" + id);
    assertThat(created.body().path("wording").path("text").asString()).isEqualTo(WORDING);
    assertThat(created.body().path("wording").path("language").asString()).isEqualTo("en-GB");
    assertThat(created.body().path("wording").path("sha256").asString()).hasSize(64);
    assertThat(created.string("source")).isEqualTo("web-form");
    assertThat(api.get(created.header("Location")).body()).isEqualTo(created.body());

    var consents = api.get(patient.path() + "/consents");

    assertThat(consents.status()).isEqualTo(200);
    assertThat(consents.body().path("current")).hasSize(15);
    JsonNode emailMarketing = decision(consents.body(), "email", "marketing");
    assertThat(emailMarketing.path("permitted").asBoolean()).isTrue();
    assertThat(emailMarketing.path("basis").asString()).isEqualTo("recorded");
    assertThat(emailMarketing.path("recordId").asString()).isEqualTo(id);
    JsonNode smsMarketing = decision(consents.body(), "sms", "marketing");
    assertThat(smsMarketing.path("permitted").asBoolean()).isFalse();
    assertThat(smsMarketing.path("basis").asString()).isEqualTo("default");
    JsonNode smsReminders = decision(consents.body(), "sms", "appointment-messages");
    assertThat(smsReminders.path("permitted").asBoolean()).isTrue();
    assertThat(smsReminders.path("basis").asString()).isEqualTo("default");
    assertThat(consents.body().path("history")).hasSize(1);
    assertThat(consents.body().path("history").get(0).path("id").asString()).isEqualTo(id);
  }

  @Test
  void anOptOutNeedsNoWording() {
    var optOut =
        api.post(
            patient.path() + "/consents",
            Map.of(
                "channel", "any",
                "purpose", "appointment-messages",
                "granted", false,
                "source", "staff"));

    assertThat(optOut.status()).as(optOut.toString()).isEqualTo(201);
    assertThat(optOut.body().path("wording").isNull()).isTrue();
    var consents = api.get(patient.path() + "/consents").body();
    assertThat(decision(consents, "whatsapp", "appointment-messages").path("permitted").asBoolean())
        .isFalse();
    assertThat(decision(consents, "whatsapp", "appointment-messages").path("decidedOn").asString())
        .isEqualTo("any");
  }

  @Test
  void everyInvalidFieldIsNamedTogetherAndNothingIsRecorded() {
    var refused =
        api.post(
            patient.path() + "/consents",
            Map.of(
                "channel", "fax",
                "purpose", "newsletter",
                "granted", true,
                "source", "erasure",
                "wording", Map.of("text", " ", "language", "français")));

    assertThatProblem(refused)
        .is(422, "invalid-consent")
        .naming("channel")
        .naming("purpose")
        .naming("source")
        .naming("wording.text")
        .naming("wording.language")
        .withDetailContaining("\"fax\" is not a channel", "sms, whatsapp, email, phone, webchat");
    assertThat(recordsOf(patient)).isZero();
  }

  @Test
  void aGrantWithoutTheWordingShownIsRefused() {
    var body = new HashMap<>(grant("sms", "surveys"));
    body.remove("wording");

    var refused = api.post(patient.path() + "/consents", body);

    assertThatProblem(refused)
        .is(422, "invalid-consent")
        .naming("wording")
        .withDetailContaining("the wording the patient was shown");
    assertThat(recordsOf(patient)).isZero();
  }

  @Test
  void missingFieldsAreNamed() {
    var refused = api.post(patient.path() + "/consents", Map.of());

    assertThatProblem(refused)
        .is(422, "invalid-consent")
        .naming("channel")
        .naming("purpose")
        .naming("granted")
        .naming("source");
  }

  @Test
  void refusalsAreWrittenInFrenchAndItalianToo() {
    var french =
        api.with("Accept-Language", "fr")
            .post(patient.path() + "/consents", Map.of("channel", "fax"));
    var italian =
        api.with("Accept-Language", "it")
            .post(patient.path() + "/consents", Map.of("channel", "fax"));

    assertThatProblem(french)
        .is(422, "invalid-consent")
        .titled("Consentement invalide")
        .withDetailContaining(
            "Le consentement ne peut pas être enregistré",
            "« fax » n'est pas un canal",
            "granted: est obligatoire");
    assertThatProblem(italian)
        .is(422, "invalid-consent")
        .titled("Consenso non valido")
        .withDetailContaining(
            "Il consenso non può essere registrato", "«fax» non è un canale", "è obbligatorio");
  }

  @Test
  void aConsentForAnUnknownPatientIsNotFound() {
    String unknown = "/api/v1/patients/" + UUID.randomUUID();

    assertThatProblem(api.post(unknown + "/consents", grant("sms", "marketing")))
        .is(404, "not-found");
    assertThatProblem(api.get(unknown + "/consents")).is(404, "not-found");
  }

  @Test
  void aRetriedRecordingWithTheSameIdempotencyKeyRecordsOnce() {
    Api retrying = api.with("Idempotency-Key", UUID.randomUUID().toString());

    var first = retrying.post(patient.path() + "/consents", grant("webchat", "surveys"));
    var again = retrying.post(patient.path() + "/consents", grant("webchat", "surveys"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.string("id")).isEqualTo(first.string("id"));
    assertThat(recordsOf(patient)).isOne();
  }

  private static Map<String, Object> grant(String channel, String purpose) {
    return Map.of(
        "channel",
        channel,
        "purpose",
        purpose,
        "granted",
        true,
        "source",
        "web-form",
        "wording",
        Map.of("text", WORDING, "language", "en-gb"));
  }

  private static JsonNode decision(JsonNode consents, String channel, String purpose) {
    for (JsonNode decision : consents.path("current")) {
      if (decision.path("channel").asString().equals(channel)
          && decision.path("purpose").asString().equals(purpose)) {
        return decision;
      }
    }
    throw new AssertionError("No decision for " + channel + "/" + purpose + " in " + consents);
  }

  private long recordsOf(Person person) {
    return jdbc.sql("SELECT count(*) FROM consent_record WHERE patient_id = :id")
        .param("id", person.id().value())
        .query(Long.class)
        .single();
  }
}
