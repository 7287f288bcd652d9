package org.accueil.patients;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An address a patient writes or calls from, linked to their record: a WhatsApp or SMS number, a
 * phone line, an e-mail address, a web chat visitor token.
 *
 * @param address E.164 for the phone channels, lower-cased for e-mail, the token for web chat
 */
public record ChannelIdentity(
    UUID id,
    PatientId patient,
    Channel channel,
    String address,
    Verification verification,
    @Nullable Instant verifiedAt,
    @Nullable String verifiedBy,
    Instant createdAt,
    @Nullable Instant lastSeenAt) {

  @Override
  public String toString() {
    return "ChannelIdentity[" + id + ", " + channel.code() + "]";
  }
}
