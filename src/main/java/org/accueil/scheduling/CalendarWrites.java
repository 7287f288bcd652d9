package org.accueil.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.ProviderId;
import org.accueil.practice.RoomId;
import org.accueil.scheduling.jdbc.AppointmentRepository;
import org.accueil.scheduling.jdbc.AppointmentRow;
import org.accueil.scheduling.model.Busy;
import org.accueil.scheduling.model.BusyTimes;
import org.accueil.scheduling.model.Rejection;
import org.accueil.scheduling.model.Slot;
import org.accueil.scheduling.model.SlotFinder;
import org.accueil.scheduling.model.Verdict;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How every write takes time on the calendar: lock what it will occupy, ask the {@link SlotFinder}
 * (for good refusals), write in a savepoint, and let PostgreSQL's exclusion constraints decide (for
 * the guarantee). When the database refuses, the savepoint keeps the transaction alive to find out
 * who is in the way.
 */
@Component
class CalendarWrites {

  /** A room taken by a concurrent booking between our read and our write: try the next one. */
  private static final int ROOM_ATTEMPTS = 3;

  /** A deadlock victim waits for the winner to finish, so a second attempt almost always does. */
  private static final int DEADLOCK_ATTEMPTS = 5;

  /** Busy time around a single visit: its whole local day in any zone, for daily caps. */
  private static final Duration AROUND = Duration.ofDays(2);

  private final PracticeDirectory practice;
  private final AppointmentRepository repository;
  private final BusyCalendar calendar;
  private final Clock clock;
  private final TransactionTemplate savepoint;

