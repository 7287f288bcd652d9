package org.accueil.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.RoomId;
import org.accueil.scheduling.Commands.AppointmentQuery;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Commands.HoldSlot;
import org.accueil.scheduling.Commands.ImportAppointment;
import org.accueil.scheduling.Commands.RescheduleAppointment;
import org.accueil.scheduling.jdbc.AppointmentRepository;
import org.accueil.scheduling.jdbc.AppointmentRow;
import org.accueil.scheduling.model.BusyTimes;
import org.accueil.scheduling.model.Rejection;
import org.accueil.scheduling.model.Slot;
import org.accueil.scheduling.model.SlotFinder;
import org.accueil.scheduling.model.Verdict;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Holds, bookings, reschedules, cancellations and the visit's progress.
 *
 * <p>Every write first asks the {@link SlotFinder} (good refusals), then lets PostgreSQL decide:
 * the exclusion constraints refuse an overlap whatever wrote it, on any node. Each write runs in a
 * savepoint so that, when the database refuses, the transaction can still say who is in the way. A
 * refused operation rolls back everything it did (a patient registered on the way included) and
 * returns the reason as a value.
 */
@Service
public class Appointments {

  /** A room taken by a concurrent booking between our read and our write: try the next one. */
  private static final int ROOM_ATTEMPTS = 3;

  /**
   * Concurrent writers of overlapping times can deadlock inside the exclusion constraint check:
   * each inserts its row, then waits for the other's transaction to see whether that row counts.
   * PostgreSQL fails one of them (40P01) after deadlock_timeout. The calendar lock keeps this from
   * happening on one provider's time; two providers' bookings can still meet on a room or a
   * patient. The failed one tries again, now waiting behind the other, and gets a true answer.
   */
  private static final int DEADLOCK_ATTEMPTS = 3;

  /** Busy time around a single visit: its whole local day in any zone, for daily caps. */
  private static final Duration AROUND = Duration.ofDays(2);

  private final PracticeDirectory practice;
  private final Patients patients;
  private final AppointmentRepository repository;
  private final BusyCalendar calendar;
  private final ApplicationEventPublisher events;
  private final Clock clock;
  private final SchedulingProperties properties;
  private final TransactionTemplate savepoint;

  Appointments(
      PracticeDirectory practice,
      Patients patients,
      AppointmentRepository repository,
      BusyCalendar calendar,
      ApplicationEventPublisher events,
      Clock clock,
      SchedulingProperties properties,
      PlatformTransactionManager transactions) {
    this.practice = practice;
    this.patients = patients;
    this.repository = repository;
    this.calendar = calendar;
    this.events = events;
    this.clock = clock;
    this.properties = properties;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Sets the time aside for {@link SchedulingProperties#holdDuration()}. */
  @Transactional(propagation = Propagation.NESTED)
  public BookingResult<Hold> hold(HoldSlot command) {
    Instant now = now();
    Booking booking = booking(command.type(), command.provider());
    Instant expires = now.plus(properties.holdDuration());
    UUID id = Ids.newId();
    BookingResult<AppointmentRow> secured =
        secure(
            booking,
            command.start(),
            command.location(),
            command.category(),
            null,
            null,
            now,
            slot -> {
              AppointmentRow row =
                  row(
                      id,
                      booking,
                      slot,
                      null,
                      "proposed",
                      expires,
                      newPatientFlag(command.category()),
                      Source.API,
                      command.by(),
                      now);
              repository.insert(row);
              return row;
            });
    return switch (secured) {
      case BookingResult.Success<AppointmentRow>(AppointmentRow row) ->
          new BookingResult.Success<>(hold(row, booking.snapshot()));
      case BookingResult.Refused<AppointmentRow>(Rejection reason) -> refused(reason);
    };
  }

  /** Gives the held time back. */
  @Transactional
  public void release(AppointmentId hold) {
    if (!repository.deleteHold(hold.value())) {
      throw ProblemException.notFound("hold", hold);
    }
  }

  public Optional<Hold> findHold(AppointmentId id) {
    return repository
        .find(id.value())
        .filter(AppointmentRow::isHold)
        .map(row -> hold(row, practice.snapshot()));
  }

  /** Books from a hold, or directly at a free time. */
  @Transactional(propagation = Propagation.NESTED)
  public BookingResult<Appointment> book(BookAppointment command) {
    Instant now = now();
    Patient patient = patientOf(command);
    if (command.hold() != null) {
      return bookHold(command, patient, now);
    }
    if (command.type() == null || command.provider() == null || command.start() == null) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "booking-incomplete")
          .detail("Give either a holdId, or appointmentTypeId, providerId and start.")
          .build();
    }
    Booking booking = booking(command.type(), command.provider());
    PatientCategory category = categoryOf(command.newPatient(), booking.type(), patient);
    UUID id = Ids.newId();
    BookingResult<AppointmentRow> secured =
        secure(
            booking,
            command.start(),
            command.location(),
            category,
            patient.id().value(),
            null,
            now,
            slot -> {
              AppointmentRow row =
                  row(
                      id,
                      booking,
                      slot,
                      patient.id().value(),
                      "booked",
                      null,
                      newPatientFlag(category),
                      command.source(),
                      command.by(),
                      now);
              repository.insert(row);
              return row;
            });
    return booked(secured, booking.snapshot());
  }

