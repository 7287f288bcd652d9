package org.accueil.integration.fhir;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** Wakes the inbox worker when a change was stored on this node. */
@Component
class InboxSignal {

  private final Semaphore wakeups = new Semaphore(0);

  void wake() {
    if (wakeups.availablePermits() == 0) {
      wakeups.release();
    }
  }

  /** Waits until woken or {@code timeout} passed. */
  void await(Duration timeout) throws InterruptedException {
    wakeups.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    wakeups.drainPermits();
  }
}
