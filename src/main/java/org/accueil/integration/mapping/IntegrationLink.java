package org.accueil.integration.mapping;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One of our records and the same thing in another system.
 *
 * @param system the other system: "fhir", "hl7v2"
 * @param localId our id
 * @param remoteId theirs (a FHIR logical id, an HL7 v2 identifier)
 * @param version their version of it when we last wrote or read it (FHIR meta.versionId), if known
 * @param lastSynced when the link was last written or confirmed
 */
public record IntegrationLink(
    String system,
    LinkedResource resource,
    UUID localId,
    String remoteId,
    @Nullable String version,
    Instant lastSynced) {}
