package org.accueil.channels;

import java.time.Duration;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;

/**
 * Sends on one channel through its provider: one bean per channel, called by the outbox worker
 * outside any transaction. It must not throw for a provider's refusal or outage; it says what
 * happened.
 */
public interface ChannelSender {

  Channel channel();

  /** Whether the channel is configured and can send at all. */
  boolean enabled();

  Outcome send(OutboundMessage message);

  /** What the provider answered. */
  sealed interface Outcome {

    /**
     * The provider took it.
     *
     * @param providerId its id for the message, which its status reports will carry
     * @param status what is known already: {@code SENT} usually, {@code DELIVERED} when the channel
     *     is ours (web chat)
     */
    record Accepted(String providerId, DeliveryStatus status) implements Outcome {}

    /**
     * An outage or a rate limit: try again later.
     *
     * @param after at least this long (a {@code Retry-After}), or null for the queue's backoff
     */
    record RetryLater(@Nullable Duration after, @Nullable String errorCode, String reason)
        implements Outcome {}

    /** The provider refused for good; retrying cannot help. */
    record Rejected(@Nullable String errorCode, String reason, DeliveryChanged.Fallback fallback)
        implements Outcome {}
  }
}
