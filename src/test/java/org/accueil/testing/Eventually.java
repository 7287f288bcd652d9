package org.accueil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waiting in tests for something another thread or process does. */
public final class Eventually {

  private Eventually() {}

  /** Waits until {@code condition} holds, asking every 20 ms; fails after {@code within}. */
  public static void await(BooleanSupplier condition, Duration within, String what) {
    Instant deadline = Instant.now().plus(within);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as(what + " within " + within).isBefore(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