  private BookingResult<Appointment> bookHold(
      BookAppointment command, Patient patient, Instant now) {
    AppointmentId holdId = command.hold();
    AppointmentRow hold =
        repository
            .lock(holdId.value())
            .orElseThrow(() -> unprocessable("no-such-hold", "There is no hold {0}.", holdId));
    if (!hold.isHold()) {
      throw ProblemException.of(HttpStatus.CONFLICT, "hold-already-booked")
          .detail("The hold {0} has already been booked.", holdId)
          .with("appointmentId", hold.id())
          .build();
    }
    if ((command.type() != null && !command.type().value().equals(hold.typeId()))
        || (command.provider() != null && !command.provider().value().equals(hold.providerId()))
        || (command.start() != null && !command.start().equals(hold.start()))) {
      throw unprocessable(
          "hold-mismatch",
          "The hold {0} is for another type, provider or time than the one sent; send the hold"
              + " alone, or the details without it.",
          holdId);
    }
    Booking booking =
        booking(AppointmentTypeId.of(hold.typeId()), ProviderId.of(hold.providerId()));
    PatientCategory category = categoryOf(command.newPatient(), booking.type(), patient);
    if (!hold.holdExpiresAt().isAfter(now)) {
      // The hold lapsed: its time is no longer promised. Book it if it is still free.
      repository.deleteHold(hold.id());
      BookingResult<AppointmentRow> secured =
          secure(
              booking,
              hold.start(),
              LocationId.of(hold.locationId()),
              category,
              patient.id().value(),
              null,
              now,
              slot -> {
                AppointmentRow row =
                    row(
                        hold.id(),
                        booking,
                        slot,
                        patient.id().value(),
                        "booked",
                        null,
                        newPatientFlag(category),
                        command.source(),
                        command.by(),
                        now);
                repository.insert(row);
                return row;
              });
      return booked(secured, booking.snapshot());
    }
    // A live hold: the time is the patient's. Judge it by the rules as they stood when it was
    // granted (the minimum notice may have passed while they decided), now knowing the patient.
    BusyTimes busy = busyAround(booking, hold.start(), now, hold.id());
    Verdict verdict =
        new SlotFinder(booking.snapshot(), hold.createdAt())
            .check(
                booking.type(),
                booking.provider(),
                hold.start(),
                LocationId.of(hold.locationId()),
                category,
                busy);
    if (verdict instanceof Verdict.Refused(Rejection reason)) {
      return refused(reason);
    }
    Optional<Rejection> patientBusy =
        patientBusy(patient.id().value(), hold.start(), hold.end(), now, hold.id());
    if (patientBusy.isPresent()) {
      return refused(patientBusy.get());
    }
    try {
      savepoint.executeWithoutResult(
          s ->
              repository.bookHold(
                  hold.id(),
                  patient.id().value(),
                  newPatientFlag(category),
                  command.source().code(),
                  command.by(),
                  now));
    } catch (DataIntegrityViolationException e) {
      return refused(
          explain(
              e,
              booking,
              LocationId.of(hold.locationId()),
              hold.start(),
              hold.end(),
              hold.blockedFrom(),
              hold.blockedUntil(),
              patient.id().value(),
              now,
              hold.id()));
    }
    AppointmentRow booked = repository.find(hold.id()).orElseThrow();
    return booked(new BookingResult.Success<>(booked), booking.snapshot());
  }

