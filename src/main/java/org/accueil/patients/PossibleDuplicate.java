package org.accueil.patients;

import java.time.Instant;
import java.util.UUID;
import org.accueil.patients.matching.Comparison;
import org.jspecify.annotations.Nullable;

/**
 * Two records the matcher could neither link nor tell apart, for the staff to decide.
 *
 * @param patient the newer record
 * @param candidate the record it may duplicate
 * @param status {@code open}, {@code distinct} (two people) or {@code merged}
 * @param comparison how the two compared, field by field
 */
public record PossibleDuplicate(
    UUID id,
    PatientId patient,
    PatientId candidate,
    Comparison comparison,
    String status,
    Instant foundAt,
    @Nullable Instant decidedAt,
    @Nullable String decidedBy) {}