  CalendarWrites(
      PracticeDirectory practice,
      AppointmentRepository repository,
      BusyCalendar calendar,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.practice = practice;
    this.repository = repository;
    this.calendar = calendar;
    this.clock = clock;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** PostgreSQL keeps microseconds; so do we, so what we return is what we stored. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  Booking booking(AppointmentTypeId typeId, ProviderId providerId) {
    PracticeSnapshot snapshot = practice.snapshot();
    return new Booking(
        snapshot,
        snapshot
            .appointmentType(typeId)
            .orElseThrow(
                () ->
                    unprocessable(
                        "unknown-appointment-type", "There is no appointment type {0}.", typeId)),
        snapshot
            .provider(providerId)
            .orElseThrow(
                () -> unprocessable("unknown-provider", "There is no provider {0}.", providerId)));
  }

  /**
   * Writes what {@code write} makes of the free slot at {@code start}, or says why it cannot.
   *
   * @param excluding the appointment being moved, whose own time is not in its way
   */
  BookingResult<AppointmentRow> secure(
      Booking booking,
      Instant start,
      @Nullable LocationId location,
      @Nullable PatientCategory category,
      @Nullable ForPatient patient,
      @Nullable UUID excluding,
      Instant now,
      Function<Slot, AppointmentRow> write) {
    Set<RoomId> rooms = booking.rooms(location);
    UUID patientId = patient == null ? null : patient.id();
    lock(booking, rooms, patient == null || patient.registeredNow() ? null : patientId);
    boolean expiredHoldsCleared = false;
    for (int attempt = 1; ; attempt++) {
      BusyTimes busy = busyAround(booking, start, now, excluding);
      Verdict verdict =
          new SlotFinder(booking.snapshot(), now)
              .check(booking.type(), booking.provider(), start, location, category, busy);
      if (verdict instanceof Verdict.Refused(Rejection reason)) {
        return refused(reason);
      }
      Slot slot = ((Verdict.Free) verdict).slot();
      if (patient != null && !patient.registeredNow()) {
        Optional<Rejection> patientBusy =
            patientBusy(patientId, slot.start(), slot.end(), now, excluding);
        if (patientBusy.isPresent()) {
          return refused(patientBusy.get());
        }
      }
      try {
        return new BookingResult.Success<>(inSavepoint(() -> write.apply(slot)));
      } catch (DataIntegrityViolationException e) {
        // Someone wrote between our read and our write; the constraint named who lost.
        Optional<String> constraint = AppointmentRepository.violatedExclusion(e);
        if (constraint.isEmpty()) {
          throw e;
        }
        // Expired holds block nothing, but their rows still meet the constraints until deleted:
        // delete those in the way (once) and write again. Done here rather than before every
        // write, because it is rarely needed.
        if (!expiredHoldsCleared) {
          expiredHoldsCleared = true;
          if (repository.deleteExpiredHoldsInTheWay(
                  booking.provider().id(),
                  rooms,
                  patientId,
                  booking.blockedFrom(slot.start()),
                  booking.blockedUntil(slot.start()),
                  now)
              > 0) {
            continue;
          }
        }
        if (constraint.get().equals(AppointmentRepository.ROOM_OVERLAP)
            && attempt < ROOM_ATTEMPTS) {
          continue;
        }
        return refused(
            explain(e, booking, slot.location(), slot.start(), patientId, now, excluding));
      }
    }
  }

  /**
   * Queues behind other writers of what this booking occupies: its provider, every room it could
   * take, its patient, and its type's daily cap (counted under the lock).
   */
  void lock(Booking booking, Collection<RoomId> rooms, @Nullable UUID patient) {
    List<String> resources = new ArrayList<>();
    resources.add("provider:" + booking.provider().id());
    rooms.forEach(room -> resources.add("room:" + room));
    if (patient != null) {
      resources.add("patient:" + patient);
    }
    if (booking.type().dailyCapPerProvider() != null) {
      resources.add("daily-cap:" + booking.provider().id() + ":" + booking.type().id());
    }
    repository.lockResources(resources);
  }

  /**
   * Runs a write that exclusion constraints may refuse in a savepoint, so the transaction survives
   * the refusal and can say who is in the way.
   *
   * <p>Two transactions inserting overlapping rows at the same moment each find the other's
   * uncommitted row while checking the constraint and wait for each other; PostgreSQL breaks the
   * deadlock by failing one of them (SQLSTATE 40P01). The locks of {@link #lock} prevent this for
   * our own writes; should it happen anyway (a write from elsewhere), the victim rolls back to its
   * savepoint and writes again: by then the other has finished, and the retry either succeeds or
   * meets a plain exclusion violation, which callers turn into a 409.
   */
  <T> T inSavepoint(Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return savepoint.execute(s -> write.get());
      } catch (PessimisticLockingFailureException e) {
        if (!AppointmentRepository.isDeadlock(e) || attempt >= DEADLOCK_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  /** After the database refused a write of [start, ...): who is in the way. */
  Rejection explain(
      DataIntegrityViolationException e,
      Booking booking,
      LocationId location,
      Instant start,
      @Nullable UUID patient,
      Instant now,
      @Nullable UUID excluding) {
    String constraint = AppointmentRepository.violatedExclusion(e).orElseThrow(() -> e);
    Instant end = start.plus(booking.type().duration());
    if (constraint.equals(AppointmentRepository.PATIENT_OVERLAP) && patient != null) {
      return patientBusy(patient, start, end, now, excluding)
          .orElse(new Rejection.SlotTaken(List.of()));
    }
    BusyTimes busy = busyAround(booking, start, now, excluding);
    Instant from = booking.blockedFrom(start);
    Instant until = booking.blockedUntil(start);
    if (constraint.equals(AppointmentRepository.ROOM_OVERLAP)) {
      String kind = booking.type().requiredRoomKind();
      List<Busy> inTheWay =
          booking.snapshot().rooms(location, kind == null ? "" : kind).stream()
              .flatMap(r -> busy.roomConflicts(r.id(), from, until).stream())
              .toList();
      return new Rejection.NoRoomAvailable(
          kind == null ? "" : kind, booking.snapshot().location(location).orElseThrow(), inTheWay);
    }
    return new Rejection.SlotTaken(busy.providerConflicts(booking.provider().id(), from, until));
  }

  Optional<Rejection> patientBusy(
      UUID patient, Instant start, Instant end, Instant now, @Nullable UUID excluding) {
    return repository.inTheWay("patient_id", patient, start, end, now, excluding).stream()
        .findFirst()
        .map(Rejection.PatientAlreadyBooked::new);
  }

  BusyTimes busyAround(Booking booking, Instant start, Instant now, @Nullable UUID excluding) {
    return calendar.load(
        List.of(booking.provider().id()),
        booking.rooms(null),
        start.minus(AROUND),
        start.plus(AROUND),
        now,
        excluding);
  }

  /**
   * A refusal undoes whatever the operation did so far (a patient registered on the way...). The
   * operations that can refuse run NESTED: inside a caller's transaction this rolls back to their
   * savepoint only, and the caller decides what to do with the refusal.
   */
  static <T> BookingResult<T> refused(Rejection reason) {
    TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
    return new BookingResult.Refused<>(reason);
  }

  static ProblemException unprocessable(String slug, String english, Object... args) {
    return ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, slug)
        .detail(english, args)
        .build();
  }
}
