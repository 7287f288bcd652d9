package org.accueil.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Background threads that run {@link #drain()} whenever woken, and at least every {@code interval}
 * (for what other nodes stored, and retries falling due). Stopped with the application, between
 * drains; started again with it (a test context the framework stops and restarts). The channels'
 * queues and the integration outbox run on it; with {@code threads} 0 the node leaves the work to
 * the others (and to explicit {@link #drain()} calls).
 */
public abstract class Worker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  private final String name;
  private final int threads;
  private final Duration interval;
  private final Semaphore wakeups = new Semaphore(0);
  private final List<Thread> running = new ArrayList<>();
  private volatile boolean stopping;

  protected Worker(String name, int threads, Duration interval) {
    this.name = name;
    this.threads = threads;
    this.interval = interval;
  }

  /** Handles everything due now; returns how many items it handled. */
  public abstract int drain();

  /** Runs a drain on a background thread now rather than at the next interval. */
  public void wake() {
    if (wakeups.availablePermits() < threads) {
      wakeups.release();
    }
  }

  @Override
  public synchronized void start() {
    stopping = false;
    for (int i = 0; i < threads; i++) {
      running.add(Thread.ofVirtual().name(name + "-" + i).start(this::loop));
    }
  }

  private void loop() {
    while (!stopping) {
      try {
        wakeups.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
        if (!stopping) {
          drain();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // The database is away or shutting down: the items stay stored; next turn tries again.
        log.warn("{}: {}", name, e.toString());
      }
    }
  }

  @Override
  public synchronized void stop() {
    stopping = true;
    wakeups.release(threads);
    for (Thread t : running) {
      try {
        t.join(Duration.ofSeconds(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    running.clear();
  }

  @Override
  public boolean isRunning() {
    return !running.isEmpty();
  }

  /** Stops before the data source closes, starts after it opened. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 1000;
  }
}
