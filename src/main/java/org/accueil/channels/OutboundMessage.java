package org.accueil.channels;

import java.util.Locale;
import java.util.UUID;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;

/**
 * A message to send.
 *
 * @param reference the sender's id for it (a timeline entry): one message per reference, however
 *     often it is enqueued; {@link DeliveryChanged} carries it back
 * @param to the recipient's address on {@code channel}
 * @param thread the conversation's reply token, for channels that thread (e-mail's reply address,
 *     the web chat conversation)
 * @param language the recipient's language, for the words the channel adds (an e-mail's subject)
 */
public record OutboundMessage(
    UUID reference,
    Channel channel,
    String to,
    OutboundContent content,
    @Nullable String thread,
    Locale language) {}
