package org.accueil.integration.outbox.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How each node delivers the outbox ({@code accueil.integration.outbox.*}).
 *
 * @param workers threads claiming rows on this node; 0 leaves delivery to the other nodes
 * @param pollInterval how often an idle worker looks for rows due (other nodes' writes, retries
 *     falling due); a write on any node also wakes every node at once
 * @param batchSize rows one claim takes; they are delivered at once, each on a thread of its own,
 *     so a node has up to {@code workers × batchSize} deliveries in flight
 * @param lease how long a claimed row stays with its node without a heartbeat; the node extends it
 *     every third of it while the delivery runs, so after a crash another node takes the row over
 *     within one lease
 * @param keepDelivered how long delivered rows and their attempts stay in the delivery log
 * @param probeInterval how often a node asks a destination whose rows wait after failures whether
 *     it answers again ({@code OutboxDestination#answers}); when it does they are due at once
 */
@ConfigurationProperties("accueil.integration.outbox")
public record OutboxProperties(
    @DefaultValue("2") int workers,
    @DefaultValue("250ms") Duration pollInterval,
    @DefaultValue("10") int batchSize,
    @DefaultValue("15s") Duration lease,
    @DefaultValue("30d") Duration keepDelivered,
    @DefaultValue("10s") Duration probeInterval) {

  public OutboxProperties {
    if (workers < 0 || workers > 64) {
      throw new IllegalArgumentException(
          "accueil.integration.outbox.workers must be from 0 to 64, not " + workers);
    }
    if (batchSize < 1 || batchSize > 500) {
      throw new IllegalArgumentException(
          "accueil.integration.outbox.batch-size must be from 1 to 500, not " + batchSize);
    }
    if (pollInterval.toMillis() < 10) {
      throw new IllegalArgumentException(
          "accueil.integration.outbox.poll-interval must be at least 10ms, not " + pollInterval);
    }
    if (lease.toMillis() < 300) {
      throw new IllegalArgumentException(
          "accueil.integration.outbox.lease must be at least 300ms, not " + lease);
    }
    if (probeInterval.toMillis() < 100) {
      throw new IllegalArgumentException(
          "accueil.integration.outbox.probe-interval must be at least 100ms, not " + probeInterval);
    }
    if (keepDelivered.isNegative()) {
      throw new IllegalArgumentException(
          "accueil.integration.outbox.keep-delivered must not be negative");
    }
  }

  /** How often a delivering node extends its leases: three times per lease. */
  public Duration heartbeat() {
    return lease.dividedBy(3);
  }
}
