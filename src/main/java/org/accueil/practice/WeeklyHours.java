package org.accueil.practice;

import java.time.LocalDate;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One period of a provider's usual week at a location, valid from/until optional dates (both
 * included).
 */
public record WeeklyHours(
    UUID id,
    ProviderId provider,
    LocationId location,
    TimeWindow window,
    @Nullable LocalDate validFrom,
    @Nullable LocalDate validUntil) {

  public boolean validOn(LocalDate date) {
    return (validFrom == null || !date.isBefore(validFrom))
        && (validUntil == null || !date.isAfter(validUntil));
  }
}
