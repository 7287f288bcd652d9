/**
 * The web chat: a small widget the practice embeds in its site, an anonymous visitor token kept in
 * the browser (only its hash is stored), an optional patient identity proven by the practice site's
 * HMAC, messages stored through {@link org.accueil.channels.ChannelInbox} before they are
 * acknowledged, and the conversation read back and pushed live (server-sent events). See
 * docs/channels/webchat.md.
 */
@NullMarked
package org.accueil.channels.webchat;

import org.jspecify.annotations.NullMarked;
