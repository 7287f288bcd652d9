package org.accueil.channels;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the channels' queues run ({@code accueil.channels.*}); each adapter has its own properties
 * under {@code accueil.channels.<channel>}.
 *
 * @param pollInterval how often each node looks for stored items not yet handled and messages due
 *     to be sent, besides being woken at once by its own writes
 * @param workers how many items each node handles at once
 * @param sendAttempts how often a message is tried before it is marked failed
 * @param firstRetry the wait after the first failed try; it doubles after each
 */
@ConfigurationProperties("accueil.channels")
public record ChannelsProperties(
    @DefaultValue("1s") Duration pollInterval,
    @DefaultValue("2") int workers,
    @DefaultValue("8") int sendAttempts,
    @DefaultValue("30s") Duration firstRetry) {

  /**
   * The wait before try {@code attempt + 1}: doubling, capped at an hour. With the defaults, 8
   * attempts 30 s doubling: a message still refused is marked failed about 2 hours after it was
   * queued, and the staff see it.
   */
  public Duration backoff(int attempt) {
    Duration wait = firstRetry.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 16));
    return wait.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : wait;
  }
}
