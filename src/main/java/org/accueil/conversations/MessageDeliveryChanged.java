package org.accueil.conversations;

import java.util.Map;
import java.util.UUID;
import org.accueil.channels.DeliveryStatus;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;

/**
 * A message sent from a timeline moved on (sent, delivered, read, failed); published in the
 * transaction that recorded it.
 *
 * @param data the entry's facts (a notice's ids)
 * @param error the provider's code and title when it failed
 * @param resentAs the entry that carries the message on another channel after a failure
 */
public record MessageDeliveryChanged(
    UUID entry,
    UUID conversation,
    Channel channel,
    DeliveryStatus status,
    @Nullable String error,
    Map<String, Object> data,
    @Nullable TimelineEntry resentAs) {}
