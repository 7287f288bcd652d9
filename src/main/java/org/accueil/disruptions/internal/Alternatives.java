package org.accueil.disruptions.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.accueil.disruptions.AffectedPatient.OfferedTime;
import org.accueil.disruptions.Disruption.Action;
import org.accueil.disruptions.DisruptionsProperties;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.Availability;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.HoldSlot;
import org.accueil.scheduling.Commands.SlotSearch;
import org.accueil.scheduling.Hold;
import org.accueil.scheduling.Holds;
import org.accueil.scheduling.model.Slot;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Finds the times to offer a patient whose appointment is inside a disruption, and holds them for
 * the patient (nobody else can book a held time): the same visit with a colleague of the same
 * qualification the same day, nearest the original time first; or the next free times with the same
 * provider, spread over different half-days; or the times in a window the patient asked for.
 */
@Component
public class Alternatives {

  /** Not offered a time that starts sooner than this: the patient must be able to get there. */
  static final Duration LEAD = Duration.ofMinutes(30);

  private final Availability availability;
  private final Holds holds;
  private final PracticeDirectory practice;
  private final DisruptionsProperties properties;

  Alternatives(
      Availability availability,
      Holds holds,
      PracticeDirectory practice,
      DisruptionsProperties properties) {
    this.availability = availability;
    this.holds = holds;
    this.practice = practice;
    this.properties = properties;
  }

  /**
   * The times the action calls for, held until {@code until}; empty when nothing is free. A
   * colleague found nobody free that day: the same provider's next times instead.
   */
  public List<OfferedTime> hold(
      Appointment a, Action action, Instant blockEnd, Instant now, Instant until) {
    return held(
        a,
        () -> {
          List<Slot> slots = List.of();
          if (action == Action.COLLEAGUE) {
            slots = colleaguesSameDay(a, now);
          }
          return slots.isEmpty() ? sameProviderNext(a, blockEnd, now) : slots;
        },
        now,
        until);
  }

  /** Times in {@code [from, to)} the patient asked for, with the provider or a colleague. */
  public List<OfferedTime> holdWithin(
      Appointment a, Action action, Instant from, Instant to, Instant now, Instant until) {
    PracticeSnapshot snapshot = practice.snapshot();
    Set<ProviderId> providers = new HashSet<>();
    providers.add(a.provider());
    if (action == Action.COLLEAGUE) {
      providers.addAll(colleagues(a, snapshot));
    }
    Instant earliest = max(from, now.plus(LEAD));
    return held(
        a,
        () ->
            spread(
                search(a, providers, day(earliest, a), day(to.minusNanos(1), a)).stream()
                    .filter(s -> !s.start().isBefore(earliest) && s.start().isBefore(to))
                    .toList()),
        now,
        until);
  }

  private List<Slot> colleaguesSameDay(Appointment a, Instant now) {
    PracticeSnapshot snapshot = practice.snapshot();
    Set<ProviderId> colleagues = colleagues(a, snapshot);
    if (colleagues.isEmpty()) {
      return List.of();
    }
    LocalDate day = day(a.start(), a);
    Instant earliest = now.plus(LEAD);
    List<Slot> found =
        search(a, colleagues, day, day).stream()
            .filter(s -> !s.start().isBefore(earliest))
            .sorted(
                Comparator.comparing((Slot s) -> Duration.between(a.start(), s.start()).abs())
                    .thenComparing(Slot::start))
            .toList();
    // Distinct times first (two colleagues free at 14:00 are one choice for the patient), the
    // others after them, for when a time is taken before it is held.
    List<Slot> distinct = new ArrayList<>();
    List<Slot> again = new ArrayList<>();
    Set<Instant> starts = new HashSet<>();
    for (Slot s : found) {
      (starts.add(s.start()) ? distinct : again).add(s);
    }
    distinct.addAll(again);
    return distinct;
  }

  private List<Slot> sameProviderNext(Appointment a, Instant blockEnd, Instant now) {
    Instant from = max(blockEnd, now.plus(LEAD));
    LocalDate first = day(from, a);
    List<Slot> found =
        search(a, Set.of(a.provider()), first, first.plusDays(properties.searchDays())).stream()
            .filter(s -> !s.start().isBefore(from))
            .toList();
    return spread(found);
  }

