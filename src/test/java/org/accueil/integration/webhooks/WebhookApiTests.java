package org.accueil.integration.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.accueil.integration.outbox.Outbox;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Registering, changing, rotating, disabling, testing and removing endpoints through the API. */
@AccueilTest
class WebhookApiTests {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired Outbox outbox;
  @Autowired TestClock clock;

  Endpoints endpoints;

  @BeforeEach
  void endpoints() {
    clock.set(Instant.parse("2027-03-01T06:00:00Z"));
    endpoints = new Endpoints(api, jdbc);
  }

  @AfterEach
  void removeThem() {
    endpoints.removeAll();
  }

  @Test
  void theSecretIsAnsweredOnceAtCreationAndStoredSealed() {
    var created = endpoints.create("https://hooks.example.org/accueil", "appointment.booked");

    assertThat(created.secret()).startsWith("whsec_");
    var read = api.get("/api/v1/webhooks/" + created.id());
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.text()).doesNotContain(created.secret()).doesNotContain("secret\"");
    assertThat(read.string("url")).isEqualTo("https://hooks.example.org/accueil");
    assertThat(read.body().get("eventTypes").get(0).asString()).isEqualTo("appointment.booked");
    assertThat(read.body().get("enabled").asBoolean()).isTrue();
    assertThat(api.get("/api/v1/webhooks").text()).doesNotContain(created.secret());
    String key = created.secret().substring("whsec_".length());
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM webhook_endpoint WHERE id = ? AND strpos(encode(secret,"
                        + " 'escape'), ?) = 0")
                .params(created.id(), key)
                .query(Integer.class)
                .single())
        .as("the secret is not stored as typed")
        .isOne();
  }

  @Test
  void aRefusedAddressIsAProblemAndWritesNothing() {
    int before = count();
    for (String url :
        List.of(
            "http://hooks.example.org/accueil",
            "https://10.0.0.8/hook",
            "https://169.254.169.254/latest/meta-data/",
            "https://user:pass@hooks.example.org/",
            "not a url")) {
      var refused = api.post("/api/v1/webhooks", Map.of("url", url));

      assertThat(refused.status()).as(url).isEqualTo(400);
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
      assertThat(refused.string("type")).isEqualTo("/problems/invalid-webhook-url");
      assertThat(refused.string("field")).isEqualTo("url");
      assertThat(refused.string("detail")).contains(url);
    }
    var unknownType =
        api.post(
            "/api/v1/webhooks",
            Map.of(
                "url", "https://hooks.example.org/", "eventTypes", List.of("appointment.moved")));
    assertThat(unknownType.status()).isEqualTo(400);
    assertThat(unknownType.string("type")).isEqualTo("/problems/invalid-webhook-event-type");
    assertThat(unknownType.string("detail")).contains("appointment.rescheduled");
    assertThat(count()).isEqualTo(before);
  }

  @Test
  void theProblemIsWrittenInTheCallersLanguage() {
    var refused =
        api.with("Accept-Language", "fr")
            .post("/api/v1/webhooks", Map.of("url", "http://hooks.example.org/accueil"));

    assertThat(refused.string("detail"))
        .isEqualTo(
            "http://hooks.example.org/accueil n'est pas une adresse https ; les webhooks ne sont"
                + " envoyés qu'en https, pour que personne ne les lise en chemin.");
  }

  @Test
  void anUpdateChangesTheAddressAndTypesButNotTheSecret() {
    var created = endpoints.create("https://hooks.example.org/a");
    byte[] sealed = sealedSecret(created);

    var updated =
        api.put(
            "/api/v1/webhooks/" + created.id(),
            Map.of(
                "url",
                "https://hooks.example.org/b",
                "description",
                "CRM",
                "eventTypes",
                List.of("patient.created", "patient.merged")));

    assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
    assertThat(updated.string("url")).isEqualTo("https://hooks.example.org/b");
    assertThat(updated.string("description")).isEqualTo("CRM");
    assertThat(updated.body().get("eventTypes").size()).isEqualTo(2);
    assertThat(sealedSecret(created)).isEqualTo(sealed);
    assertThat(api.put("/api/v1/webhooks/" + created.id(), Map.of("url", "ftp://x")).status())
        .isEqualTo(400);
    assertThat(api.get("/api/v1/webhooks/" + created.id()).string("url"))
        .isEqualTo("https://hooks.example.org/b");
  }

  @Test
  void rotatingGivesANewSecretAndKeepsTheOldOneSigningForADay() {
    var created = endpoints.create("https://hooks.example.org/r");

    var rotated = api.post("/api/v1/webhooks/" + created.id() + "/rotate-secret", Map.of());

    assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
    assertThat(rotated.string("secret")).startsWith("whsec_").isNotEqualTo(created.secret());
    assertThat(Instant.parse(rotated.string("previousSecretUntil")))
        .isEqualTo(clock.instant().plus(Duration.ofHours(24)));
  }

  @Test
  void disablingEnablingAndTheTestEvent() {
    var created = endpoints.create("https://hooks.example.org/t", "appointment.cancelled");
    String path = "/api/v1/webhooks/" + created.id();

    var disabled = api.post(path + "/disable", Map.of());
    assertThat(disabled.body().get("enabled").asBoolean()).isFalse();
    assertThat(disabled.string("disabledReason")).startsWith("disabled by ");
    var refused = api.post(path + "/test", Map.of());
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.string("type")).isEqualTo("/problems/webhook-endpoint-disabled");
    assertThat(endpoints.enqueued(created)).isEmpty();

    var enabled = api.post(path + "/enable", Map.of());
    assertThat(enabled.body().get("enabled").asBoolean()).isTrue();
    assertThat(enabled.body().get("disabledReason").isNull()).isTrue();
    var test = api.post(path + "/test", Map.of());
    assertThat(test.status()).as(test.toString()).isEqualTo(202);

    // The test event goes whatever the endpoint subscribed to.
    var message = endpoints.single(created, "webhook.test");
    assertThat(message.id()).isEqualTo(test.body().get("messageId").asLong());
    JsonNode payload =
        tools.jackson.databind.json.JsonMapper.builder().build().readTree(message.payload());
    assertThat(payload.get("type").asString()).isEqualTo("webhook.test");
    assertThat(payload.get("data").get("endpointId").asString()).isEqualTo(created.id().toString());
  }

  @Test
  void aRemovedEndpointIsGone() {
    var created = endpoints.create("https://hooks.example.org/d");

    assertThat(api.delete("/api/v1/webhooks/" + created.id()).status()).isEqualTo(204);

    var gone = api.get("/api/v1/webhooks/" + created.id());
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.string("detail"))
        .isEqualTo("There is no webhook endpoint with id " + created.id() + ".");
    assertThat(api.get("/api/v1/webhooks/" + created.id() + "/deliveries").status()).isEqualTo(404);
  }

  @Test
  void theLogLimitIsChecked() {
    var created = endpoints.create("https://hooks.example.org/l");

    var refused = api.get("/api/v1/webhooks/" + created.id() + "/deliveries?limit=500");

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.string("type")).isEqualTo("/problems/invalid-webhook-log-limit");
    assertThat(api.get("/api/v1/webhooks/" + created.id() + "/deliveries").text()).isEqualTo("[]");
  }

  private int count() {
    return jdbc.sql("SELECT count(*) FROM webhook_endpoint").query(Integer.class).single();
  }

  private byte[] sealedSecret(Endpoints.Created endpoint) {
    return jdbc.sql("SELECT secret FROM webhook_endpoint WHERE id = ?")
        .params(endpoint.id())
        .query(byte[].class)
        .single();
  }
}
