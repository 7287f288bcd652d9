package org.accueil.notifications.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** When a reminder falls due. */
final class Reminders {

  private Reminders() {}

  /**
   * {@code before} the start; a whole number of days means the same wall-clock time that many days
   * earlier ("two days before, at 10:00"), also across a daylight-saving change, where 48 hours
   * would land at 09:00 or 11:00.
   */
  static Instant dueAt(Instant start, ZoneId zone, Duration before) {
    if (!before.isZero() && before.toSeconds() % Duration.ofDays(1).toSeconds() == 0) {
      return start.atZone(zone).minusDays(before.toDays()).toInstant();
    }
    return start.minus(before);
  }
}
