package org.accueil.channels;

import java.time.Instant;
import java.util.UUID;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;

/**
 * A message we sent moved: published in the transaction that recorded it.
 *
 * @param reference what the sender asked to send, as given to {@link ChannelOutbox#enqueue}
 * @param fallback what to try when it failed, per the provider's error code
 */
public record DeliveryChanged(
    UUID reference,
    Channel channel,
    DeliveryStatus status,
    Instant at,
    @Nullable String errorCode,
    @Nullable String errorTitle,
    Fallback fallback) {

  /** What a failure's error code says to do next. */
  public enum Fallback {
    NONE,
    /** Outside WhatsApp's 24-hour window (131047): send an approved template instead. */
    TEMPLATE,
    /** Not reachable on this channel (131026, Twilio 21610/30006): try another channel. */
    OTHER_CHANNEL
  }
}
