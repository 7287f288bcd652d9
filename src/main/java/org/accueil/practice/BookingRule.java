package org.accueil.practice;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Restricts when some bookings may take place, e.g. "Dr Johnson sees new patients only on Tuesday
 * 13:00-18:00". A booking is in the rule's scope when it matches every non-null of provider,
 * appointment type and patient category; it must then fall within one of the windows. Several rules
 * in scope must all be satisfied.
 */
public record BookingRule(
    BookingRuleId id,
    String description,
    @Nullable ProviderId provider,
    @Nullable AppointmentTypeId appointmentType,
    @Nullable PatientCategory patientCategory,
    List<TimeWindow> windows) {

  /**
   * Whether a booking is in scope. An unknown patient category only meets rules that do not name
   * one: the rule cannot tell whether it applies, and we do not guess that someone is new.
   */
  public boolean applies(
      ProviderId provider, AppointmentTypeId type, @Nullable PatientCategory category) {
    return (this.provider == null || this.provider.equals(provider))
        && (appointmentType == null || appointmentType.equals(type))
        && (patientCategory == null || patientCategory == category);
  }

  public boolean allows(DayOfWeek day, LocalTime from, LocalTime to) {
    return TimeWindow.cover(windows, day, from, to);
  }
}
