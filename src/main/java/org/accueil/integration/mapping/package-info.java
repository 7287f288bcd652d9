/**
 * Our ids and other systems' ids for the same things: {@link
 * org.accueil.integration.mapping.IntegrationLinks} finds one from the other and records them, per
 * system ("fhir", "hl7v2") and {@link org.accueil.integration.mapping.LinkedResource}. The
 * connectors link patients and appointments as they push and pull; administrators map providers,
 * locations and appointment types ({@code /api/v1/integration/links}).
 */
@NamedInterface("mapping")
@NullMarked
package org.accueil.integration.mapping;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
