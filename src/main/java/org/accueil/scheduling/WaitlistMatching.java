package org.accueil.scheduling;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Commands.HoldSlot;
import org.accueil.scheduling.jdbc.AppointmentRepository;
import org.accueil.scheduling.jdbc.AppointmentRow;
import org.accueil.scheduling.jdbc.WaitlistRepository;
import org.accueil.scheduling.jdbc.WaitlistRows.EntryRow;
import org.accueil.scheduling.jdbc.WaitlistRows.FreedTimeRow;
import org.accueil.scheduling.jdbc.WaitlistRows.OfferRow;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Hands a freed time to the next waiting patient it suits: first joined, first offered. The time is
 * held with an ordinary hold, judged by the availability engine for the entry's own type (its
 * length, rules, notice and rooms, not the cancelled visit's), so what is offered is what booking
 * accepts. Runs in the caller's transaction, which holds the freed time's lock.
 */
@Component
class WaitlistMatching {

  /** Who holds the time and writes the offers, for the record. */
  static final String BY = "system:waitlist";

  /**
   * The hold outlives its offer by this much, so that the time stays held between the offer lapsing
   * and the pass that hands it on (a pass runs every few seconds); if every node is down meanwhile,
   * the hold still expires and the time is anyone's again.
   */
  static final Duration HOLD_GRACE = Duration.ofMinutes(5);

  private final WaitlistRepository waitlist;
  private final AppointmentRepository appointments;
  private final Holds holds;
  private final CalendarWrites writes;
  private final PatientCategories categories;
  private final PracticeDirectory practice;
  private final WaitlistProperties properties;
  private final ApplicationEventPublisher events;
  private final Audit audit;

  WaitlistMatching(
      WaitlistRepository waitlist,
      AppointmentRepository appointments,
      Holds holds,
      CalendarWrites writes,
      PatientCategories categories,
      PracticeDirectory practice,
      WaitlistProperties properties,
      ApplicationEventPublisher events,
      Audit audit) {
    this.waitlist = waitlist;
    this.appointments = appointments;
    this.holds = holds;
    this.writes = writes;
    this.categories = categories;
    this.practice = practice;
    this.properties = properties;
    this.events = events;
    this.audit = audit;
  }

  /**
   * Offers the freed time to the first waiting patient it suits, or, when nobody is left, gives it
   * back to the calendar and closes it.
   *
   * @param previousHold the hold of the offer that just closed: released first, so the next
   *     patient's hold (of their own type's length) can take the time in the same transaction
   */
  Optional<OfferRow> offerNext(FreedTimeRow freed, @Nullable UUID previousHold, Instant now) {
    if (previousHold != null) {
      appointments.deleteHold(previousHold);
    }
    PracticeSnapshot snapshot = practice.snapshot();
    Optional<Provider> provider =
        snapshot.provider(ProviderId.of(freed.providerId())).filter(Provider::active);
    if (freed.end().isAfter(now) && provider.isPresent()) {
      ZoneId zone = zoneOf(snapshot, freed.locationId(), provider.get());
      LocalDate day = freed.start().atZone(zone).toLocalDate();
      List<UUID> types =
          snapshot.appointmentTypes().stream()
              .filter(t -> t.active() && t.offeredBy(provider.get().id()))
              .map(t -> t.id().value())
              .toList();
      for (EntryRow entry : waitlist.candidates(freed.id(), freed.providerId(), types, day, day)) {
        Optional<OfferRow> offer = tryOffer(freed, entry, provider.get(), snapshot, now);
        if (offer.isPresent()) {
          return offer;
        }
      }
    }
    waitlist.freedTimeDone(freed.id(), now);
    return Optional.empty();
  }

