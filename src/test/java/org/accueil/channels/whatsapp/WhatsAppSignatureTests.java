package org.accueil.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Meta's X-Hub-Signature-256 against the vectors of channels.md §0. */
class WhatsAppSignatureTests {

  /** T11: the raw bytes as Meta sends them, é written as a six-character JSON escape. */
  static final String T11_BODY =
      "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\","
          + "\"changes\":[{\"value\":{\"messaging_product\":\"whatsapp\",\"messages\":[{\"from\":"
          + "\"16505551234\",\"id\":\"wamid.X\",\"timestamp\":\"1749416383\",\"type\":\"text\","
          + "\"text\":{\"body\":\"caf\\u00e9\"}}]},\"field\":\"messages\"}]}]}";

  @Test
  void signsGitHubsPublishedVectorT10() {
    byte[] payload = "Hello, World!".getBytes(StandardCharsets.UTF_8);

    assertThat(WebhookSignature.of("It's a Secret to Everybody", payload))
        .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    assertThat(
            WebhookSignature.matches(
                "It's a Secret to Everybody",
                payload,
                "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"))
        .isTrue();
  }

  @Test
  void signsTheEscapedBytesOfAMetaBodyT11() {
    byte[] raw = T11_BODY.getBytes(StandardCharsets.US_ASCII);
    String expected = "sha256=c2a2ec60bb431f1476dfcbe746a26905b548701b311b5d2d17994cd405eeebab";

    assertThat(WebhookSignature.of("test_app_secret", raw)).isEqualTo(expected);
    assertThat(WebhookSignature.matches("test_app_secret", raw, expected)).isTrue();
  }

  @Test
  void theDecodedBodyDoesNotMatchTheSignatureOfTheEscapedOne() {
    byte[] decoded = T11_BODY.replace("\\u00e9", "é").getBytes(StandardCharsets.UTF_8);

    assertThat(
            WebhookSignature.matches(
                "test_app_secret",
                decoded,
                "sha256=c2a2ec60bb431f1476dfcbe746a26905b548701b311b5d2d17994cd405eeebab"))
        .isFalse();
  }

  @Test
  void refusesAnotherSecretAMissingHeaderAndAnUnsetSecret() {
    byte[] raw = T11_BODY.getBytes(StandardCharsets.US_ASCII);
    String signature = WebhookSignature.of("test_app_secret", raw);

    assertThat(WebhookSignature.matches("another_secret", raw, signature)).isFalse();
    assertThat(WebhookSignature.matches("test_app_secret", raw, null)).isFalse();
    assertThat(WebhookSignature.matches("", raw, signature)).isFalse();
    assertThat(WebhookSignature.matches("test_app_secret", raw, signature.toUpperCase())).isFalse();
  }
}
