package org.accueil.channels;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a message we sent is. Providers report out of order (a {@code read} before its {@code
 * delivered}, a late {@code sent}), so the status only ever moves forward: {@link #canMoveTo}.
 */
public enum DeliveryStatus {
  /** Waiting in our queue. */
  QUEUED,
  /** Accepted by the provider. */
  SENT,
  DELIVERED,
  READ,
  /** The provider gave up; terminal. */
  FAILED;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether a report of {@code next} moves a message at this status: forward only; a failure ends a
   * message not yet delivered, and nothing moves a failed one. A {@code failed} arriving after
   * {@code delivered} is a provider's late retry report about a message the patient has.
   */
  public boolean canMoveTo(DeliveryStatus next) {
    if (this == FAILED) {
      return false;
    }
    if (next == FAILED) {
      return this == QUEUED || this == SENT;
    }
    return next.ordinal() > ordinal();
  }

  public static DeliveryStatus ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
