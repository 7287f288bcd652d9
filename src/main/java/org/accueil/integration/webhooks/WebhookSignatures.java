package org.accueil.integration.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks' symmetric signatures: {@code v1,} then the base64 HMAC-SHA256 of {@code
 * <webhook-id>.<webhook-timestamp>.<body>}, keyed with the base64-decoded part of a {@code
 * whsec_...} secret. Several signatures, space-separated, while a rotated secret is still honoured.
 */
public final class WebhookSignatures {

  public static final String SECRET_PREFIX = "whsec_";

  /** Standard Webhooks asks for 24 to 64 random bytes; 32 is HMAC-SHA256's own block of output. */
  private static final int SECRET_BYTES = 32;

  private static final SecureRandom random = new SecureRandom();

  private WebhookSignatures() {}

  /** A new secret: {@code whsec_} and 32 random bytes in base64. */
  public static String newSecret() {
    byte[] key = new byte[SECRET_BYTES];
    random.nextBytes(key);
    return SECRET_PREFIX + Base64.getEncoder().encodeToString(key);
  }

  /**
   * One signature, {@code v1,<base64>}, of {@code body} sent as {@code id} at {@code timestamp}.
   */
  public static String sign(String secret, String id, long timestamp, byte[] body) {
    if (id.contains(".")) {
      // The id is ours (a UUID); a dot in it would make "id.timestamp.body" ambiguous.
      throw new IllegalArgumentException("A webhook id holds no dot: " + id);
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /** The {@code webhook-signature} header: one signature per secret, the current one first. */
  public static String header(List<String> secrets, String id, long timestamp, byte[] body) {
    return secrets.stream()
        .map(secret -> sign(secret, id, timestamp, body))
        .collect(Collectors.joining(" "));
  }

  /** The key a secret stands for: the base64 after {@code whsec_} (the prefix is optional). */
  public static byte[] key(String secret) {
    String encoded =
        secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
    return Base64.getDecoder().decode(encoded);
  }
}
