package org.accueil.notifications;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the practice sends and when: its saved policy over the {@code accueil.notifications.*}
 * defaults, with each appointment type's own.
 *
 * @param reminders how long before the visit each reminder goes (a whole number of days means the
 *     same wall-clock time that many days before, daylight-saving days included)
 * @param types by appointment type code
 */
public record NotificationPolicy(
    List<Duration> reminders,
    LocalTime quietHoursStart,
    LocalTime quietHoursEnd,
    boolean confirmEhrBookings,
    boolean showVisitType,
    Map<String, TypePolicy> types) {

  /** The practice-wide part, as saved: a null field keeps the default. */
  public record Practice(
      @Nullable List<Duration> reminders,
      @Nullable LocalTime quietHoursStart,
      @Nullable LocalTime quietHoursEnd,
      @Nullable Boolean confirmEhrBookings,
      @Nullable Boolean showVisitType) {}

  /**
   * An appointment type's own.
   *
   * @param reminders instead of the practice's; an empty list sends none
   * @param followUp what to tell the patient after the visit, or null for nothing
   */
  public record TypePolicy(@Nullable List<Duration> reminders, @Nullable FollowUp followUp) {}

  /**
   * @param after how long after the visit ends
   * @param text what to say, by language ({@code fr}, {@code en}, {@code it}); no health detail
   */
  public record FollowUp(Duration after, Map<String, String> text) {}

  /** The reminders of an appointment of this type. */
  public List<Duration> remindersFor(String typeCode) {
    TypePolicy own = types.get(typeCode);
    return own != null && own.reminders() != null ? own.reminders() : reminders;
  }
}
