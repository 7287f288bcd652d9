package org.accueil.scheduling;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.scheduling.waitlist.*}
 *
 * @param offerExpiry how long a waitlisted patient has to accept a time offered before it passes to
 *     the next one
 * @param passInterval how often a node looks for freed time to offer and offers that lapsed; the
 *     delay between a cancellation and the first offer is at most this
 */
@ConfigurationProperties("accueil.scheduling.waitlist")
public record WaitlistProperties(
    @DefaultValue("30m") Duration offerExpiry, @DefaultValue("10s") Duration passInterval) {}
