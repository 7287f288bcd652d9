package org.accueil.integration.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Signatures as Standard Webhooks defines them: the specification's own test vector, byte for byte,
 * and the OpenSSL command line (another HMAC and another base64, in another process) agreeing on
 * messages of ours.
 */
class WebhookSignaturesTests {

  // From the Standard Webhooks reference libraries' tests (libraries/java/.../WebhookTest.java,
  // verifyWebhookSignWorks; the same vector in every language's library).
  static final String VECTOR_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String VECTOR_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long VECTOR_TIMESTAMP = 1614265330L;
  static final String VECTOR_PAYLOAD = "{\"test\": 2432232314}";
  static final String VECTOR_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  @Test
  void signsTheStandardWebhooksTestVectorExactly() {
    String signature =
        WebhookSignatures.sign(
            VECTOR_SECRET,
            VECTOR_ID,
            VECTOR_TIMESTAMP,
            VECTOR_PAYLOAD.getBytes(StandardCharsets.UTF_8));

    assertThat(signature).isEqualTo(VECTOR_SIGNATURE);
  }

  @Test
  void opensslAgreesOnTheTestVector() throws Exception {
    assumeTrue(opensslPresent(), "the openssl command line is not installed");

    String signed = VECTOR_ID + "." + VECTOR_TIMESTAMP + "." + VECTOR_PAYLOAD;

    assertThat("v1," + openssl(WebhookSignatures.key(VECTOR_SECRET), signed))
        .isEqualTo(VECTOR_SIGNATURE);
  }

  @Test
  void opensslComputesTheSameSignatureForOurMessages() throws Exception {
    assumeTrue(opensslPresent(), "the openssl command line is not installed");
    for (int i = 0; i < 5; i++) {
      String secret = WebhookSignatures.newSecret();
      String id = UUID.randomUUID().toString();
      long timestamp = 1_800_000_000L + i;
      // Non-ASCII on purpose: the body is signed as the UTF-8 bytes sent, not as characters.
      String body =
          "{\"type\":\"appointment.booked\",\"timestamp\":\"2027-03-02T08:00:00Z\","
              + "\"data\":{\"note\":\"Hélène — 東京 🩺 "
              + i
              + "\"}}";

      String ours =
          WebhookSignatures.sign(secret, id, timestamp, body.getBytes(StandardCharsets.UTF_8));

      assertThat(ours)
          .isEqualTo(
              "v1," + openssl(WebhookSignatures.key(secret), id + "." + timestamp + "." + body));
    }
  }

  @Test
  void duringARotationBothSecretsSignSpaceSeparatedTheCurrentOneFirst() {
    String current = WebhookSignatures.newSecret();
    String previous = WebhookSignatures.newSecret();
    byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

    String header = WebhookSignatures.header(List.of(current, previous), "id", 1L, body);

    assertThat(header.split(" "))
        .containsExactly(
            WebhookSignatures.sign(current, "id", 1L, body),
            WebhookSignatures.sign(previous, "id", 1L, body));
  }

  @Test
  void aNewSecretIsWhsecAndThirtyTwoRandomBytes() {
    String secret = WebhookSignatures.newSecret();

    assertThat(secret).startsWith("whsec_");
    assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
    assertThat(WebhookSignatures.newSecret()).isNotEqualTo(secret);
  }

  /** {@code openssl dgst -sha256 -mac HMAC}, then {@code openssl base64}: no Java involved. */
  static String openssl(byte[] key, String signed) throws IOException, InterruptedException {
    ProcessBuilder command =
        new ProcessBuilder(
                "sh",
                "-c",
                "openssl dgst -sha256 -mac HMAC -macopt hexkey:\"$KEY\" -binary | openssl base64 -A")
            .redirectErrorStream(true);
    command.environment().put("KEY", HexFormat.of().formatHex(key));
    Process process = command.start();
    process.getOutputStream().write(signed.getBytes(StandardCharsets.UTF_8));
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).as(output).isZero();
    return output.strip();
  }

  static boolean opensslPresent() {
    try {
      return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