  private Optional<OfferRow> tryOffer(
      FreedTimeRow freed,
      EntryRow entry,
      Provider provider,
      PracticeSnapshot snapshot,
      Instant now) {
    AppointmentType type =
        snapshot
            .appointmentType(org.accueil.practice.AppointmentTypeId.of(entry.typeId()))
            .orElse(null);
    if (type == null) {
      return Optional.empty();
    }
    UUID locationId = entry.locationId() != null ? entry.locationId() : freed.locationId();
    Instant start = freed.start();
    Instant end = start.plus(type.duration());
    if (!withinWindow(entry, start, end, zoneOf(snapshot, locationId, provider))
        || !earlierThanTheirAppointment(entry, start)) {
      return Optional.empty();
    }
    if (waitlist.lockActiveEntryUnlessBusy(entry.id()).isEmpty()) {
      return Optional.empty();
    }
    // The candidates were read before the lock: another node may have offered this entry another
    // time and committed in between. Read again now that the entry is ours (a new statement sees
    // that commit); offering anyway would break the one-open-offer-per-entry index, fail the pass
    // and put this time off by the retry's backoff.
    if (waitlist.openOfferOfEntry(entry.id()).isPresent()) {
      return Optional.empty();
    }
    if (writes
        .patientBusy(entry.patientId(), start, end, now, entry.beforeAppointmentId())
        .isPresent()) {
      return Optional.empty();
    }
    PatientCategory category = categories.of(null, type, ForPatient.existing(entry.patientId()));
    Duration decide = properties.offerExpiry();
    var held =
        holds.hold(
            new HoldSlot(
                type.id(),
                provider.id(),
                start,
                locationId == null ? null : LocationId.of(locationId),
                category,
                BY),
            decide.plus(HOLD_GRACE));
    if (!(held instanceof BookingResult.Success<Hold>(Hold hold))) {
      return Optional.empty(); // a rule, the room or the length of this type refuses it: next
    }
    OfferRow offer =
        new OfferRow(
            Ids.newId(),
            entry.id(),
            freed.id(),
            hold.id().value(),
            null,
            entry.patientId(),
            type.id().value(),
            provider.id().value(),
            hold.location().value(),
            hold.start(),
            hold.end(),
            now,
            now.plus(decide),
            WaitlistOffer.Status.OFFERED.code(),
            null);
    waitlist.insertOffer(offer);
    waitlist.freedTimeDueAt(freed.id(), offer.expiresAt());
    audit.success(
        "waitlist.offer",
        "waitlist-offer",
        offer.id(),
        Map.of("patient", entry.patientId(), "provider", provider.id().value()));
    events.publishEvent(
        new WaitlistOffered(
            offer.id(),
            entry.id(),
            PatientId.of(entry.patientId()),
            provider.id(),
            type.id().value(),
            offer.start(),
            offer.end(),
            offer.expiresAt()));
    return Optional.of(offer);
  }

  /** The entry's days, weekdays and times of day, in the wall-clock time of the location. */
  static boolean withinWindow(EntryRow entry, Instant start, Instant end, ZoneId zone) {
    ZonedDateTime from = start.atZone(zone);
    ZonedDateTime until = end.atZone(zone);
    LocalDate day = from.toLocalDate();
    if (day.isBefore(entry.earliestDate()) || day.isAfter(entry.latestDate())) {
      return false;
    }
    DayOfWeek weekday = day.getDayOfWeek();
    if (!entry.daysOfWeek().isEmpty() && !entry.daysOfWeek().contains(weekday.getValue())) {
      return false;
    }
    if (entry.earliestTime() != null && from.toLocalTime().isBefore(entry.earliestTime())) {
      return false;
    }
    return entry.latestTime() == null
        || (until.toLocalDate().equals(day) && !until.toLocalTime().isAfter(entry.latestTime()));
  }

  /** "Only earlier than my appointment": while that appointment still stands. */
  private boolean earlierThanTheirAppointment(EntryRow entry, Instant start) {
    if (entry.beforeAppointmentId() == null) {
      return true;
    }
    return appointments
        .find(entry.beforeAppointmentId())
        .filter(WaitlistMatching::stands)
        .map(later -> start.isBefore(later.start()))
        .orElse(true);
  }

  static boolean stands(AppointmentRow row) {
    return !row.isHold()
        && (row.status().equals(AppointmentStatus.BOOKED.code())
            || row.status().equals(AppointmentStatus.PENDING.code()));
  }

  /** The location's zone; for a time whose location is unknown, the provider's first site's. */
  private static ZoneId zoneOf(
      PracticeSnapshot snapshot, @Nullable UUID location, Provider provider) {
    Optional<LocationId> site =
        location != null
            ? Optional.of(LocationId.of(location))
            : provider.locations().stream().findFirst();
    return site.flatMap(snapshot::location).map(Location::zone).orElse(ZoneOffset.UTC);
  }
}
