/**
 * What Accueil tells patients about their appointments without being asked: confirmations of a
 * booking, a move or a cancellation, reminders before the visit, follow-ups after it, and waitlist
 * offers. Each is a row written in the transaction of the change that calls for it and sent when
 * due, once, on the patient's preferred channel (through {@code conversations}, so that it is on
 * their timeline). See docs/NOTIFICATIONS.md.
 */
@ApplicationModule(
    displayName = "Notifications",
    allowedDependencies = {
      "platform",
      "practice",
      "patients",
      "privacy",
      "scheduling",
      "conversations",
      "channels",
      "security",
      "questionnaires",
      "satisfaction",
      "disruptions"
    })
@NullMarked
package org.accueil.notifications;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
