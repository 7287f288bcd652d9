package org.accueil.channels.email;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mailgun's webhook signature: hex HMAC-SHA256, keyed by the webhook signing key, of the timestamp
 * followed by the token (Mailgun's "Securing webhooks"; reference vector T12).
 */
final class MailgunSignature {

  private MailgunSignature() {}

  static String of(String signingKey, String timestamp, String token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(signingKey.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal((timestamp + token).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Compared in constant time, as hex of either case. */
  static boolean matches(String signingKey, String timestamp, String token, String signature) {
    return MessageDigest.isEqual(
        of(signingKey, timestamp, token).getBytes(StandardCharsets.US_ASCII),
        signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
  }
}
