package org.accueil.scheduling.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.BookingRule;
import org.accueil.practice.Location;
import org.accueil.practice.Provider;

/**
 * Why a visit cannot take place at the time asked. A rule's outcome is a value, not an exception:
 * callers turn it into a message (for staff, the assistant, an API client) or skip the slot.
 */
public sealed interface Rejection {

  /** The provider does not offer this appointment type. */
  record NotOffered(Provider provider, AppointmentType type) implements Rejection {}

  record ProviderInactive(Provider provider) implements Rejection {}

  record TypeInactive(AppointmentType type) implements Rejection {}

  record InThePast(Instant start) implements Rejection {}

  /** Booked later than the type's minimum notice allows. */
  record TooShortNotice(Duration notice, Instant earliest, ZoneId zone) implements Rejection {}

  /** Further ahead than the type's horizon. */
  record BeyondHorizon(int maxDaysAhead, LocalDate lastDay) implements Rejection {}

  record LocationClosed(Location location, LocalDate day, String closure) implements Rejection {}

  /** The provider does not work at that time (nor at that location, when one was asked). */
  record OutsideWorkingHours(Provider provider, LocalDate day) implements Rejection {}

  record OutsideOpeningHours(Location location) implements Rejection {}

  /** A booking rule in scope does not allow this time, e.g. new patients only on Tuesdays. */
  record RestrictedByRule(BookingRule rule) implements Rejection {}

  /** The type is for new patients and this patient has been seen before. */
  record NewPatientsOnly(AppointmentType type) implements Rejection {}

  record DailyCapReached(AppointmentType type, Provider provider, int cap, LocalDate day)
      implements Rejection {}

  /** Every room of the kind the type needs is taken then, by {@code inTheWay}. */
  record NoRoomAvailable(String kind, Location location, List<Busy> inTheWay)
      implements Rejection {}

  /** The provider is absent then. */
  record ProviderAway(Provider provider) implements Rejection {}

  /** Another appointment or hold is in the way (buffers included). */
  record SlotTaken(List<Busy> inTheWay) implements Rejection {}

  /** The patient already has an appointment at that time. */
  record PatientAlreadyBooked(java.util.UUID appointment) implements Rejection {}
}