  /**
   * Moves an appointment. The new time is secured by the same statement that releases the old one,
   * so the patient never loses their place and nobody else can take either time meanwhile.
   */
  @Transactional(propagation = Propagation.NESTED)
  public BookingResult<Appointment> reschedule(RescheduleAppointment command) {
    Instant now = now();
    AppointmentRow current = locked(command.appointment());
    AppointmentStatus status = AppointmentStatus.ofCode(current.status());
    if (status != AppointmentStatus.BOOKED && status != AppointmentStatus.PENDING) {
      throw ProblemException.of(HttpStatus.CONFLICT, "cannot-reschedule")
          .detail("This appointment is {0}; only booked appointments can be moved.", status.code())
          .with("status", status.code())
          .build();
    }
    ProviderId provider =
        command.provider() != null ? command.provider() : ProviderId.of(current.providerId());
    Booking booking = booking(AppointmentTypeId.of(current.typeId()), provider);
    PatientCategory category = categoryOfFlag(current.newPatient());
    BookingResult<AppointmentRow> secured =
        secure(
            booking,
            command.start(),
            command.location(),
            category,
            current.patientId(),
            current.id(),
            now,
            slot -> {
              AppointmentRow moved =
                  row(
                      current.id(),
                      booking,
                      slot,
                      current.patientId(),
                      current.status(),
                      null,
                      current.newPatient(),
                      Source.ofCode(current.source()),
                      current.createdBy(),
                      current.createdAt());
              if (repository.move(moved, current.version(), now) != 1) {
                throw new IllegalStateException(
                    "Appointment changed while locked: " + current.id());
              }
              return moved;
            });
    if (secured instanceof BookingResult.Refused<AppointmentRow>(Rejection reason)) {
      return refused(reason);
    }
    AppointmentRow moved = repository.find(current.id()).orElseThrow();
    events.publishEvent(
        new AppointmentRescheduled(
            AppointmentId.of(moved.id()),
            PatientId.of(moved.patientId()),
            ProviderId.of(current.providerId()),
            current.start(),
            ProviderId.of(moved.providerId()),
            moved.start()));
    return new BookingResult.Success<>(appointment(moved, booking.snapshot()));
  }

  /** Cancels; cancelling an already cancelled appointment changes nothing. */
  @Transactional
  public Appointment cancel(CancelAppointment command) {
    Instant now = now();
    AppointmentRow current = locked(command.appointment());
    AppointmentStatus status = AppointmentStatus.ofCode(current.status());
    if (status == AppointmentStatus.CANCELLED) {
      return appointment(current, practice.snapshot());
    }
    if (!status.canBecome(AppointmentStatus.CANCELLED)) {
      throw ProblemException.of(HttpStatus.CONFLICT, "cannot-cancel")
          .detail("This appointment is {0}; it can no longer be cancelled.", status.code())
          .with("status", status.code())
          .build();
    }
    repository.cancel(current.id(), command.reason(), command.by(), now);
    events.publishEvent(
        new AppointmentCancelled(
            AppointmentId.of(current.id()),
            PatientId.of(current.patientId()),
            ProviderId.of(current.providerId()),
            current.start(),
            command.by()));
    return appointment(repository.find(current.id()).orElseThrow(), practice.snapshot());
  }

