/**
 * Accueil's own FHIR R4 API at {@code /fhir/r4}: HAPI's plain server in front of the practice's
 * configuration (Practitioner, Location, HealthcareService, Schedule), the availability engine
 * (Slot, {@code Appointment/$find}) and the calendar's writes ({@code $hold}, {@code $book}, a
 * PATCH that cancels). Nothing is stored here: every answer is read from, and every write goes
 * through, the scheduling module's front door.
 */
@NullMarked
package org.accueil.integration.fhir.facade;

import org.jspecify.annotations.NullMarked;
