package org.accueil.practice;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Whole days when a location is closed (a public holiday, the summer closure).
 *
 * @param location the closed location, or {@code null} for every location
 */
public record Closure(
    UUID id, @Nullable LocationId location, LocalDate firstDay, LocalDate lastDay, String name) {

  public boolean closes(LocationId location, LocalDate day) {
    return (this.location == null || this.location.equals(location))
        && !day.isBefore(firstDay)
        && !day.isAfter(lastDay);
  }
}
