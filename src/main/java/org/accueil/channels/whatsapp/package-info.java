/**
 * WhatsApp through Meta's Business Cloud API: the webhook Meta calls with what patients write and
 * what became of what we sent ({@code /channels/whatsapp/webhook}, signed with the app secret), the
 * sender behind the outbox, and the approved templates, the only messages WhatsApp delivers outside
 * the 24-hour window ({@link org.accueil.channels.whatsapp.WhatsAppTemplates}). See
 * docs/channels/whatsapp.md.
 */
@NamedInterface("whatsapp")
@NullMarked
package org.accueil.channels.whatsapp;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
