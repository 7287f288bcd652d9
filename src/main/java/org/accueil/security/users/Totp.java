package org.accueil.security.users;

import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords, RFC 6238 over RFC 4226's HOTP: HMAC-SHA1, 6 digits, 30-second
 * steps counted from the Unix epoch, as every authenticator app computes them.
 */
public final class Totp {

  public static final int STEP_SECONDS = 30;
  public static final int DIGITS = 6;

  /** One step either side: a phone's clock a little off, or a code typed as it changes. */
  public static final int TOLERANCE_STEPS = 1;

  /** 160 bits, the HMAC-SHA1 key length RFC 4226 section 4 recommends. */
  public static final int SECRET_BYTES = 20;

  private static final SecureRandom random = new SecureRandom();
  private static final int[] POWERS = {
    1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000
  };

  private Totp() {}

  public static byte[] newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return secret;
  }

  /** The time step T of RFC 6238 section 4.2 that {@code time} falls in. */
  public static long step(Instant time) {
    return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
  }

  /** The code an authenticator shows during {@code step} (HMAC-SHA1, 6 digits). */
  public static String code(byte[] secret, long step) {
    return code(secret, step, DIGITS, "HmacSHA1");
  }

  /**
   * RFC 4226 section 5.3: HMAC of the 8-byte counter, dynamic truncation, modulo 10^digits.
   *
   * @param algorithm {@code HmacSHA1}, {@code HmacSHA256} or {@code HmacSHA512} (RFC 6238 allows
   *     all three; its test vectors cover all three)
   */
  static String code(byte[] secret, long step, int digits, String algorithm) {
    byte[] hash;
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret, "RAW"));
      hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
    int offset = hash[hash.length - 1] & 0x0f;
    int binary =
        ((hash[offset] & 0x7f) << 24)
            | ((hash[offset + 1] & 0xff) << 16)
            | ((hash[offset + 2] & 0xff) << 8)
            | (hash[offset + 3] & 0xff);
    String code = Integer.toString(binary % POWERS[digits]);
    return "0".repeat(digits - code.length()) + code;
  }

  /**
   * The time step whose code {@code typed} is, within {@link #TOLERANCE_STEPS} of {@code now}, or
   * empty. Spaces are ignored (apps show "123 456"). The caller must still refuse a step already
   * used.
   */
  public static OptionalLong matchingStep(byte[] secret, String typed, Instant now) {
    String code = typed.replace(" ", "");
    if (code.length() != DIGITS || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return OptionalLong.empty();
    }
    long current = step(now);
    OptionalLong found = OptionalLong.empty();
    // Every candidate is compared, in constant time: how long the check takes says nothing.
    for (long step = current - TOLERANCE_STEPS; step <= current + TOLERANCE_STEPS; step++) {
      if (MessageDigest.isEqual(
          code(secret, step).getBytes(StandardCharsets.US_ASCII),
          code.getBytes(StandardCharsets.US_ASCII))) {
        found = OptionalLong.of(step);
      }
    }
    return found;
  }

  /**
   * The {@code otpauth://} URI authenticator apps read (the de-facto Key Uri Format of Google
   * Authenticator): {@code otpauth://totp/Issuer:account?secret=...&issuer=Issuer&...}.
   */
  public static String uri(String issuer, String account, byte[] secret) {
    String label = encode(issuer) + ":" + encode(account);
    return "otpauth://totp/"
        + label
        + "?secret="
        + Base32.encode(secret)
        + "&issuer="
        + encode(issuer)
        + "&algorithm=SHA1&digits="
        + DIGITS
        + "&period="
        + STEP_SECONDS;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
