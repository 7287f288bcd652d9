package org.accueil.scheduling;

import org.accueil.scheduling.model.Rejection;

/**
 * What became of a hold, booking or reschedule: done, or refused for a named reason (a rule, or the
 * time being taken). Exceptions are kept for bugs, outages and malformed requests.
 */
public sealed interface BookingResult<T> {

  record Success<T>(T value) implements BookingResult<T> {}

  record Refused<T>(Rejection reason) implements BookingResult<T> {}
}
