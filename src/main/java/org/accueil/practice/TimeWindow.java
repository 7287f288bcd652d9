package org.accueil.practice;

import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.LocalTime;

/**
 * A weekly window of wall-clock time, e.g. Tuesday 13:00-18:00, in the zone of the location it
 * applies to. Ends after it starts, on the same day.
 */
public record TimeWindow(
    @NotNull DayOfWeek day, @NotNull LocalTime starts, @NotNull LocalTime ends) {

  /**
   * Whether [from, to] on {@code day} lies within the union of {@code windows}: windows that touch
   * or overlap (08:00-12:00 and 12:00-18:00) count as one, as people mean them.
   */
  public static boolean cover(
      java.util.Collection<TimeWindow> windows, DayOfWeek day, LocalTime from, LocalTime to) {
    LocalTime reached = from;
    for (TimeWindow window :
        windows.stream()
            .filter(w -> w.day() == day)
            .sorted(java.util.Comparator.comparing(TimeWindow::starts))
            .toList()) {
      if (window.starts().isAfter(reached)) {
        break;
      }
      if (window.ends().isAfter(reached)) {
        reached = window.ends();
      }
      if (!reached.isBefore(to)) {
        return true;
      }
    }
    return false;
  }
}
