package org.accueil.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.accueil.testing.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The administrator saves a channel's credentials through the API: sealed at rest, never answered
 * back, and in force from the next webhook, without a restart.
 */
@WhatsAppTest
class SavedChannelSettingsTests {

  static final String SETTING = "/api/v1/channels/whatsapp/settings/app-secret";

  @Autowired Api api;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void propertiesAgain() {
    api.delete(SETTING);
  }

  private Api.Response webhook(String secret) {
    byte[] body =
        MetaWebhooks.text(
                WhatsAppTest.PHONE_NUMBER_ID,
                "33611223344",
                "wamid." + UUID.randomUUID(),
                "Bonjour")
            .getBytes(StandardCharsets.UTF_8);
    return api.anonymous()
        .with(WebhookSignature.HEADER, WebhookSignature.of(secret, body))
        .post("/channels/whatsapp/webhook", "application/json", body);
  }

  @Test
  void aSavedAppSecretReplacesThePropertyAtOnceAndIsNeverShown() {
    String rotated = "rotated-app-secret-" + UUID.randomUUID();
    assertThat(webhook(WhatsAppTest.APP_SECRET).status()).isEqualTo(200);

    var saved = api.put(SETTING, Map.of("value", rotated));

    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    assertThat(saved.body().path("secret").asBoolean()).isTrue();
    assertThat(saved.body().path("value").isNull()).isTrue();
    assertThat(webhook(rotated).status()).isEqualTo(200);
    assertThat(webhook(WhatsAppTest.APP_SECRET).status()).isEqualTo(403);
    JsonNode all = api.get("/api/v1/channels/settings").body();
    assertThat(all.toString()).contains("app-secret").doesNotContain(rotated);
    byte[] stored =
        jdbc.sql(
                "SELECT value FROM channel_setting WHERE channel = 'whatsapp' AND name = 'app-secret'")
            .query((rs, n) -> rs.getBytes(1))
            .single();
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(rotated);

    assertThat(api.delete(SETTING).status()).isEqualTo(204);
    assertThat(webhook(WhatsAppTest.APP_SECRET).status()).isEqualTo(200);
  }

  @Test
  void anUnknownSettingOrAMalformedValueIsRefusedWithWhatItTakes() {
    var unknown = api.put("/api/v1/channels/whatsapp/settings/app-secrett", Map.of("value", "x"));
    assertThat(unknown.status()).isEqualTo(400);
    assertThat(unknown.string("detail")).contains("app-secret");

    var url = api.put("/api/v1/channels/whatsapp/settings/api-base-url", Map.of("value", "graph"));
    assertThat(url.status()).isEqualTo(400);
    assertThat(url.string("detail")).contains("https URL");

    var number =
        api.put("/api/v1/channels/sms/settings/sms-number", Map.of("value", "07 57 00 11 22"));
    assertThat(number.status()).isEqualTo(400);
    assertThat(api.get("/api/v1/channels/settings").body().toString()).doesNotContain("graph");
  }
}
