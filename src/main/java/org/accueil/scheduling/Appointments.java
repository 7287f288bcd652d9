package org.accueil.scheduling;

import static org.accueil.scheduling.CalendarWrites.refused;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.Origin;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.ProviderId;
import org.accueil.practice.RoomId;
import org.accueil.scheduling.Commands.AppointmentQuery;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Commands.ImportAppointment;
import org.accueil.scheduling.Commands.RecordMove;
import org.accueil.scheduling.Commands.RescheduleAppointment;
import org.accueil.scheduling.jdbc.AppointmentRepository;
import org.accueil.scheduling.jdbc.AppointmentRow;
import org.accueil.scheduling.model.BusyTimes;
import org.accueil.scheduling.model.Rejection;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;

/**
 * Bookings, reschedules, cancellations and the visit's progress. The writes go through {@link
 * CalendarWrites}; a refused operation rolls back everything it did (a patient registered on the
 * way included) and returns the reason as a value. Events are published in the same transaction.
 */
@Service
public class Appointments {

  private final CalendarWrites writes;
  private final Holds holds;
  private final PracticeDirectory practice;
  private final Patients patients;
  private final PatientCategories categories;
  private final AppointmentRepository repository;
  private final ApplicationEventPublisher events;
  private final Audit audit;

  Appointments(
      CalendarWrites writes,
      Holds holds,
      PracticeDirectory practice,
      Patients patients,
      PatientCategories categories,
      AppointmentRepository repository,
      ApplicationEventPublisher events,
      Audit audit) {
    this.audit = audit;
    this.writes = writes;
    this.holds = holds;
    this.practice = practice;
    this.patients = patients;
    this.categories = categories;
    this.repository = repository;
    this.events = events;
  }