  /** Other active providers who offer the visit and share a specialty with its provider. */
  static Set<ProviderId> colleagues(Appointment a, PracticeSnapshot snapshot) {
    Provider own = snapshot.provider(a.provider()).orElse(null);
    AppointmentType type = snapshot.appointmentType(a.type()).orElse(null);
    if (own == null || type == null) {
      return Set.of();
    }
    return snapshot.providers().stream()
        .filter(Provider::active)
        .filter(p -> !p.id().equals(own.id()))
        .filter(p -> type.offeredBy(p.id()))
        .filter(
            p ->
                own.specialties().isEmpty()
                    || p.specialties().stream().anyMatch(own.specialties()::contains))
        .map(Provider::id)
        .collect(Collectors.toSet());
  }

  private List<Slot> search(
      Appointment a, Set<ProviderId> providers, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      return List.of();
    }
    return availability.freeSlots(
        new SlotSearch(a.type(), from, to, providers, null, category(a), 300));
  }

  /**
   * The candidates in the order they are offered: no two on the same half-day while others exist
   * (as the assistant offers), then every other time, for when one is taken before it is held.
   */
  private List<Slot> spread(List<Slot> found) {
    List<Slot> spread = new ArrayList<>();
    List<Slot> rest = new ArrayList<>();
    Set<String> halfDays = new LinkedHashSet<>();
    for (Slot s : found) {
      ZonedDateTime local = s.start().atZone(s.zone());
      boolean newHalfDay = halfDays.add(local.toLocalDate() + (local.getHour() < 12 ? "am" : "pm"));
      (spread.size() < properties.alternatives() && newHalfDay ? spread : rest).add(s);
    }
    spread.addAll(rest);
    return spread;
  }

  /** How many times the search runs again when times it found were taken before they were held. */
  private static final int SEARCHES = 3;

  /**
   * Holds the first {@code alternatives} times {@code search} finds that can still be held. A time
   * taken between the search and the hold (another node contacting another patient of the same
   * disruption at that moment holds the same next free times) is passed over for the next
   * candidate; a list run out that way is searched again, which sees the holds made meanwhile.
   */
  private List<OfferedTime> held(
      Appointment a, Supplier<List<Slot>> search, Instant now, Instant until) {
    Duration lasting = Duration.between(now, until);
    if (lasting.compareTo(Duration.ofMinutes(1)) < 0) {
      lasting = Duration.ofMinutes(1);
    }
    List<Hold> held = new ArrayList<>();
    for (int round = 0; round < SEARCHES && held.size() < properties.alternatives(); round++) {
      boolean missed = false;
      for (Slot s : search.get()) {
        if (held.size() >= properties.alternatives()) {
          break;
        }
        if (held.stream()
            .anyMatch(h -> h.start().equals(s.start()) && h.provider().equals(s.provider()))) {
          continue;
        }
        BookingResult<Hold> hold =
            holds.hold(
                new HoldSlot(a.type(), s.provider(), s.start(), s.location(), category(a), BY),
                lasting);
        if (hold instanceof BookingResult.Success<Hold>(Hold h)) {
          held.add(h);
        } else {
          missed = true;
        }
      }
      if (!missed) {
        break;
      }
    }
    held.sort(Comparator.comparing(Hold::start));
    List<OfferedTime> offers = new ArrayList<>();
    for (Hold h : held) {
      offers.add(new OfferedTime(offers.size() + 1, h.id(), h.start(), h.provider()));
    }
    return offers;
  }

  static final String BY = "disruption";

  /** As the move will be judged: by what the booking said of the patient, when it said it. */
  private static @Nullable PatientCategory category(Appointment a) {
    return a.newPatient() == null
        ? null
        : a.newPatient() ? PatientCategory.NEW : PatientCategory.RETURNING;
  }

  private static LocalDate day(Instant i, Appointment a) {
    return i.atZone(a.zone()).toLocalDate();
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
