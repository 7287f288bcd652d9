package org.accueil.channels.webchat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Visitor tokens and the identity hash of the practice's site. */
final class VisitorTokens {

  private static final SecureRandom random = new SecureRandom();

  /** What we issue (43 characters) and what is accepted back: 128 bits and more, base64url. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22,128}");

  private VisitorTokens() {}

  /** 256 random bits, base64url without padding. */
  static String newToken() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static boolean isWellFormed(String token) {
    return TOKEN.matcher(token).matches();
  }

  /**
   * The token's SHA-256: what is stored. The token has 256 random bits, so no slow hash is needed
   * for a copy of the table to be useless.
   */
  static byte[] hash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** hex(HMAC-SHA256(key = secret, message = identifier)), as the practice's site computes it. */
  static String identityHash(String secret, String identifier) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(identifier.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether {@code given} is the identifier's hash, compared in constant time. */
  static boolean identityMatches(String secret, String identifier, String given) {
    byte[] expected = identityHash(secret, identifier).getBytes(StandardCharsets.US_ASCII);
    byte[] actual =
        given.strip().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, actual);
  }
}
