package org.accueil.integration.hl7v2;

import java.util.function.Supplier;

/**
 * Marks the thread applying a peer's message, so that the scheduling events it causes (a
 * cancellation, a move) are not sent back to the peer they came from.
 */
final class InboundApplication {

  private static final ThreadLocal<Boolean> RUNNING = new ThreadLocal<>();

  private InboundApplication() {}

  static <T> T run(Supplier<T> work) {
    RUNNING.set(Boolean.TRUE);
    try {
      return work.get();
    } finally {
      RUNNING.remove();
    }
  }

  static boolean isRunning() {
    return RUNNING.get() != null;
  }
}
