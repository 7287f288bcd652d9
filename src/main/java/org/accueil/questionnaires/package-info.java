/**
 * Questionnaires: the practice's forms as FHIR R4 {@code Questionnaire} resources (versioned,
 * retired, in French, English and Italian), the rules that send them when a visit is booked, the
 * page a patient fills them in on (a signed, expiring link, no login), and the answers as a FHIR
 * {@code QuestionnaireResponse} on the patient's timeline, on the visit and in the EHR. What a
 * patient says about themself is flagged for staff, never written over the record. See
 * docs/QUESTIONNAIRES.md.
 */
@ApplicationModule(
    displayName = "Questionnaires",
    allowedDependencies = {
      "platform",
      "platform :: crypto",
      "practice",
      "patients",
      "privacy",
      "scheduling",
      "conversations",
      "security"
    })
@NullMarked
package org.accueil.questionnaires;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
