package org.accueil.notifications.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The hours no message goes out, in the location's own time: {@code [start, end)}, across midnight
 * when {@code end} is earlier (20:00–08:00). Wall-clock times, so a daylight-saving night keeps
 * them.
 */
record QuietHours(LocalTime start, LocalTime end) {

  /** A message that would fall in quiet hours and cannot wait until they end goes this early. */
  static final java.time.Duration BEFORE_QUIET = java.time.Duration.ofMinutes(15);

  boolean isQuiet(Instant at, ZoneId zone) {
    if (start.equals(end)) {
      return false;
    }
    LocalTime t = at.atZone(zone).toLocalTime();
    return start.isBefore(end)
        ? !t.isBefore(start) && t.isBefore(end)
        : !t.isBefore(start) || t.isBefore(end);
  }

  /** When the quiet period holding {@code at} ends. */
  Instant endOf(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    LocalDate day = local.toLocalDate();
    if (!start.isBefore(end) && !local.toLocalTime().isBefore(start)) {
      day = day.plusDays(1); // in the evening part: it ends tomorrow morning
    }
    return ZonedDateTime.of(day, end, zone).toInstant();
  }

  /** When the quiet period holding {@code at} began. */
  Instant startOf(Instant at, ZoneId zone) {
    ZonedDateTime local = at.atZone(zone);
    LocalDate day = local.toLocalDate();
    if (!start.isBefore(end) && local.toLocalTime().isBefore(end)) {
      day = day.minusDays(1); // in the morning part: it began yesterday evening
    }
    return ZonedDateTime.of(day, start, zone).toInstant();
  }

  /**
   * When a message meant for {@code due} goes: then, if that is not quiet; else when quiet hours
   * end, if that is no later than {@code latest}; else just before they began, if that is after
   * {@code now}; else never.
   */
  Optional<Instant> place(Instant due, ZoneId zone, Instant now, Instant latest) {
    if (!isQuiet(due, zone)) {
      return due.isAfter(latest) ? Optional.empty() : Optional.of(due);
    }
    Instant after = endOf(due, zone);
    if (!after.isAfter(latest)) {
      return Optional.of(after);
    }
    Instant before = startOf(due, zone).minus(BEFORE_QUIET);
    return before.isAfter(now) ? Optional.of(before) : Optional.empty();
  }
}
