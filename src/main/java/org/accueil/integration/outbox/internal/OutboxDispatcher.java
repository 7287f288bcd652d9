package org.accueil.integration.outbox.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.accueil.integration.outbox.Delivery;
import org.accueil.integration.outbox.OutboxDeadLettered;
import org.accueil.integration.outbox.OutboxDestination;
import org.accueil.integration.outbox.OutboxMessage;
import org.accueil.integration.outbox.internal.OutboxStore.Claimed;
import org.accueil.platform.LiveNotifications;
import org.accueil.platform.Worker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers the outbox: claims due rows (in order per destination and key), calls each row's {@link
 * OutboxDestination} outside any transaction and within its timeout, keeps the claims' leases alive
 * while the calls run, and records each attempt: delivered, retried after the destination's next
 * backoff step (with jitter), or dead.
 */
@Component
public class OutboxDispatcher extends Worker implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

  /** The topic that wakes every node's dispatcher (LISTEN/NOTIFY); its payload is empty. */
  static final String TOPIC = "accueil_integration_outbox";

  /** How long a destination no bean handles is left out of this node's claims. */
  private static final Duration UNROUTED_RECHECK = Duration.ofMinutes(1);

  /** The longest Retry-After obeyed; a peer asking for more is tried again after a day. */
  private static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);

  private final OutboxStore store;
  private final List<OutboxDestination> destinations;
  private final TransactionTemplate transactions;
  private final ApplicationEventPublisher events;
  private final OutboxMetrics metrics;
  private final LiveNotifications live;
  private final LiveNotifications.Subscription wakeups;
  private final OutboxProperties properties;
  private final Clock clock;
  private final String node;
  private final AtomicLong claims = new AtomicLong();
  private final Map<Long, Claimed> delivering = new ConcurrentHashMap<>();
  private final Map<String, Instant> unrouted = new ConcurrentHashMap<>();
  private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();
  private volatile @Nullable Thread heartbeat;
  private volatile @Nullable Thread probe;

  /** Destinations whose probe this node found not answering, while their rows wait. */
  private final Set<String> down = ConcurrentHashMap.newKeySet();

  OutboxDispatcher(
      OutboxStore store,
      List<OutboxDestination> destinations,
      PlatformTransactionManager transactions,
      ApplicationEventPublisher events,
      OutboxMetrics metrics,
      LiveNotifications live,
      OutboxProperties properties,
      Clock clock) {
    super("integration-outbox", properties.workers(), properties.pollInterval());
    this.live = live;
    this.store = store;
    this.destinations = List.copyOf(destinations);
    this.transactions = new TransactionTemplate(transactions);
    this.events = events;
    this.metrics = metrics;
    this.properties = properties;
    this.clock = clock;
    this.node = nodeName();
    this.wakeups = live.subscribe(TOPIC, payload -> wake());
  }

  /** The destination bean that delivers rows written for {@code destination}, if any. */
  public Optional<OutboxDestination> destinationFor(String destination) {
    return destinations.stream().filter(d -> d.handles(destination)).findFirst();
  }

  /** Delivers every row due now, on the calling thread and its helpers; returns how many. */
  @Override
  public int drain() {
    int tried = 0;
    while (true) {
      String token = node + "#" + claims.incrementAndGet();
      List<String> skip = skipped();
      OutboxStore.Claim claim =
          transactions.execute(
              status ->
                  store.claim(
                      token,
                      properties.batchSize(),
                      properties.lease(),
                      skip,
                      d -> destinationFor(d).isPresent()));
      if (claim == null) {
        return tried;
      }
      boolean firstSight = false;
      for (String destination : claim.unrouted()) {
        firstSight |= unrouted(destination);
      }
      if (firstSight) {
        // This claim held those rows locked for an instant, and a node that delivers them may have
        // skipped them meanwhile (SKIP LOCKED) and gone back to sleep: wake every node again.
        live.publish(TOPIC, "");
      }
      if (claim.foundNothing()) {
        return tried;
      }
      claim.claimed().forEach(c -> delivering.put(c.id(), c));
      List<Future<?>> running = new ArrayList<>();
      for (Claimed claimed : claim.claimed()) {
        running.add(calls.submit(() -> deliver(claimed)));
      }
      for (Future<?> f : running) {
        try {
          f.get();
        } catch (ExecutionException e) {
          // Recording failed (the database went away): the lease runs out, and the row is
          // delivered again, by this node or another.
          log.warn("Recording an outbox delivery failed: {}", e.getCause().toString());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return tried;
        }
      }
      tried += claim.claimed().size();
    }
  }

  private void deliver(Claimed claimed) {
    OutboxMessage message = claimed.message();
    try {
      OutboxDestination destination = destinationFor(message.destination()).orElse(null);
      if (destination == null) {
        // It stopped handling this destination since the claim (a webhook endpoint deleted):
        // handed back untried, for a node or a moment that can deliver it.
        transactions.executeWithoutResult(
            status ->
                store.retryAt(
                    claimed,
                    clock.instant().plus(UNROUTED_RECHECK),
                    "No destination on " + node + " delivers \"" + message.destination() + "\""));
        return;
      }
      Instant started = clock.instant();
      long t0 = System.nanoTime();
      Attempt attempt = call(destination, message);
      long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
      transactions.executeWithoutResult(
          status -> record(claimed, destination, attempt, started, ms));
    } finally {
      delivering.remove(claimed.id());
    }
  }

  /** One call's outcome; {@code timedOut} when the destination did not answer in time. */
  private record Attempt(Delivery outcome, boolean timedOut) {}

  private Attempt call(OutboxDestination destination, OutboxMessage message) {
    Duration timeout = destination.timeout();
    Future<Delivery> call = calls.submit(() -> destination.deliver(message));
    try {
      Delivery outcome = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Attempt(
          outcome == null ? Delivery.retry("The destination answered nothing") : outcome, false);
    } catch (TimeoutException e) {
      call.cancel(true);
      return new Attempt(
          Delivery.retry("No outcome within " + timeout.toMillis() + " ms (timeout)"), true);
    } catch (ExecutionException e) {
      // A bug, or an outage the destination did not classify: tried again.
      return new Attempt(Delivery.retry(describe(e.getCause())), false);
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      return new Attempt(Delivery.retry("The node stopped during the delivery"), false);
    }
  }

  private void record(
      Claimed claimed, OutboxDestination destination, Attempt attempt, Instant started, long ms) {
    OutboxMessage message = claimed.message();
    Instant now = clock.instant();
    String error = null;
    boolean held;
    String outcome;
    switch (attempt.outcome()) {
      case Delivery.Delivered delivered -> {
        outcome = "delivered";
        held = store.delivered(claimed, delivered.remoteReference(), now);
        if (held) {
          metrics.delivered(message, Duration.between(message.createdAt(), now));
        }
      }
      case Delivery.Retry retry -> {
        outcome = attempt.timedOut() ? "timeout" : "retry";
        error = brief(retry.error());
        List<Duration> backoff = destination.backoff();
        if (message.attempt() > backoff.size()) {
          held = deadLetter(claimed, destination, error, now);
        } else {
          Duration wait = nextWait(backoff.get(message.attempt() - 1), retry.after());
          held = store.retryAt(claimed, now.plus(wait), error);
        }
        metrics.failed(message, outcome);
      }
      case Delivery.Failed failed -> {
        outcome = "failed";
        error = brief(failed.error());
        held = deadLetter(claimed, destination, error, now);
        metrics.failed(message, outcome);
      }
    }
    store.attempt(message.id(), message.attempt(), started, ms, outcome, error, node);
    if (!held) {
      // 0 rows updated: this node's lease ran out mid-delivery and another node took the row over;
      // that node's outcome stands. The peer may have seen the row twice, with the same
      // idempotency key.
      log.info(
          "Outbox row {} ({}) was taken over by another node while this one delivered it",
          message.id(),
          message.destination());
    }
  }

  /**
   * The wait before the next attempt: the destination's step, or longer when the peer asked
   * (Retry-After), plus up to a fifth more so that rows failed together do not all come back in the
   * same instant.
   */
  static Duration nextWait(Duration step, @Nullable Duration after) {
    Duration wait = step;
    if (after != null && after.compareTo(wait) > 0) {
      wait = after.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : after;
    }
    long millis = wait.toMillis();
    long jitter = millis < 5 ? 0 : ThreadLocalRandom.current().nextLong(millis / 5 + 1);
    return Duration.ofMillis(millis + jitter);
  }

  private boolean deadLetter(
      Claimed claimed, OutboxDestination destination, String error, Instant now) {
    OutboxMessage message = claimed.message();
    if (!store.dead(claimed, error, now)) {
      return false;
    }
    log.error(
        "Outbox row {} for {} ({}, key {}) is dead after {} attempt(s): {}. Replay it with POST"
            + " /api/v1/integration/deliveries/{}/replay once the cause is fixed.",
        message.id(),
        message.destination(),
        message.kind(),
        message.key(),
        message.attempt(),
        error,
        message.id());
    metrics.deadLettered(message);
    events.publishEvent(
        new OutboxDeadLettered(
            message.id(),
            message.destination(),
            message.key(),
            message.kind(),
            message.attempt(),
            error,
            now));
    // After the commit, outside the transaction: what the destination does (disable an endpoint,
    // call someone) must not undo the dead-lettering when it fails.
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            try {
              destination.deadLettered(message, error);
            } catch (RuntimeException e) {
              log.error(
                  "The {} destination failed to handle dead row {}: {}",
                  message.destination(),
                  message.id(),
                  e.toString());
            }
          }
        });
    return true;
  }

  private List<String> skipped() {
    Instant now = Instant.now();
    unrouted.values().removeIf(until -> until.isBefore(now));
    return List.copyOf(unrouted.keySet());
  }

  /** Leaves {@code destination} out of this node's claims for a while; true the first time. */
  private boolean unrouted(String destination) {
    if (unrouted.put(destination, Instant.now().plus(UNROUTED_RECHECK)) == null) {
      log.warn(
          "No destination on this node delivers outbox rows for \"{}\": they stay pending for a"
              + " node that does (docs/INTEGRATION.md, \"The outbox and the delivery log\")",
          destination);
      metrics.unrouted(destination);
      return true;
    }
    return false;
  }

  // ------------------------------------------------------------------------------- heartbeat

  @Override
  public synchronized void start() {
    super.start();
    heartbeat = Thread.ofVirtual().name("integration-outbox-heartbeat").start(this::beat);
    if (properties.workers() > 0) {
      probe = Thread.ofVirtual().name("integration-outbox-probe").start(this::probeLoop);
    }
  }

  private void probeLoop() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(properties.probeInterval());
        probeWaitingDestinations();
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.warn("Probing the outbox's failing destinations failed: {}", e.toString());
      }
    }
  }

  /**
   * Asks each destination whose rows wait after failures whether it answers; one this node found
   * not answering before and answering now is back from an outage, and its waiting rows are due now
   * (see {@link OutboxDestination#answers}). One that answered all along keeps its rows' schedule:
   * they fail for reasons of their own, and retrying them at every probe would spend their attempts
   * in minutes. Returns the destinations resumed.
   */
  public List<String> probeWaitingDestinations() throws InterruptedException {
    List<String> resumed = new ArrayList<>();
    // A destination found away stays so until found answering, even when at some probe none of its
    // rows happens to be waiting (all being retried at that moment).
    for (String name : store.waitingAfterFailure(clock.instant())) {
      OutboxDestination destination = destinationFor(name).orElse(null);
      if (destination == null) {
        continue;
      }
      if (!answers(destination, name)) {
        down.add(name);
        continue;
      }
      if (!down.remove(name)) {
        continue;
      }
      int count = store.resumeWaiting(name, clock.instant());
      if (count > 0) {
        log.info("{} answers again: {} outbox row(s) waiting to retry are due now", name, count);
        resumed.add(name);
      }
    }
    if (!resumed.isEmpty()) {
      live.publish(TOPIC, "");
      wake();
    }
    return resumed;
  }

  private boolean answers(OutboxDestination destination, String name) throws InterruptedException {
    Future<Boolean> asked = calls.submit(() -> destination.answers(name));
    try {
      return Boolean.TRUE.equals(
          asked.get(destination.timeout().toMillis(), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      asked.cancel(true);
      return false;
    } catch (ExecutionException e) {
      return false;
    }
  }

  private void beat() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(properties.heartbeat());
        List<Claimed> held = List.copyOf(delivering.values());
        int extended = store.heartbeat(held, properties.lease());
        if (extended < held.size()) {
          // Rows finished between the copy and the update are not counted either: harmless.
          log.debug("Heartbeat extended {} of {} outbox leases", extended, held.size());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        // The database is away: the next beat tries again; past the lease, another node may take
        // the rows over and deliver them again (at least once).
        log.warn("Outbox heartbeat failed: {}", e.toString());
      }
    }
  }

  /** Lets running deliveries finish (up to Worker's wait), keeping their leases until then. */
  @Override
  public synchronized void stop() {
    super.stop();
    Thread beating = heartbeat;
    if (beating != null) {
      beating.interrupt();
    }
    heartbeat = null;
    Thread probing = probe;
    if (probing != null) {
      probing.interrupt();
    }
    probe = null;
  }

  @Override
  public void destroy() {
    wakeups.close();
    calls.shutdownNow();
  }

  @Override
  public boolean isRunning() {
    return heartbeat != null || super.isRunning();
  }

  /** The rows this node is delivering now. */
  int inFlight() {
    return delivering.size();
  }

  String node() {
    return node;
  }

  // ---------------------------------------------------------------------------------- errors

  /**
   * An error as the delivery log keeps it: its first line, without control characters, at most 500
   * characters. Destinations write a status and a short reason; this keeps a response body or a
   * stack trace that slipped into a message from filling the log (or carrying patient data far).
   */
  static String brief(@Nullable String error) {
    if (error == null || error.isBlank()) {
      return "(no error given)";
    }
    String line = error.strip().lines().findFirst().orElse("");
    line = line.replaceAll("\\p{Cntrl}", " ");
    return line.length() > 500 ? line.substring(0, 500) + "…" : line;
  }

  /** An exception a destination threw: its type and the first line of its message. */
  static String describe(Throwable e) {
    String message = e.getMessage();
    String line = message == null ? "" : brief(message);
    return brief(
        e.getClass().getSimpleName()
            + (line.isEmpty() ? "" : ": " + (line.length() > 200 ? line.substring(0, 200) : line)));
  }

  /** This node in leases and the delivery log: host, process and a random part. */
  private static String nodeName() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      host = "node";
    }
    host = host.replaceAll("[^A-Za-z0-9.-]", "");
    if (host.length() > 60) {
      host = host.substring(0, 60);
    }
    String random = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    return host + "-" + ProcessHandle.current().pid() + "-" + random;
  }
}
