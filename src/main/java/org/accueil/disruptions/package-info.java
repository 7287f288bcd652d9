/**
 * Disruptions: a provider late, ill, called to an emergency or away training. Staff (or the EHR,
 * through SIU S23 or a Slot {@code busy-unavailable}) block the time, which disappears at once for
 * new bookings; every patient booked in it is listed with their channel and consent; each is
 * offered held alternatives (a colleague of the same qualification that day, the next free times
 * with the same provider) or cancelled, by the assistant on their channel; replies rebook or
 * cancel, and whoever has not answered by a deadline before their visit lands on the staff's call
 * list. See docs/DISRUPTIONS.md.
 */
@ApplicationModule(
    displayName = "Disruptions",
    allowedDependencies = {
      "platform",
      "practice",
      "patients",
      "privacy",
      "scheduling",
      "scheduling :: model",
      "conversations"
    })
@NullMarked
package org.accueil.disruptions;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
