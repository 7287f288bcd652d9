package org.accueil.channels.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Meta's {@code X-Hub-Signature-256}: {@code sha256=} and the lowercase hex HMAC-SHA256 of the raw
 * body under the app secret. Computed on the bytes as they arrived: Meta signs the escaped form (an
 * é arrives as a six-character JSON escape), so a body decoded and written again would not match.
 */
public final class WebhookSignature {

  public static final String HEADER = "X-Hub-Signature-256";
  private static final String PREFIX = "sha256=";

  private WebhookSignature() {}

  /** The header value Meta sends for {@code body}. */
  public static String of(String appSecret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * Whether {@code header} is the signature of {@code body}, compared in constant time so the
   * answer's timing tells nothing of the right value. An unset secret trusts nothing.
   */
  public static boolean matches(String appSecret, byte[] body, @Nullable String header) {
    if (appSecret.isEmpty() || header == null) {
      return false;
    }
    return MessageDigest.isEqual(
        of(appSecret, body).getBytes(StandardCharsets.US_ASCII),
        header.strip().getBytes(StandardCharsets.UTF_8));
  }
}