  /** Arrived, checked in, fulfilled, no-show, entered in error; repeating a move is harmless. */
  @Transactional
  public Appointment changeStatus(AppointmentId id, AppointmentStatus next) {
    Instant now = now();
    AppointmentRow current = locked(id);
    AppointmentStatus status = AppointmentStatus.ofCode(current.status());
    if (status == next) {
      return appointment(current, practice.snapshot());
    }
    if (next == AppointmentStatus.CANCELLED || !status.canBecome(next)) {
      throw ProblemException.of(HttpStatus.CONFLICT, "invalid-status-change")
          .detail("This appointment is {0}; it cannot become {1}.", status.code(), next.code())
          .with("status", status.code())
          .build();
    }
    if ((next == AppointmentStatus.NOSHOW || next == AppointmentStatus.FULFILLED)
        && now.isBefore(current.start())) {
      throw ProblemException.of(HttpStatus.CONFLICT, "visit-not-started")
          .detail("The visit has not started yet; it cannot be {0} before it begins.", next.code())
          .build();
    }
    try {
      savepoint.executeWithoutResult(
          s -> repository.changeStatus(current.id(), status.code(), next.code(), now));
    } catch (DataIntegrityViolationException e) {
      // noshow -> arrived takes the time back, and someone may have been booked into it since.
      if (AppointmentRepository.violatedExclusion(e).isEmpty()) {
        throw e;
      }
      throw ProblemException.of(HttpStatus.CONFLICT, "time-no-longer-free")
          .detail("Its time has been given to another appointment since; book a new time.")
          .build();
    }
    events.publishEvent(
        new AppointmentStatusChanged(
            AppointmentId.of(current.id()), PatientId.of(current.patientId()), status, next));
    return appointment(repository.find(current.id()).orElseThrow(), practice.snapshot());
  }

  /**
   * Records an appointment decided elsewhere. No booking rule applies (minimum notice, hours, rules
   * are the other system's business), but the exclusion constraints still do: an overlap is refused
   * and nothing is written.
   */
  @Transactional(propagation = Propagation.NESTED)
  public BookingResult<Appointment> importAppointment(ImportAppointment command) {
    Instant now = now();
    Booking booking = booking(command.type(), command.provider());
    AppointmentType type = booking.type();
    Instant end = command.start().plus(type.duration());
    Instant blockedFrom = command.start().minus(type.bufferBefore());
    Instant blockedUntil = end.plus(type.bufferAfter());
    RoomId room = command.room();
    String kind = type.requiredRoomKind();
    if (room == null && kind != null) {
      BusyTimes busy = busyAround(booking, command.start(), now, null);
      room =
          booking.snapshot().rooms(command.location(), kind).stream()
              .map(r -> r.id())
              .filter(r -> busy.roomFree(r, blockedFrom, blockedUntil))
              .findFirst()
              .orElse(null);
    }
    boolean cancelled = command.status() == AppointmentStatus.CANCELLED;
    AppointmentRow row =
        new AppointmentRow(
            Ids.newId(),
            type.id().value(),
            command.provider().value(),
            command.location().value(),
            room == null ? null : room.value(),
            command.patient().value(),
            command.status().code(),
            command.start(),
            end,
            blockedFrom,
            blockedUntil,
            null,
            null,
            command.source().code(),
            command.by(),
            cancelled ? "" : null,
            cancelled ? command.by() : null,
            cancelled ? now : null,
            now,
            now,
            0);
    try {
      savepoint.executeWithoutResult(s -> repository.insert(row));
    } catch (DataIntegrityViolationException e) {
      if (AppointmentRepository.violatedExclusion(e).isEmpty()) {
        throw e;
      }
      return refused(
          explain(
              e,
              booking,
              command.location(),
              command.start(),
              end,
              blockedFrom,
              blockedUntil,
              command.patient().value(),
              now,
              null));
    }
    return new BookingResult.Success<>(appointment(row, booking.snapshot()));
  }

