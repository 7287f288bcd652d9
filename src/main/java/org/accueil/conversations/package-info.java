/**
 * One conversation per patient across every channel: the timeline (messages on WhatsApp, SMS, the
 * phone, e-mail and the web chat, system events, staff notes), its state (with the assistant,
 * waiting for staff, with staff, resolved, snoozed), priority, assignment and read markers, and the
 * staff's inbox with live updates across nodes ({@link org.accueil.conversations.Conversations}).
 * What the channels received reaches it through {@link org.accueil.channels.InboundHandler}; each
 * patient message is announced as {@link org.accueil.conversations.PatientMessageReceived}. See
 * docs/CONVERSATIONS.md.
 */
@ApplicationModule(
    displayName = "Conversations",
    allowedDependencies = {
      "platform",
      "platform :: crypto",
      "practice",
      "patients",
      "privacy",
      "channels",
      "scheduling",
      "security"
    })
@NullMarked
package org.accueil.conversations;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
