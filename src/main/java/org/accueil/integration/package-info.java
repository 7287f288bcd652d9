/**
 * Accueil and the systems around it: our own FHIR R4 scheduling API ({@code fhir.facade}), with the
 * same rules and the same no-overlap guarantee as the REST API. See docs/INTEGRATION.md.
 */
@ApplicationModule(
    displayName = "Integration",
    allowedDependencies = {
      "platform",
      "practice",
      "patients",
      "patients :: fhir",
      "scheduling",
      "scheduling :: model"
    })
@NullMarked
package org.accueil.integration;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
