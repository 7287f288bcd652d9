package org.accueil.questionnaires.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import org.accueil.platform.crypto.BlindIndex;
import org.springframework.stereotype.Component;

/**
 * The link a patient opens a form with: {@code qf_} + base64url(request id, expiry in epoch
 * seconds) + {@code .} + base64url(the first 16 bytes of an HMAC-SHA256 of the first part, keyed by
 * the blind-index keyset under {@value #MAC_PURPOSE}). A forged or altered link is refused without
 * a database read; the request's row is still read on every use (its expiry, its status), so a
 * cancelled visit's form closes at once.
 */
@Component
public class FormLinks {

  public static final String PREFIX = "qf_";
  private static final String MAC_PURPOSE = "questionnaire-link.v1";
  private static final int MAC_BYTES = 16;

  private final BlindIndex mac;

  FormLinks(BlindIndex mac) {
    this.mac = mac;
  }

  /** The token of {@code request} until {@code expires} (whole seconds). */
  public String token(UUID request, Instant expires) {
    ByteBuffer payload = ByteBuffer.allocate(24);
    payload.putLong(request.getMostSignificantBits()).putLong(request.getLeastSignificantBits());
    payload.putLong(expires.getEpochSecond());
    String body = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.array());
    return PREFIX + body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(sign(body));
  }

  /** The request a genuine, unexpired token opens. */
  public Optional<UUID> request(String token, Instant now) {
    if (token.length() > 100 || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    int dot = token.indexOf('.');
    if (dot < 0) {
      return Optional.empty();
    }
    String body = token.substring(PREFIX.length(), dot);
    byte[] payload;
    byte[] signature;
    try {
      payload = Base64.getUrlDecoder().decode(body);
      signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (payload.length != 24 || !MessageDigest.isEqual(signature, sign(body))) {
      return Optional.empty();
    }
    ByteBuffer buffer = ByteBuffer.wrap(payload);
    UUID id = new UUID(buffer.getLong(), buffer.getLong());
    Instant expires = Instant.ofEpochSecond(buffer.getLong());
    return expires.isAfter(now) ? Optional.of(id) : Optional.empty();
  }

  private byte[] sign(String body) {
    return Arrays.copyOf(mac.of(MAC_PURPOSE, body), MAC_BYTES);
  }
}
