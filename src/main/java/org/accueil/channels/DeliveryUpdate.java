package org.accueil.channels;

import java.time.Instant;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;

/**
 * A provider's report on a message we sent.
 *
 * @param providerId the provider's id of our message, as its send answered
 * @param errorCode the provider's error code when it failed (Meta's {@code 131026}, Twilio's {@code
 *     30005})
 */
public record DeliveryUpdate(
    Channel channel,
    String providerId,
    DeliveryStatus status,
    Instant at,
    @Nullable String errorCode,
    @Nullable String errorTitle)
    implements Inbound {

  @Override
  public String deduplicationKey() {
    return providerId + "/" + status.code();
  }
}