  public Optional<Appointment> find(AppointmentId id) {
    return repository
        .find(id.value())
        .filter(row -> !row.isHold())
        .map(row -> appointment(row, practice.snapshot()));
  }

  public List<Appointment> list(AppointmentQuery query) {
    PracticeSnapshot snapshot = practice.snapshot();
    return repository
        .list(
            query.from(),
            query.to(),
            query.provider() == null ? null : query.provider().value(),
            query.patient() == null ? null : query.patient().value(),
            query.status() == null ? null : query.status().code(),
            query.limit())
        .stream()
        .map(row -> appointment(row, snapshot))
        .toList();
  }

  /** PostgreSQL keeps microseconds; so do we, so what we return is what we stored. */
  private Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  /** The configuration a booking is judged by. */
  private record Booking(PracticeSnapshot snapshot, AppointmentType type, Provider provider) {}

  private Booking booking(AppointmentTypeId typeId, ProviderId providerId) {
    PracticeSnapshot snapshot = practice.snapshot();
    AppointmentType type =
        snapshot
            .appointmentType(typeId)
            .orElseThrow(
                () ->
                    unprocessable(
                        "unknown-appointment-type", "There is no appointment type {0}.", typeId));
    Provider provider =
        snapshot
            .provider(providerId)
            .orElseThrow(
                () -> unprocessable("unknown-provider", "There is no provider {0}.", providerId));
    return new Booking(snapshot, type, provider);
  }

  /** Writes what {@code write} makes of the free slot at {@code start}, or says why it can't. */
  private BookingResult<AppointmentRow> secure(
      Booking booking,
      Instant start,
      @Nullable LocationId location,
      @Nullable PatientCategory category,
      @Nullable UUID patient,
      @Nullable UUID excluding,
      Instant now,
      java.util.function.Function<Slot, AppointmentRow> write) {
    AppointmentType type = booking.type();
    repository.lockCalendar(booking.provider().id().value());
    if (type.dailyCapPerProvider() != null) {
      repository.lockDailyCap(booking.provider().id().value(), type.id().value());
    }
    Set<RoomId> rooms =
        Availability.roomsFor(booking.snapshot(), type, List.of(booking.provider()), location);
    Instant end = start.plus(type.duration());
    repository.deleteExpiredHoldsInTheWay(
        booking.provider().id(),
        rooms,
        patient,
        start.minus(type.bufferBefore()),
        end.plus(type.bufferAfter()),
        now);
    for (int attempt = 1; ; attempt++) {
      BusyTimes busy = busyAround(booking, start, now, excluding);
      Verdict verdict =
          new SlotFinder(booking.snapshot(), now)
              .check(type, booking.provider(), start, location, category, busy);
      if (verdict instanceof Verdict.Refused(Rejection reason)) {
        return refused(reason);
      }
      Slot slot = ((Verdict.Free) verdict).slot();
      if (patient != null) {
        Optional<Rejection> patientBusy =
            patientBusy(patient, slot.start(), slot.end(), now, excluding);
        if (patientBusy.isPresent()) {
          return refused(patientBusy.get());
        }
      }
      try {
        return new BookingResult.Success<>(savepoint.execute(s -> write.apply(slot)));
      } catch (PessimisticLockingFailureException e) {
        // Rolled back to the savepoint: nothing of this attempt is left, nor any lock it waited on.
        if (!AppointmentRepository.deadlocked(e) || attempt >= DEADLOCK_ATTEMPTS) {
          throw e;
        }
      } catch (DataIntegrityViolationException e) {
        // Someone wrote between our read and our write; the constraint named who lost.
        Optional<String> constraint = AppointmentRepository.violatedExclusion(e);
        if (constraint.isEmpty()) {
          throw e;
        }
        if (constraint.get().equals(AppointmentRepository.ROOM_OVERLAP)
            && attempt < ROOM_ATTEMPTS) {
          continue;
        }
        return refused(
            explain(
                e,
                booking,
                slot.location(),
                slot.start(),
                slot.end(),
                slot.start().minus(type.bufferBefore()),
                slot.end().plus(type.bufferAfter()),
                patient,
                now,
                excluding));
      }
    }
  }

