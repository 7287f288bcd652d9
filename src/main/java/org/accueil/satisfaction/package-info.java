/**
 * Patient satisfaction: after a fulfilled visit and after a resolved conversation, one question (a
 * rating from 1 to 5, then an optional comment) on the patient's channel; the answers by provider,
 * channel and period for the practice's reports; a low score handed to staff to call back. The
 * question itself goes as a notification ({@link SatisfactionAsked}). See docs/SATISFACTION.md.
 */
@ApplicationModule(
    displayName = "Satisfaction",
    allowedDependencies = {
      "platform",
      "platform :: crypto",
      "practice",
      "patients",
      "privacy",
      "scheduling",
      "conversations"
    })
@NullMarked
package org.accueil.satisfaction;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
