/**
 * The assistant that answers first. So far its first duty only: every patient message, in any
 * language, goes through red-flag triage ({@link org.accueil.assistant.triage.RedFlags}) before
 * anything else; a hit gets the emergency numbers of the practice's country at once and the
 * conversation goes to staff, urgent. Understanding, dialogue and the knowledge base come next
 * (issue 6).
 */
@ApplicationModule(
    displayName = "Assistant",
    allowedDependencies = {
      "platform",
      "practice",
      "patients",
      "channels",
      "conversations",
      "privacy",
      "scheduling",
      "scheduling :: model",
      "satisfaction",
      "disruptions"
    })
@NullMarked
package org.accueil.assistant;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
