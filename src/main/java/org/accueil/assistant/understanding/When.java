package org.accueil.assistant.understanding;

import java.time.OffsetDateTime;

/**
 * A time a patient asked for, as an interval in the practice's zone: {@code start} inclusive,
 * {@code end} exclusive. A point in time ("14h30") ends one grain later (14:31); a day runs from
 * midnight to midnight; a part of day is morning 08:00–12:00, afternoon 12:00–18:00, evening
 * 18:00–21:00.
 */
public record When(OffsetDateTime start, OffsetDateTime end, Grain grain) {

  public When {
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("A time asked for ends after it starts: " + start);
    }
  }
}
