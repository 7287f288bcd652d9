package org.accueil.integration.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a receiver verifies a message, written from the specification alone (and shown in
 * docs/INTEGRATION.md): it shares no code with {@link WebhookSignatures}.
 */
final class Consumer {

  private Consumer() {}

  static boolean verify(
      String secret, String id, String timestamp, String signatures, byte[] body, Instant now)
      throws Exception {
    // A message older or newer than 5 minutes may be a replay.
    if (Math.abs(now.getEpochSecond() - Long.parseLong(timestamp)) > 300) {
      return false;
    }
    byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = mac.doFinal(body);
    for (String signature : signatures.split(" ")) {
      String[] parts = signature.split(",", 2);
      if (parts.length == 2
          && parts[0].equals("v1")
          && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
        return true;
      }
    }
    return false;
  }
}
