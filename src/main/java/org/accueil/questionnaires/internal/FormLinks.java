package org.accueil.questionnaires.internal;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.accueil.platform.crypto.BlindIndex;
import org.accueil.platform.crypto.SignedTokens;
import org.springframework.stereotype.Component;

/**
 * The link a patient opens a form with: {@code qf_} + the request id and expiry (epoch seconds)
 * signed as {@link SignedTokens} under {@value #MAC_PURPOSE}. A forged or altered link is refused
 * without a database read; the request's row is still read on every use (its expiry, its status),
 * so a cancelled visit's form closes at once.
 */
@Component
public class FormLinks {

  public static final String PREFIX = "qf_";
  private static final String MAC_PURPOSE = "questionnaire-link.v1";

  private final BlindIndex mac;

  FormLinks(BlindIndex mac) {
    this.mac = mac;
  }

  /** The token of {@code request} until {@code expires} (whole seconds). */
  public String token(UUID request, Instant expires) {
    ByteBuffer payload = ByteBuffer.allocate(24);
    payload.putLong(request.getMostSignificantBits()).putLong(request.getLeastSignificantBits());
    payload.putLong(expires.getEpochSecond());
    return SignedTokens.sign(mac, MAC_PURPOSE, PREFIX, payload.array());
  }

  /** The request a genuine, unexpired token opens. */
  public Optional<UUID> request(String token, Instant now) {
    return SignedTokens.verify(mac, MAC_PURPOSE, PREFIX, token, 24)
        .flatMap(
            payload -> {
              UUID id = new UUID(payload.getLong(), payload.getLong());
              Instant expires = Instant.ofEpochSecond(payload.getLong());
              return expires.isAfter(now) ? Optional.of(id) : Optional.empty();
            });
  }
}
