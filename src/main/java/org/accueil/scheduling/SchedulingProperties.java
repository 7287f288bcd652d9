package org.accueil.scheduling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.scheduling.*}
 *
 * @param holdDuration how long a held slot stays reserved for the patient deciding
 * @param maxSearchDays the longest date range one slot search may cover
 */
@ConfigurationProperties("accueil.scheduling")
public record SchedulingProperties(
    @DefaultValue("5m") Duration holdDuration, @DefaultValue("92") int maxSearchDays) {}
