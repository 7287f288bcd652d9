package org.accueil.practice;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * A provider's hours on one date, replacing their usual week that day.
 *
 * @param hours the periods worked that day; empty means not working at all
 */
public record DayOverride(ProviderId provider, LocalDate date, List<Hours> hours) {

  public record Hours(LocationId location, LocalTime starts, LocalTime ends) {}
}
