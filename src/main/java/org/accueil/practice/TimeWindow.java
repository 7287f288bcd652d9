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
   *
   * <p>Asked for every candidate time of a slot search (thousands per search) over a handful of
   * windows, hence plain loops and no allocation: extend the covered span from {@code from} by any
   * window of the day that starts within it, until it reaches {@code to} or stops growing.
   */
  public static boolean cover(
      java.util.List<TimeWindow> windows, DayOfWeek day, LocalTime from, LocalTime to) {
    LocalTime reached = from;
    boolean grew = true;
    while (grew) {
      grew = false;
      for (int i = 0; i < windows.size(); i++) {
        TimeWindow window = windows.get(i);
        if (window.day == day && !window.starts.isAfter(reached) && window.ends.isAfter(reached)) {
          reached = window.ends;
          grew = true;
        }
      }
      if (!reached.isBefore(to) && grew) {
        return true;
      }
    }
    return false;
  }
}
