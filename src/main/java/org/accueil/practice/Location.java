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

  public boolean isOpenDuring(DayOfWeek day, LocalTime from, LocalTime to) {
    return openingHours.isEmpty() || TimeWindow.cover(openingHours, day, from, to);
  }
}
