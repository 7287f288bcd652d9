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

  public boolean contains(DayOfWeek day, LocalTime from, LocalTime to) {
    return this.day == day && !from.isBefore(starts) && !to.isAfter(ends);
  }
}
