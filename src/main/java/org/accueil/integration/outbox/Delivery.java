package org.accueil.integration.outbox;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The outcome of one delivery attempt. */
public sealed interface Delivery {

  /** Delivered; {@code remoteReference} is what the other side calls it (an EHR id), if any. */
  record Delivered(@Nullable String remoteReference) implements Delivery {}

  /**
   * Not delivered this time (the peer is down, 5xx, 429, a timeout): try again after the
   * destination's next backoff step, or after {@code after} when the peer said so (Retry-After).
   */
  record Retry(String error, @Nullable Duration after) implements Delivery {}

  /** Will never succeed as it is (4xx other than 408/409/412/429, unmappable): dead-letter now. */
  record Failed(String error) implements Delivery {}

  static Delivery delivered() {
    return new Delivered(null);
  }

  static Delivery retry(String error) {
    return new Retry(error, null);
  }
}
