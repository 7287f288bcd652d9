/**
 * Keeping other systems in step with Accueil, in both directions: the outbox every outbound effect
 * goes through ({@code outbox}), the EHR connectors (FHIR R4 in {@code fhir}, HL7 v2 SIU in {@code
 * hl7v2}; completed questionnaires go to the EHR either way), our own FHIR scheduling API ({@code
 * fhir.facade}), outgoing webhooks ({@code webhooks}) and the mapping of our ids to other systems'
 * ids ({@code mapping}). A block the EHR sends over booked appointments (SIU S23, a Slot {@code
 * busy-unavailable}) is handed to the disruptions module. See docs/INTEGRATION.md.
 */
@ApplicationModule(
    displayName = "Integration",
    allowedDependencies = {
      "platform",
      "platform :: crypto",
      "practice",
      "patients",
      "patients :: fhir",
      "scheduling",
      "scheduling :: model",
      "security",
      "conversations",
      "questionnaires",
      "disruptions"
    })
@NullMarked
package org.accueil.integration;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
