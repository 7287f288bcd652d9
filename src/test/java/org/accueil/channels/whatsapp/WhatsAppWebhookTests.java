package org.accueil.channels.whatsapp;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.testing.Api;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Meta's webhook over HTTP: the handshake, the signature on the raw bytes, and each call stored
 * once before it is answered.
 */
@WhatsAppTest
class WhatsAppWebhookTests {

  static final String WEBHOOK = "/channels/whatsapp/webhook";

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired FieldCipher cipher;
  @Autowired JsonMapper json;

  @Test
  void metasHandshakeWithOurVerifyTokenGetsTheChallengeBack() {
    var answer =
        meta()
            .get(
                WEBHOOK
                    + "?hub.mode=subscribe&hub.verify_token="
                    + WhatsAppTest.VERIFY_TOKEN
                    + "&hub.challenge=1158201444");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("Content-Type")).startsWith("text/plain");
    assertThat(answer.text()).isEqualTo("1158201444");
  }

  @Test
  void aHandshakeWithAForgedTokenOrAnotherModeIsRefused() {
    var forged =
        meta().get(WEBHOOK + "?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444");
    var otherMode =
        meta()
            .get(
                WEBHOOK
                    + "?hub.mode=unsubscribe&hub.verify_token="
                    + WhatsAppTest.VERIFY_TOKEN
                    + "&hub.challenge=1158201444");

    assertThatProblem(forged).is(403, "whatsapp-verification-refused");
    assertThat(forged.text()).doesNotContain("1158201444");
    assertThatProblem(otherMode).is(403, "whatsapp-verification-refused");
  }

  @Test
  void aSignedWebhookIsStoredBeforeItIsAnswered() {
    String wamid = wamid();
    byte[] body = textWebhook(wamid, "Bonjour, je voudrais d\\u00e9placer mon rendez-vous");

    var answer = post(body, WebhookSignature.of(WhatsAppTest.APP_SECRET, body));

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(rows(wamid)).isEqualTo(1);
    JsonNode stored = stored(wamid);
    assertThat(stored.path("channel").asString()).isEqualTo("whatsapp");
    assertThat(stored.path("from").asString()).isEqualTo("+16505551234");
    assertThat(stored.path("senderName").asString()).isEqualTo("Sheena Nelson");
    assertThat(stored.path("text").asString())
        .isEqualTo("Bonjour, je voudrais déplacer mon rendez-vous");
  }

  @Test
  void replayedWhatsAppWebhookIsStoredOnce() {
    String wamid = wamid();
    byte[] body = textWebhook(wamid, "Merci");
    String signature = WebhookSignature.of(WhatsAppTest.APP_SECRET, body);

    for (int delivery = 0; delivery < 3; delivery++) {
      assertThat(post(body, signature).status()).isEqualTo(200);
    }

    assertThat(rows(wamid)).isEqualTo(1);
  }

  @Test
  void aWebhookWithoutSignatureIsRefusedWith401AndNothingIsStored() {
    String wamid = wamid();

    var answer = post(textWebhook(wamid, "Hello"), null);

    assertThatProblem(answer).is(401, "whatsapp-signature-missing");
    assertThat(rows(wamid)).isZero();
  }

  @Test
  void aWebhookWithAForgedSignatureIsRefusedWith403AndNothingIsStored() {
    String wamid = wamid();
    byte[] body = textWebhook(wamid, "Hello");

    var otherSecret = post(body, WebhookSignature.of("not_the_app_secret", body));
    byte[] tampered = textWebhook(wamid, "Hellp");
    var otherBody = post(tampered, WebhookSignature.of(WhatsAppTest.APP_SECRET, body));

    assertThatProblem(otherSecret).is(403, "whatsapp-signature-invalid");
    assertThatProblem(otherBody).is(403, "whatsapp-signature-invalid");
    assertThat(rows(wamid)).isZero();
  }

  @Test
  void signedMalformedJsonIsABadRequestAndNothingIsStored() {
    String wamid = wamid();
    String whole = new String(textWebhook(wamid, "Hello"), StandardCharsets.UTF_8);
    byte[] truncated = whole.substring(0, whole.length() / 2).getBytes(StandardCharsets.UTF_8);

    var answer = post(truncated, WebhookSignature.of(WhatsAppTest.APP_SECRET, truncated));

    assertThatProblem(answer).is(400, "whatsapp-webhook-unreadable");
    assertThat(rows(wamid)).isZero();
  }

  @Test
  void aStatusWebhookIsStoredAsADeliveryReportWithMetasErrorCode() {
    String wamid = wamid();
    byte[] body =
        MetaWebhooks.statuses(
                WhatsAppTest.PHONE_NUMBER_ID,
                """
                {"id":"%s","status":"failed","timestamp":"1749416503",
                 "recipient_id":"16505551234","errors":[{"code":131026,
                 "title":"Message undeliverable","message":"Message undeliverable",
                 "error_data":{"details":"Message Undeliverable."}}]}"""
                    .formatted(wamid))
            .getBytes(StandardCharsets.UTF_8);

    var answer = post(body, WebhookSignature.of(WhatsAppTest.APP_SECRET, body));

    assertThat(answer.status()).isEqualTo(200);
    JsonNode stored = stored(wamid + "/failed");
    assertThat(stored.path("providerId").asString()).isEqualTo(wamid);
    assertThat(stored.path("status").asString()).isEqualTo("failed");
    assertThat(stored.path("errorCode").asString()).isEqualTo("131026");
    assertThat(stored.path("errorTitle").asString()).isEqualTo("Message undeliverable");
  }

  @Test
  void aSignedChangeForAnotherBusinessNumberIsAcknowledgedButNotStored() {
    byte[] raw = WhatsAppSignatureTests.T11_BODY.getBytes(StandardCharsets.US_ASCII);

    var answer =
        post(raw, "sha256=c2a2ec60bb431f1476dfcbe746a26905b548701b311b5d2d17994cd405eeebab");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(rows("wamid.X")).isZero();
  }

  // ---------------------------------------------------------------------------------- helpers

  private Api meta() {
    return api.anonymous();
  }

  private Api.Response post(byte[] body, @org.jspecify.annotations.Nullable String signature) {
    return meta().with(WebhookSignature.HEADER, signature).post(WEBHOOK, "application/json", body);
  }

  private static String wamid() {
    return "wamid.HBgLMTY1MDU1NTEyMzQVAgASGBQ" + Tags.letters().toUpperCase();
  }

  private static byte[] textWebhook(String wamid, String escapedText) {
    return MetaWebhooks.text(WhatsAppTest.PHONE_NUMBER_ID, "16505551234", wamid, escapedText)
        .getBytes(StandardCharsets.UTF_8);
  }

  private int rows(String providerKey) {
    return jdbc.sql(
            "SELECT count(*) FROM channel_inbound WHERE channel = 'whatsapp' AND provider_key"
                + " LIKE :key")
        .param("key", providerKey + "%")
        .query(Integer.class)
        .single();
  }

  /** The stored item, unsealed as the dispatcher reads it. */
  private JsonNode stored(String providerKey) {
    byte[] payload =
        jdbc.sql(
                "SELECT payload FROM channel_inbound WHERE channel = 'whatsapp'"
                    + " AND provider_key = :key")
            .param("key", providerKey)
            .query(byte[].class)
            .single();
    return json.readTree(cipher.decrypt(payload, "channel_inbound.payload"));
  }
}
