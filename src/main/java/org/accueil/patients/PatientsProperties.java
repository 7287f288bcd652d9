package org.accueil.patients;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code accueil.patients.*}
 *
 * @param unmergeGracePeriod how long after a merge it can still be undone
 * @param matchThreshold the score (bits) at or above which, with corroboration, a record is linked
 *     automatically; see docs/PATIENTS.md before changing it
 * @param possibleThreshold the score at or above which a record is a possible match
 * @param importMaxSize the largest file an import takes
 */
@ConfigurationProperties("accueil.patients")
public record PatientsProperties(
    @DefaultValue("30d") Duration unmergeGracePeriod,
    @DefaultValue("24") double matchThreshold,
    @DefaultValue("14") double possibleThreshold,
    @DefaultValue("50MB") DataSize importMaxSize) {}
