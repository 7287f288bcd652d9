package org.accueil.privacy;

import java.time.Instant;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * One consent decision as it was recorded; records are never changed, a later one supersedes it.
 *
 * @param wording what the patient was shown; required for a grant, optional for a withdrawal
 * @param recordedBy the actor who recorded it ({@code user:<id>}, {@code api-key:<id>}...)
 */
public record ConsentRecord(
    UUID id,
    PatientId patient,
    ConsentChannel channel,
    ConsentPurpose purpose,
    boolean granted,
    ConsentSource source,
    @Nullable ConsentWording wording,
    Instant recordedAt,
    String recordedBy) {}
