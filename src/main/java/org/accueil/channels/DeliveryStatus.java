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
   * message not yet delivered. A {@code failed} arriving after {@code delivered} is a provider's
   * late retry report about a message the patient has; and since reports are handled in whatever
   * order they reach us, a {@code delivered} or {@code read} handled after a {@code failed} says
   * the same: the patient has it.
   */
  public boolean canMoveTo(DeliveryStatus next) {
    if (this == FAILED) {
      return next == DELIVERED || next == READ;
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
