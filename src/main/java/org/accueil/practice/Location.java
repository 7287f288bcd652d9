package org.accueil.practice;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A site of the practice. Its zone gives the meaning of every wall-clock time configured for it.
 *
 * @param openingHours when the doors are open; empty means no limit beyond providers' hours
 */
public record Location(
    LocationId id,
    String name,
    ZoneId zone,
    Address address,
    @Nullable String phone,
    List<TimeWindow> openingHours,
    boolean active) {

  /** The opening windows of {@code day}; empty when closed, or {@code null} when unrestricted. */
  public @Nullable List<TimeWindow> openingOn(DayOfWeek day) {
    if (openingHours.isEmpty()) {
      return null;
    }
    return openingHours.stream().filter(w -> w.day() == day).toList();
  }

  /**
   * Asked for every candidate time of a slot search (thousands per search), hence a plain loop:
   * {@link TimeWindow#contains} checks the day too.
   */
  public boolean isOpenDuring(DayOfWeek day, LocalTime from, LocalTime to) {
    if (openingHours.isEmpty()) {
      return true;
    }
    for (TimeWindow window : openingHours) {
      if (window.contains(day, from, to)) {
        return true;
      }
    }
    return false;
  }
}