  /** Books from a hold, or directly at a free time. */
  @Transactional(propagation = Propagation.NESTED)
  public BookingResult<Appointment> book(BookAppointment command) {
    Instant now = writes.now();
    ForPatient patient = ForPatient.of(patientOf(command));
    if (command.hold() != null) {
      return booked(holds.book(command, patient, now), practice.snapshot());
    }
    if (command.type() == null || command.provider() == null || command.start() == null) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "booking-incomplete")
          .detail("Give either a holdId, or appointmentTypeId, providerId and start.")
          .build();
    }
    Booking booking = writes.booking(command.type(), command.provider());
    PatientCategory category = categories.of(command.newPatient(), booking.type(), patient);
    UUID id = Ids.newId();
    UUID patientId = patient.id();
    return booked(
        writes.secure(
            booking,
            command.start(),
            command.location(),
            category,
            patient,
            null,
            now,
            slot -> {
              AppointmentRow row =
                  AppointmentRows.occupying(
                      id,
                      booking,
                      slot,
                      patientId,
                      AppointmentStatus.BOOKED,
                      null,
                      PatientCategories.flag(category),
                      command.source(),
                      command.by(),
                      now);
              repository.insert(row);
              return row;
            }),
        booking.snapshot());
  }

  /**
   * Moves an appointment. The new time is secured by the same statement that releases the old one,
   * so the patient never loses their place and nobody else can take either time meanwhile.
   */
  @Transactional(propagation = Propagation.NESTED)
  public BookingResult<Appointment> reschedule(RescheduleAppointment command) {
    Instant now = writes.now();
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
    Booking booking = writes.booking(AppointmentTypeId.of(current.typeId()), provider);
    BookingResult<AppointmentRow> secured =
        writes.secure(
            booking,
            command.start(),
            command.location(),
            PatientCategories.ofFlag(current.newPatient()),
            ForPatient.existing(current.patientId()),
            current.id(),
            now,
            slot -> {
              AppointmentRow moved =
                  AppointmentRows.occupying(
                      current.id(),
                      booking,
                      slot,
                      current.patientId(),
                      status,
                      null,
                      current.newPatient(),
                      Source.ofCode(current.source()),
                      current.createdBy(),
                      current.createdAt());
              if (repository.move(moved, current.version(), now) != 1) {
                // We hold the row's lock: nobody else can have changed it.
                throw new IllegalStateException(
                    "Appointment changed while locked: " + current.id());
              }
              return moved;
            });
    if (secured instanceof BookingResult.Refused<AppointmentRow>(Rejection reason)) {
      return refused(reason);
    }
    AppointmentRow moved = repository.find(current.id()).orElseThrow();
    audited("appointment.reschedule", moved);
    events.publishEvent(
        new AppointmentRescheduled(
            AppointmentId.of(moved.id()),
            PatientId.of(moved.patientId()),
            ProviderId.of(current.providerId()),
            current.start(),
            ProviderId.of(moved.providerId()),
            moved.start()));
    return new BookingResult.Success<>(AppointmentRows.appointment(moved, booking.snapshot()));
  }

  /**
   * Moves an appointment into a time held for its patient (a disruption's alternative): the hold
   * gives its time up in the same transaction, so nobody else sees it free in between. A hold that
   * has gone (lapsed and swept, or never there) leaves the move to the time itself, which succeeds
   * only if still free. Refused: nothing changes, the hold included.
   */
  @Transactional(propagation = Propagation.NESTED)
  public BookingResult<Appointment> moveIntoHold(
      AppointmentId appointment,
      AppointmentId hold,
      Instant start,
      ProviderId provider,
      String by) {
    // Queue behind the bookings of that time first, as every writer does (provider, rooms,
    // patient, in one statement), then lock the hold: a booking that holds the provider's lock
    // and deletes the lapsed hold in its way would otherwise wait for us while we wait for it.
    AppointmentRow moving = locked(appointment);
    Optional<AppointmentRow> seen = repository.find(hold.value()).filter(AppointmentRow::isHold);
    Booking booking = writes.booking(AppointmentTypeId.of(moving.typeId()), provider);
    writes.lock(
        booking,
        booking.rooms(seen.map(h -> LocationId.of(h.locationId())).orElse(null)),
        moving.patientId());
    Optional<AppointmentRow> held = repository.lock(hold.value()).filter(AppointmentRow::isHold);
    LocationId location = null;
    if (held.isPresent()) {
      if (!held.get().start().equals(start) || !held.get().providerId().equals(provider.value())) {
        throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "hold-mismatch")
            .detail("The hold {0} is for another provider or time than the one sent.", hold)
            .build();
      }
      location = LocationId.of(held.get().locationId());
      repository.deleteHold(hold.value());
    }
    BookingResult<Appointment> moved =
        reschedule(new RescheduleAppointment(appointment, start, provider, location, by));
    if (moved instanceof BookingResult.Refused<Appointment>) {
      // The hold stays as it was: the savepoint of this nested transaction is rolled back.
      TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
    }
    return moved;
  }

  /**
   * The appointments that stand (booked or pending) and overlap {@code [start, end)} with {@code
   * provider}, read after queuing behind every booking writer of that provider (its lock, held to
   * the end of the transaction). A caller that has just blocked the time (time off, in the same
   * transaction) gets every appointment in it: a booking under way either committed before, and is
   * listed, or finds the block when it reads the busy time, and is refused.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Appointment> standingWithin(ProviderId provider, Instant start, Instant end) {
    repository.lockResources(List.of("provider:" + provider.value()));
    PracticeSnapshot snapshot = practice.snapshot();
    return repository
        .list(start.minus(java.time.Duration.ofDays(1)), end, provider.value(), null, null, 2000)
        .stream()
        .filter(row -> !row.isHold())
        .filter(row -> row.end().isAfter(start) && row.start().isBefore(end))
        .map(row -> AppointmentRows.appointment(row, snapshot))
        .filter(
            a -> a.status() == AppointmentStatus.BOOKED || a.status() == AppointmentStatus.PENDING)
        .sorted(java.util.Comparator.comparing(Appointment::start))
        .toList();
  }

  /** Cancels; cancelling an already cancelled appointment changes nothing. */
  @Transactional
  public Appointment cancel(CancelAppointment command) {
    Instant now = writes.now();
    AppointmentRow current = locked(command.appointment());
    AppointmentStatus status = AppointmentStatus.ofCode(current.status());
    if (status == AppointmentStatus.CANCELLED) {
      return AppointmentRows.appointment(current, practice.snapshot());
    }
    if (!status.canBecome(AppointmentStatus.CANCELLED)) {
      throw ProblemException.of(HttpStatus.CONFLICT, "cannot-cancel")
          .detail("This appointment is {0}; it can no longer be cancelled.", status.code())
          .with("status", status.code())
          .build();
    }
    repository.cancel(current.id(), command.reason(), command.by(), now);
    audited("appointment.cancel", current);
    events.publishEvent(
        new AppointmentCancelled(
            AppointmentId.of(current.id()),
            PatientId.of(current.patientId()),
            ProviderId.of(current.providerId()),
            current.start(),
            command.by()));
    return reread(current.id());
  }

  /** Arrived, checked in, fulfilled, no-show, entered in error; repeating a move is harmless. */
  @Transactional
  public Appointment changeStatus(AppointmentId id, AppointmentStatus next) {
    Instant now = writes.now();
    AppointmentRow current = locked(id);
    AppointmentStatus status = AppointmentStatus.ofCode(current.status());
    if (status == next) {
      return AppointmentRows.appointment(current, practice.snapshot());
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
      writes.inSavepoint(
          () -> repository.changeStatus(current.id(), status.code(), next.code(), now));
    } catch (DataIntegrityViolationException e) {
      // noshow -> arrived takes the time back, and someone may have been booked into it since.
      if (AppointmentRepository.violatedExclusion(e).isEmpty()) {
        throw e;
      }
      throw ProblemException.of(HttpStatus.CONFLICT, "time-no-longer-free")
          .detail("Its time has been given to another appointment since; book a new time.")
          .build();
    }
    audited("appointment.status." + next.code(), current);
    events.publishEvent(
        new AppointmentStatusChanged(
            AppointmentId.of(current.id()), PatientId.of(current.patientId()), status, next));
    return reread(current.id());
  }

  /**
   * Records an appointment decided elsewhere. One booked in the EHR ({@link Source#EHR}) is
   * published as {@link AppointmentBooked}; history imported from elsewhere is not. No booking rule
   * applies (minimum notice, hours, rules are the other system's business), but the exclusion
   * constraints still do: an overlap is refused and nothing is written.
   */
  @Transactional(propagation = Propagation.NESTED)
  public BookingResult<Appointment> importAppointment(ImportAppointment command) {
    Instant now = writes.now();
    Booking booking = writes.booking(command.type(), command.provider());
    AppointmentType type = booking.type();
    Instant start = command.start();
    RoomId room = command.room();
    writes.lock(
        booking,
        room != null ? List.of(room) : booking.rooms(command.location()),
        command.patient().value());
    Instant end = endOf(type, start, command.end());
    Instant blockedUntil = end.plus(type.bufferAfter());
    if (room == null) {
      room = freeRoom(booking, command.location(), start, blockedUntil, now, null);
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
            start,
            end,
            booking.blockedFrom(start),
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
      writes.inSavepoint(
          () -> {
            repository.insert(row);
            return row;
          });
    } catch (DataIntegrityViolationException e) {
      if (AppointmentRepository.violatedExclusion(e).isEmpty()) {
        throw e;
      }
      return refused(
          writes.explain(
              e, booking, command.location(), start, command.patient().value(), now, null));
    }
    audited("appointment.import", row);
    if (command.source() == Source.EHR && command.status().occupiesTime()) {
      // Booked in the EHR just now: the patient's timeline and webhook consumers hear of it as of
      // any booking. The EHR connectors skip bookings whose source is the EHR: nothing echoes back.
      events.publishEvent(
          new AppointmentBooked(
              AppointmentId.of(row.id()),
              command.patient(),
              command.provider(),
              type.id(),
              start,
              Source.EHR));
    }
    return new BookingResult.Success<>(AppointmentRows.appointment(row, booking.snapshot()));
  }

  /**
   * Records a move decided elsewhere: the EHR or practice-management system moved an appointment it
   * booked ({@link Source#EHR}). As with {@link #importAppointment}, no booking rule applies but
   * the exclusion constraints do (an overlap is refused and nothing changes); the appointment keeps
   * its id, and {@link AppointmentRescheduled} is published.
   */
  @Transactional(propagation = Propagation.NESTED)
  public BookingResult<Appointment> recordMove(RecordMove command) {
    Instant now = writes.now();
    AppointmentRow current = locked(command.appointment());
    AppointmentStatus status = AppointmentStatus.ofCode(current.status());
    if (!status.occupiesTime()) {
      throw ProblemException.of(HttpStatus.CONFLICT, "cannot-reschedule")
          .detail("This appointment is {0}; only booked appointments can be moved.", status.code())
          .with("status", status.code())
          .build();
    }
    Booking booking = writes.booking(AppointmentTypeId.of(current.typeId()), command.provider());
    AppointmentType type = booking.type();
    writes.lock(booking, booking.rooms(command.location()), current.patientId());
    Instant start = command.start();
    Instant end = endOf(type, start, command.end());
    Instant blockedUntil = end.plus(type.bufferAfter());
    RoomId room = freeRoom(booking, command.location(), start, blockedUntil, now, current.id());
    AppointmentRow moved =
        new AppointmentRow(
            current.id(),
            current.typeId(),
            command.provider().value(),
            command.location().value(),
            room == null ? null : room.value(),
            current.patientId(),
            current.status(),
            start,
            end,
            booking.blockedFrom(start),
            blockedUntil,
            current.holdExpiresAt(),
            current.newPatient(),
            current.source(),
            current.createdBy(),
            current.cancellationReason(),
            current.cancelledBy(),
            current.cancelledAt(),
            current.createdAt(),
            now,
            current.version());
    try {
      writes.inSavepoint(
          () -> {
            if (repository.move(moved, current.version(), now) != 1) {
              // We hold the row's lock: nobody else can have changed it.
              throw new IllegalStateException("Appointment changed while locked: " + current.id());
            }
            return moved;
          });
    } catch (DataIntegrityViolationException e) {
      if (AppointmentRepository.violatedExclusion(e).isEmpty()) {
        throw e;
      }
      return refused(
          writes.explain(
              e, booking, command.location(), start, current.patientId(), now, current.id()));
    }
    audited("appointment.import.move", moved);
    events.publishEvent(
        new AppointmentRescheduled(
            AppointmentId.of(current.id()),
            PatientId.of(current.patientId()),
            ProviderId.of(current.providerId()),
            current.start(),
            command.provider(),
            start));
    return new BookingResult.Success<>(reread(current.id()));
  }

  /** The other system's own length of the visit, when it gives one: its whole time is blocked. */
  private static Instant endOf(AppointmentType type, Instant start, @Nullable Instant end) {
    return end != null && end.isAfter(start) ? end : start.plus(type.duration());
  }

  /** A free room of the kind the type needs at the location; null when it needs none or none is. */
  private @Nullable RoomId freeRoom(
      Booking booking,
      LocationId location,
      Instant start,
      Instant blockedUntil,
      Instant now,
      @Nullable UUID excluding) {
    String kind = booking.type().requiredRoomKind();
    if (kind == null) {
      return null;
    }
    BusyTimes busy = writes.busyAround(booking, start, now, excluding);
    return booking.snapshot().rooms(location, kind).stream()
        .map(r -> r.id())
        .filter(r -> busy.roomFree(r, booking.blockedFrom(start), blockedUntil))
        .findFirst()
        .orElse(null);
  }

  /** Ids only: the trail says who touched which appointment, never why the patient comes. */
  private void audited(String action, AppointmentRow row) {
    audit.success(
        action,
        "appointment",
        row.id(),
        row.patientId() == null
            ? Map.of("provider", row.providerId())
            : Map.of("patient", row.patientId(), "provider", row.providerId()));
  }

  public Optional<Appointment> find(AppointmentId id) {
    return repository
        .find(id.value())
        .filter(row -> !row.isHold())
        .map(row -> AppointmentRows.appointment(row, practice.snapshot()));
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
        .map(row -> AppointmentRows.appointment(row, snapshot))
        .toList();
  }

  /** Every appointment of the patient, past and future, cancelled ones included, as they start. */
  public List<PatientAppointment> ofPatient(PatientId patient, Locale language) {
    PracticeSnapshot snapshot = practice.snapshot();
    return repository.ofPatient(patient.value()).stream()
        .map(row -> AppointmentRows.forPatient(row, snapshot, language))
        .toList();
  }

  /**
   * Clears the words people typed about the patient's appointments (cancellation reasons, who asked
   * in words), for the patient's erasure. The appointments themselves stay: when, with whom, what
   * became of them, and which actor did it.
   *
   * @return how many appointments changed
   */
  @Transactional
  public int anonymise(PatientId patient) {
    return repository.clearFreeText(patient.value(), writes.now());
  }

  /**
   * Deletes the appointments of these patients that ended before {@code before}: the practice's
   * record of an erased patient's visits, once past the time the practice must keep it.
   *
   * @return how many appointments were deleted
   */
  @Transactional
  public int forgetVisitsBefore(Collection<PatientId> patients, Instant before) {
    if (patients.isEmpty()) {
      return 0;
    }
    return repository.deleteEndedBefore(patients.stream().map(PatientId::value).toList(), before);
  }

  private BookingResult<Appointment> booked(
      BookingResult<AppointmentRow> secured, PracticeSnapshot snapshot) {
    return switch (secured) {
      case BookingResult.Refused<AppointmentRow>(Rejection reason) -> refused(reason);
      case BookingResult.Success<AppointmentRow>(AppointmentRow row) -> {
        audited("appointment.book", row);
        events.publishEvent(
            new AppointmentBooked(
                AppointmentId.of(row.id()),
                PatientId.of(row.patientId()),
                ProviderId.of(row.providerId()),
                AppointmentTypeId.of(row.typeId()),
                row.start(),
                Source.ofCode(row.source())));
        yield new BookingResult.Success<>(AppointmentRows.appointment(row, snapshot));
      }
    };
  }

  private Patients.Registration patientOf(BookAppointment command) {
    if (command.patientId() != null) {
      if (patients.find(command.patientId()).isEmpty()) {
        throw CalendarWrites.unprocessable(
            "unknown-patient", "There is no patient {0}.", command.patientId());
      }
      if (patients.isErased(command.patientId())) {
        throw CalendarWrites.unprocessable(
            "patient-erased",
            "The patient {0} was erased at their request; they can no longer be booked.",
            command.patientId());
      }
      // An id from before a merge (an EHR's copy, an old link) books the record that survived.
      return new Patients.Registration(patients.current(command.patientId()).orElseThrow(), false);
    }
    if (command.patient() != null) {
      return patients.registration(command.patient(), originOf(command.source()));
    }
    throw ProblemException.of(HttpStatus.BAD_REQUEST, "patient-missing")
        .detail("Say who the appointment is for: a patientId, or patient details.")
        .with("field", "patient")
        .build();
  }

  /**
   * Staff and the EHR register people they have in front of them or on file; anyone else (a booking
   * page, a conversation, an integration booking for the patient) creates a provisional record, for
   * the staff's review.
   */
  private static Origin originOf(Source source) {
    return switch (source) {
      case STAFF -> Origin.STAFF;
      case EHR -> Origin.EHR;
      default -> Origin.BOOKING;
    };
  }

  private AppointmentRow locked(AppointmentId id) {
    return repository
        .lock(id.value())
        .filter(row -> !row.isHold())
        .orElseThrow(() -> ProblemException.notFound("appointment", id));
  }

  private Appointment reread(UUID id) {
    return AppointmentRows.appointment(repository.find(id).orElseThrow(), practice.snapshot());
  }
}
