package org.accueil.platform.crypto;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Tokens that carry their own facts under a keyed MAC, for links sent to patients: {@code prefix} +
 * base64url(payload) + {@code .} + base64url(the first 16 bytes of HMAC-SHA256 of the encoded
 * payload, keyed by the blind-index keyset under {@code purpose}). A forged or altered token is
 * refused without a database read; what it names is still read on every use, so revoking takes
 * effect at once.
 */
public final class SignedTokens {

  private static final int MAC_BYTES = 16;

  /** Longer than any token we issue: a longer text is refused before decoding. */
  private static final int LONGEST = 200;

  private SignedTokens() {}

  public static String sign(BlindIndex mac, String purpose, String prefix, byte[] payload) {
    String body = Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
    return prefix
        + body
        + "."
        + Base64.getUrlEncoder().withoutPadding().encodeToString(signature(mac, purpose, body));
  }

  /** The payload of a genuine token of {@code length} bytes, or empty. */
  public static Optional<ByteBuffer> verify(
      BlindIndex mac, String purpose, String prefix, String token, int length) {
    if (token.length() > LONGEST || !token.startsWith(prefix)) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot < prefix.length()) {
      return Optional.empty();
    }
    String body = token.substring(prefix.length(), dot);
    byte[] payload;
    byte[] signature;
    try {
      payload = Base64.getUrlDecoder().decode(body);
      signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (payload.length != length
        || !MessageDigest.isEqual(signature, signature(mac, purpose, body))) {
      return Optional.empty();
    }
    return Optional.of(ByteBuffer.wrap(payload));
  }

  private static byte[] signature(BlindIndex mac, String purpose, String body) {
    return Arrays.copyOf(mac.of(purpose, body), MAC_BYTES);
  }
}
