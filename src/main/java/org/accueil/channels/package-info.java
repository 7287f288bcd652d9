/**
 * The doors patients write and call through: web chat, WhatsApp, SMS, phone and e-mail. Each
 * adapter checks its provider's signature on the raw bytes, stores what arrived through {@link
 * org.accueil.channels.ChannelInbox} before it answers, and sends through {@link
 * org.accueil.channels.ChannelOutbox}, a durable queue with retries. What arrived is handed, once,
 * to the {@link org.accueil.channels.InboundHandler} (the conversations module); what happened to
 * what was sent is published as {@link org.accueil.channels.DeliveryChanged}. See docs/CHANNELS.md.
 */
@ApplicationModule(
    displayName = "Channels",
    allowedDependencies = {"platform", "platform :: crypto", "practice", "patients", "privacy"})
@NullMarked
package org.accueil.channels;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
