/**
 * The registry's patients as FHIR R4 {@code Patient} resources and back ({@link
 * org.accueil.patients.fhir.FhirPatients}): one mapping for the registry's import and export and
 * for the patient's own export in the privacy module, so they all write a patient the same way and
 * an export re-imports as it was written.
 */
@NamedInterface("fhir")
@NullMarked
package org.accueil.patients.fhir;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