  private Rejection explain(
      DataIntegrityViolationException e,
      Booking booking,
      LocationId location,
      Instant start,
      Instant end,
      Instant blockedFrom,
      Instant blockedUntil,
      @Nullable UUID patient,
      Instant now,
      @Nullable UUID excluding) {
    String constraint = AppointmentRepository.violatedExclusion(e).orElseThrow(() -> e);
    if (constraint.equals(AppointmentRepository.PATIENT_OVERLAP) && patient != null) {
      return patientBusy(patient, start, end, now, excluding)
          .orElse(new Rejection.SlotTaken(List.of()));
    }
    if (constraint.equals(AppointmentRepository.ROOM_OVERLAP)) {
      String kind = booking.type().requiredRoomKind();
      return new Rejection.NoRoomAvailable(
          kind == null ? "" : kind, booking.snapshot().location(location).orElseThrow());
    }
    BusyTimes busy = busyAround(booking, start, now, excluding);
    return new Rejection.SlotTaken(
        busy.providerConflicts(booking.provider().id(), blockedFrom, blockedUntil));
  }

  private Optional<Rejection> patientBusy(
      UUID patient, Instant start, Instant end, Instant now, @Nullable UUID excluding) {
    return repository.inTheWay("patient_id", patient, start, end, now, excluding).stream()
        .findFirst()
        .map(Rejection.PatientAlreadyBooked::new);
  }

  private BusyTimes busyAround(
      Booking booking, Instant start, Instant now, @Nullable UUID excluding) {
    Set<RoomId> rooms =
        Availability.roomsFor(
            booking.snapshot(), booking.type(), List.of(booking.provider()), null);
    return calendar.load(
        List.of(booking.provider().id()),
        rooms,
        start.minus(AROUND),
        start.plus(AROUND),
        now,
        excluding);
  }

  private BookingResult<Appointment> booked(
      BookingResult<AppointmentRow> secured, PracticeSnapshot snapshot) {
    return switch (secured) {
      case BookingResult.Refused<AppointmentRow>(Rejection reason) -> refused(reason);
      case BookingResult.Success<AppointmentRow>(AppointmentRow row) -> {
        events.publishEvent(
            new AppointmentBooked(
                AppointmentId.of(row.id()),
                PatientId.of(row.patientId()),
                ProviderId.of(row.providerId()),
                AppointmentTypeId.of(row.typeId()),
                row.start(),
                Source.ofCode(row.source())));
        yield new BookingResult.Success<>(appointment(row, snapshot));
      }
    };
  }

  /**
   * A refusal undoes whatever the operation did so far (a patient registered on the way...). The
   * operations that can refuse run NESTED: inside a caller's transaction this rolls back to their
   * savepoint only, and the caller decides what to do with the refusal.
   */
  private static <T> BookingResult<T> refused(Rejection reason) {
    TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
    return new BookingResult.Refused<>(reason);
  }

