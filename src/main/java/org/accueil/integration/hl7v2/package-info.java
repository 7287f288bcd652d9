/**
 * HL7 v2.5.1 SIU over MLLP, for EHRs and practice-management systems without FHIR write access: an
 * inbound listener that stores every message before acknowledging it and applies one appointment's
 * messages in order ({@link org.accueil.integration.hl7v2.MllpListener}), and an outbox destination
 * sending our bookings ({@link org.accueil.integration.hl7v2.Hl7v2Destination}). See
 * docs/INTEGRATION.md, "HL7 v2 SIU over MLLP".
 */
@NullMarked
package org.accueil.integration.hl7v2;

import org.jspecify.annotations.NullMarked;
