package org.accueil.integration.outbox.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.accueil.integration.outbox.OutboxMessage;
import org.springframework.stereotype.Component;

/**
 * The outbox's meters (docs/INTEGRATION.md, "Metrics"). Tags name the kind of destination ({@code
 * fhir}, {@code hl7v2}, {@code webhook}), never one webhook endpoint, so their number stays small.
 */
@Component
class OutboxMetrics {

  /** How stale the gauges may be: a scrape every few seconds costs one query at most this often. */
  private static final Duration GAUGE_AGE = Duration.ofSeconds(5);

  private final MeterRegistry registry;
  private final OutboxStore store;
  private final AtomicReference<Counts> counts = new AtomicReference<>();

  private record Counts(long pending, long dead, Instant at) {}

  OutboxMetrics(MeterRegistry registry, OutboxStore store) {
    this.registry = registry;
    this.store = store;
    Gauge.builder("accueil.integration.outbox.pending", this, m -> m.read(false))
        .description("Outbox rows still to deliver (pending or delivering), all destinations")
        .register(registry);
    Gauge.builder("accueil.integration.outbox.dead.letters", this, m -> m.read(true))
        .description("Outbox rows dead-lettered and not replayed, all destinations")
        .register(registry);
  }

  void delivered(OutboxMessage message, Duration lag) {
    Timer.builder("accueil.integration.outbox.lag")
        .description("From the change's commit to its delivery, retries included")
        .tag("destination", kindOf(message.destination()))
        .publishPercentiles(0.5, 0.95, 0.99)
        .register(registry)
        .record(lag.isNegative() ? Duration.ZERO : lag);
  }

  void failed(OutboxMessage message, String outcome) {
    Counter.builder("accueil.integration.outbox.failures")
        .description("Failed delivery attempts: retry, timeout or failed (dead at once)")
        .tag("destination", kindOf(message.destination()))
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  void deadLettered(OutboxMessage message) {
    Counter.builder("accueil.integration.outbox.dead.lettered")
        .description("Rows dead-lettered")
        .tag("destination", kindOf(message.destination()))
        .register(registry)
        .increment();
  }

  void unrouted(String destination) {
    Counter.builder("accueil.integration.outbox.unrouted")
        .description("Destinations found with rows due that no bean on this node delivers")
        .tag("destination", kindOf(destination))
        .register(registry)
        .increment();
  }

  /** NaN while the database cannot be asked: a gap in the graph, not a false zero. */
  private double read(boolean dead) {
    try {
      Counts c = counts();
      return dead ? c.dead() : c.pending();
    } catch (RuntimeException e) {
      return Double.NaN;
    }
  }

  private Counts counts() {
    Counts current = counts.get();
    Instant now = Instant.now();
    if (current == null || current.at().plus(GAUGE_AGE).isBefore(now)) {
      long[] found = store.pendingAndDead();
      current = new Counts(found[0], found[1], now);
      counts.set(current);
    }
    return current;
  }

  /** {@code webhook:0193…} → {@code webhook}. */
  static String kindOf(String destination) {
    int colon = destination.indexOf(':');
    return colon < 0 ? destination : destination.substring(0, colon);
  }
}
