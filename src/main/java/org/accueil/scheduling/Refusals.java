package org.accueil.scheduling;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.accueil.platform.ProblemException;
import org.accueil.practice.TimeWindow;
import org.accueil.scheduling.model.Busy;
import org.accueil.scheduling.model.Rejection;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;

/**
 * Turns a scheduling refusal into problem details: 409 when something is in the way (another
 * appointment, a hold, the patient's other visit, every room, the day's cap), 422 when a rule
 * refuses the time. Dates and times are written in the location's zone and the caller's language.
 * One wording for every door a booking comes through: the REST API and the FHIR API.
 */
public final class Refusals {

  private Refusals() {}

  public static ProblemException problem(Rejection rejection) {
    Locale locale = LocaleContextHolder.getLocale();
    return switch (rejection) {
      case Rejection.SlotTaken(List<Busy> inTheWay) -> {
        List<UUID> ids = appointmentsOf(inTheWay);
        boolean held =
            !inTheWay.isEmpty() && inTheWay.stream().allMatch(b -> b.kind() == Busy.Kind.HOLD);
        String first = ids.isEmpty() || ids.getFirst() == null ? "?" : ids.getFirst().toString();
        yield ProblemException.of(HttpStatus.CONFLICT, "slot-taken")
            .messageCode(held ? "problem.slot-taken.held" : "problem.slot-taken")
            .detail(
                held
                    ? "This time is held for another patient who is deciding (hold {0}); choose"
                        + " another time or try again in a few minutes."
                    : "This time is no longer free: appointment {0} is in the way (buffers"
                        + " included). Choose another time.",
                first)
            .with("conflictingAppointmentId", ids.isEmpty() ? null : ids.getFirst())
            .with("conflictingAppointmentIds", ids)
            .build();
      }
      case Rejection.PatientAlreadyBooked(UUID appointment) ->
          ProblemException.of(HttpStatus.CONFLICT, "patient-already-booked")
              .detail(
                  "The patient already has appointment {0} at that time; move or cancel it first.",
                  appointment)
              .with("conflictingAppointmentId", appointment)
              .build();
      case Rejection.NoRoomAvailable(String kind, var location, List<Busy> inTheWay) -> {
        List<UUID> ids = appointmentsOf(inTheWay);
        yield ProblemException.of(HttpStatus.CONFLICT, "no-room-available")
            .detail(
                "Every {0} room at {1} is taken at that time; choose another time.",
                kind, location.name())
            .with("conflictingAppointmentId", ids.isEmpty() ? null : ids.getFirst())
            .with("conflictingAppointmentIds", ids)
            .build();
      }
      case Rejection.DailyCapReached(var type, var provider, int cap, LocalDate day) ->
          ProblemException.of(HttpStatus.CONFLICT, "daily-cap-reached")
              .detail(
                  "{0} already has {1} × {2} on {3}, the most allowed in a day; choose another day.",
                  provider.displayName(), cap, type.name().in(locale), date(day, locale))
              .build();
      case Rejection.RestrictedByRule(var rule) ->
          unprocessable("restricted-by-rule")
              .detail(
                  "This time is outside what the rule \"{0}\" allows: {1}.",
                  rule.description(), windows(rule.windows(), locale))
              .with("ruleId", rule.id().value())
              .build();
      case Rejection.NewPatientsOnly(var type) ->
          unprocessable("new-patients-only")
              .detail(
                  "{0} is for new patients only, and this patient has been seen before.",
                  type.name().in(locale))
              .build();
      case Rejection.TooShortNotice(var notice, Instant earliest, ZoneId zone) ->
          unprocessable("too-short-notice")
              .detail(
                  "This visit must be booked at least {0} minutes ahead; the earliest possible start"
                      + " is {1}.",
                  notice.toMinutes(), dateTime(earliest, zone, locale))
              .build();
      case Rejection.BeyondHorizon(int maxDaysAhead, LocalDate lastDay) ->
          unprocessable("beyond-horizon")
              .detail(
                  "This visit can be booked at most {0} days ahead, until {1}.",
                  maxDaysAhead, date(lastDay, locale))
              .build();
      case Rejection.LocationClosed(var location, LocalDate day, String closure) ->
          unprocessable("location-closed")
              .detail("{0} is closed on {1} ({2}).", location.name(), date(day, locale), closure)
              .build();
      case Rejection.OutsideWorkingHours(var provider, LocalDate day) ->
          unprocessable("outside-working-hours")
              .detail(
                  "{0} does not see patients at that time on {1}.",
                  provider.displayName(), date(day, locale))
              .build();
      case Rejection.OutsideOpeningHours(var location) ->
          unprocessable("outside-opening-hours")
              .detail("{0} is not open at that time.", location.name())
              .build();
      case Rejection.ProviderAway(var provider) ->
          unprocessable("provider-away")
              .detail("{0} is away at that time.", provider.displayName())
              .build();
      case Rejection.NotOffered(var provider, var type) ->
          unprocessable("not-offered")
              .detail("{0} does not offer {1}.", provider.displayName(), type.name().in(locale))
              .build();
      case Rejection.ProviderInactive(var provider) ->
          unprocessable("provider-inactive")
              .detail("{0} is not taking appointments.", provider.displayName())
              .build();
      case Rejection.TypeInactive(var type) ->
          unprocessable("type-inactive")
              .detail("{0} can no longer be booked.", type.name().in(locale))
              .build();
      case Rejection.InThePast(Instant start) ->
          unprocessable("in-the-past").detail("This time has already passed.").build();
    };
  }

  private static List<UUID> appointmentsOf(List<Busy> busy) {
    return busy.stream()
        .map(Busy::appointment)
        .filter(java.util.Objects::nonNull)
        .distinct()
        .toList();
  }

  private static ProblemException.Builder unprocessable(String slug) {
    return ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, slug);
  }

  static String date(LocalDate day, Locale locale) {
    return day.format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale));
  }

  static String dateTime(Instant instant, ZoneId zone, Locale locale) {
    return instant
        .atZone(zone)
        .format(
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.SHORT)
                .withLocale(locale));
  }

  /** "Tuesday 13:00-18:00, Thursday 09:00-12:00". */
  static String windows(List<TimeWindow> windows, Locale locale) {
    return windows.stream()
        .map(w -> day(w.day(), locale) + " " + w.starts() + "-" + w.ends())
        .collect(Collectors.joining(", "));
  }

  private static String day(DayOfWeek day, Locale locale) {
    return day.getDisplayName(TextStyle.FULL, locale);
  }
}
