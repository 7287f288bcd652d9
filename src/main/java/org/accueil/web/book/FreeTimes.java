package org.accueil.web.book;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Availability;
import org.accueil.scheduling.Commands.SlotSearch;
import org.accueil.scheduling.model.Slot;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The free times a patient chooses from: a week at a time, grouped by day in the location's own
 * time, from the availability engine the API's {@code /api/v1/slots} answers from. A time is sent
 * back as the value of the button that chose it ({@link Chosen}), so the next step knows the
 * provider and the location without asking again.
 */
@Component
class FreeTimes {

  static final int WEEK = 7;

  /** How far ahead an empty week looks for the next free time (the engine allows 92 days). */
  private static final int LOOK_AHEAD_DAYS = 60;

  /** Most times shown for one week; a week of 15-minute steps for one provider is about 250. */
  private static final int MOST = 1500;

  record Time(String value, String label, String day, @Nullable String provider) {}

  record Day(String label, List<Time> times) {}

  /**
   * @param earlier the first day of the week before, when there is one to show
   * @param later the first day of the week after, within the type's booking horizon
   * @param next when this week has nothing: the day of the next free time, and its label
   */
  record Week(
      LocalDate from,
      List<Day> days,
      @Nullable LocalDate earlier,
      @Nullable LocalDate later,
      @Nullable LocalDate next,
      @Nullable String nextLabel) {

    public boolean isEmpty() {
      return days.isEmpty();
    }
  }

  /** A time as a button sends it: provider, location and start. */
  record Chosen(ProviderId provider, LocationId location, Instant start) {

    String value() {
      return provider.value() + "|" + location.value() + "|" + start;
    }

    static @Nullable Chosen parse(@Nullable String value) {
      if (value == null) {
        return null;
      }
      String[] parts = value.split("\\|");
      if (parts.length != 3) {
        return null;
      }
      try {
        return new Chosen(
            ProviderId.of(UUID.fromString(parts[0])),
            LocationId.of(UUID.fromString(parts[1])),
            Instant.parse(parts[2]));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        return null;
      }
    }
  }

  private final Availability availability;
  private final PracticeDirectory practice;
  private final Clock clock;

  FreeTimes(Availability availability, PracticeDirectory practice, Clock clock) {
    this.availability = availability;
    this.practice = practice;
    this.clock = clock;
  }

  LocalDate today() {
    return clock.instant().atZone(practice.snapshot().zone()).toLocalDate();
  }

  /**
   * The week starting on {@code asked} (today when null, never before today nor past the type's
   * horizon).
   *
   * @param providers empty for every provider offering the type ("first available")
   */
  Week week(
      AppointmentType type,
      Set<ProviderId> providers,
      @Nullable PatientCategory category,
      @Nullable LocalDate asked,
      Locale language) {
    LocalDate today = today();
    LocalDate horizon = today.plusDays(type.maxDaysAhead());
    LocalDate from = asked == null || asked.isBefore(today) ? today : asked;
    if (from.isAfter(horizon)) {
      from = horizon;
    }
    LocalDate to = from.plusDays(WEEK - 1L);
    List<Slot> slots = search(type, providers, category, from, to, MOST);
    List<Day> days = days(slots, language);
    LocalDate earlier = from.isAfter(today) ? max(today, from.minusDays(WEEK)) : null;
    LocalDate later = to.plusDays(1).isAfter(horizon) ? null : to.plusDays(1);
    LocalDate next = null;
    String nextLabel = null;
    if (days.isEmpty() && later != null) {
      LocalDate last = min(horizon, later.plusDays(LOOK_AHEAD_DAYS));
      List<Slot> first = search(type, providers, category, later, last, 1);
      if (!first.isEmpty()) {
        var start = first.getFirst().start().atZone(first.getFirst().zone());
        next = start.toLocalDate();
        nextLabel = VisitFacts.day(start, language);
      }
    }
    return new Week(from, days, earlier, later, next, nextLabel);
  }

  /**
   * The first few free times from {@code from} on, other than {@code except}: what to offer
   * instead.
   */
  List<Time> instead(
      AppointmentType type,
      Set<ProviderId> providers,
      @Nullable PatientCategory category,
      LocalDate from,
      @Nullable Instant except,
      int count,
      Locale language) {
    LocalDate today = today();
    LocalDate start = from.isBefore(today) ? today : from;
    LocalDate last = min(today.plusDays(type.maxDaysAhead()), start.plusDays(LOOK_AHEAD_DAYS));
    if (last.isBefore(start)) {
      return List.of();
    }
    List<Slot> slots = search(type, providers, category, start, last, count + 1);
    List<Time> times = new ArrayList<>();
    for (Day day : days(slots, language)) {
      for (Time time : day.times()) {
        if (times.size() < count && (except == null || !time.value().endsWith("|" + except))) {
          times.add(time);
        }
      }
    }
    return times;
  }

  private List<Slot> search(
      AppointmentType type,
      Set<ProviderId> providers,
      @Nullable PatientCategory category,
      LocalDate from,
      LocalDate to,
      int limit) {
    return availability.freeSlots(
        new SlotSearch(type.id(), from, to, providers, null, category, limit));
  }

  /**
   * By day, earliest first. With several providers one time is offered once, with the first
   * provider free then (the patient asked for the first available, not for a list of doctors), and
   * named under the time.
   */
  private List<Day> days(List<Slot> slots, Locale language) {
    PracticeSnapshot snapshot = practice.snapshot();
    boolean withProvider = slots.stream().map(Slot::provider).distinct().count() > 1;
    Map<LocalDate, String> labels = new LinkedHashMap<>();
    Map<LocalDate, Map<Instant, Time>> byDay = new LinkedHashMap<>();
    for (Slot slot : slots) {
      var local = slot.start().atZone(slot.zone());
      LocalDate date = local.toLocalDate();
      String day = labels.computeIfAbsent(date, d -> VisitFacts.day(local, language));
      String provider =
          withProvider
              ? snapshot.provider(slot.provider()).map(Provider::displayName).orElse(null)
              : null;
      byDay
          .computeIfAbsent(date, d -> new LinkedHashMap<>())
          .putIfAbsent(
              slot.start(),
              new Time(
                  new Chosen(slot.provider(), slot.location(), slot.start()).value(),
                  VisitFacts.time(local, language),
                  day,
                  provider));
    }
    List<Day> days = new ArrayList<>();
    byDay.forEach(
        (date, times) -> days.add(new Day(labels.get(date), List.copyOf(times.values()))));
    return days;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