  private Patient patientOf(BookAppointment command) {
    if (command.patientId() != null) {
      return patients
          .find(command.patientId())
          .orElseThrow(
              () ->
                  unprocessable(
                      "unknown-patient", "There is no patient {0}.", command.patientId()));
    }
    if (command.patient() != null) {
      return patients.register(command.patient());
    }
    throw ProblemException.of(HttpStatus.BAD_REQUEST, "patient-missing")
        .detail("Say who the appointment is for: a patientId, or patient details.")
        .with("field", "patient")
        .build();
  }

  /**
   * New or returning: what the caller says; else new for a new-patients-only type; else returning
   * when the patient has been seen before; else unknown. We never guess "new" from an empty
   * history: the practice's past visits may predate Accueil.
   */
  private @Nullable PatientCategory categoryOf(
      @Nullable Boolean newPatient, AppointmentType type, Patient patient) {
    if (newPatient != null) {
      return newPatient ? PatientCategory.NEW : PatientCategory.RETURNING;
    }
    if (repository.seenBefore(patient.id().value())) {
      return PatientCategory.RETURNING;
    }
    return type.newPatientsOnly() ? PatientCategory.NEW : null;
  }

  private static @Nullable PatientCategory categoryOfFlag(@Nullable Boolean newPatient) {
    return newPatient == null ? null : newPatient ? PatientCategory.NEW : PatientCategory.RETURNING;
  }

  private static @Nullable Boolean newPatientFlag(@Nullable PatientCategory category) {
    return category == null ? null : category == PatientCategory.NEW;
  }

  private static AppointmentRow row(
      UUID id,
      Booking booking,
      Slot slot,
      @Nullable UUID patient,
      String status,
      @Nullable Instant holdExpiresAt,
      @Nullable Boolean newPatient,
      Source source,
      String by,
      Instant createdAt) {
    AppointmentType type = booking.type();
    return new AppointmentRow(
        id,
        type.id().value(),
        slot.provider().value(),
        slot.location().value(),
        slot.room() == null ? null : slot.room().value(),
        patient,
        status,
        slot.start(),
        slot.end(),
        slot.start().minus(type.bufferBefore()),
        slot.end().plus(type.bufferAfter()),
        holdExpiresAt,
        newPatient,
        source.code(),
        by,
        null,
        null,
        null,
        createdAt,
        createdAt,
        0);
  }

  private AppointmentRow locked(AppointmentId id) {
    return repository
        .lock(id.value())
        .filter(row -> !row.isHold())
        .orElseThrow(() -> ProblemException.notFound("appointment", id));
  }

  static Appointment appointment(AppointmentRow row, PracticeSnapshot snapshot) {
    return new Appointment(
        AppointmentId.of(row.id()),
        AppointmentTypeId.of(row.typeId()),
        ProviderId.of(row.providerId()),
        LocationId.of(row.locationId()),
        row.roomId() == null ? null : RoomId.of(row.roomId()),
        PatientId.of(row.patientId()),
        AppointmentStatus.ofCode(row.status()),
        row.start(),
        row.end(),
        snapshot.location(LocationId.of(row.locationId())).orElseThrow().zone(),
        row.newPatient(),
        Source.ofCode(row.source()),
        row.createdBy(),
        row.cancelledAt() == null
            ? null
            : new Appointment.Cancellation(
                row.cancellationReason(), row.cancelledBy(), row.cancelledAt()),
        row.createdAt(),
        row.updatedAt(),
        row.version());
  }

  private static Hold hold(AppointmentRow row, PracticeSnapshot snapshot) {
    return new Hold(
        AppointmentId.of(row.id()),
        AppointmentTypeId.of(row.typeId()),
        ProviderId.of(row.providerId()),
        LocationId.of(row.locationId()),
        row.roomId() == null ? null : RoomId.of(row.roomId()),
        row.start(),
        row.end(),
        snapshot.location(LocationId.of(row.locationId())).orElseThrow().zone(),
        row.holdExpiresAt());
  }

  private static ProblemException unprocessable(String slug, String english, Object... args) {
    return ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, slug)
        .detail(english, args)
        .build();
  }
}
