/**
 * The FHIR R4 EHR connector: our bookings pushed to the EHR through the outbox ({@link
 * org.accueil.integration.fhir.FhirEhrDestination}), the EHR's changes read back by rest-hook
 * subscription and by polling into one inbox and applied by one piece of code ({@link
 * org.accueil.integration.fhir.EhrChanges}), conflicts for staff ({@link
 * org.accueil.integration.fhir.Conflicts}) and the reconciliation of a window of days ({@link
 * org.accueil.integration.fhir.Reconciliation}). See docs/INTEGRATION.md, "Connecting a FHIR EHR".
 */
@NullMarked
package org.accueil.integration.fhir;

import org.jspecify.annotations.NullMarked;
