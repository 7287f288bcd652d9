package org.accueil.scheduling;

import static org.accueil.scheduling.CalendarWrites.refused;
import static org.accueil.scheduling.CalendarWrites.unprocessable;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.PatientCategory;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Commands.HoldSlot;
import org.accueil.scheduling.jdbc.AppointmentRepository;
import org.accueil.scheduling.jdbc.AppointmentRow;
import org.accueil.scheduling.model.Rejection;
import org.accueil.scheduling.model.SlotFinder;
import org.accueil.scheduling.model.Verdict;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Time set aside while a patient decides. A hold is a row of the appointment table with status
 * {@code proposed}: it occupies its time under the same constraints until it expires, and booking
 * it turns the same row into the appointment, so the time is never released in between.
 */
@Service
public class Holds {

  private final CalendarWrites writes;
  private final AppointmentRepository repository;
  private final PracticeDirectory practice;
  private final PatientCategories categories;
  private final SchedulingProperties properties;

  private final Audit audit;

  Holds(
      CalendarWrites writes,
      AppointmentRepository repository,
      PracticeDirectory practice,
      PatientCategories categories,
      SchedulingProperties properties,
      Audit audit) {
    this.audit = audit;
    this.writes = writes;
    this.repository = repository;
    this.practice = practice;
    this.categories = categories;
    this.properties = properties;
  }

  /** Sets the time aside for {@link SchedulingProperties#holdDuration()}. */
  @Transactional(propagation = Propagation.NESTED)
  public BookingResult<Hold> hold(HoldSlot command) {
    return held(command, properties.holdDuration());
  }

  /**
   * Sets the time aside for {@code lasting}: the waitlist holds a freed time for as long as the
   * patient it is offered to has to decide.
   */
  @Transactional(propagation = Propagation.NESTED)
  public BookingResult<Hold> hold(HoldSlot command, Duration lasting) {
    return held(command, lasting);
  }

  private BookingResult<Hold> held(HoldSlot command, Duration lasting) {
    Instant now = writes.now();
    Booking booking = writes.booking(command.type(), command.provider());
    Instant expires = now.plus(lasting);
    UUID id = Ids.newId();
    BookingResult<AppointmentRow> secured =
        writes.secure(
            booking,
            command.start(),
            command.location(),
            command.category(),
            null,
            null,
            now,
            slot -> {
              AppointmentRow row =
                  AppointmentRows.occupying(
                      id,
                      booking,
                      slot,
                      null,
                      AppointmentStatus.PROPOSED,
                      expires,
                      PatientCategories.flag(command.category()),
                      Source.API,
                      command.by(),
                      now);
              repository.insert(row);
              return row;
            });
    return switch (secured) {
      case BookingResult.Success<AppointmentRow>(AppointmentRow row) -> {
        audit.success("hold.create", "hold", row.id(), Map.of("provider", row.providerId()));
        yield new BookingResult.Success<>(AppointmentRows.hold(row, booking.snapshot()));
      }
      case BookingResult.Refused<AppointmentRow>(Rejection reason) -> refused(reason);
    };
  }

  /** Gives the held time back. */
  @Transactional
  public void release(AppointmentId hold) {
    if (!repository.deleteHold(hold.value())) {
      throw ProblemException.notFound("hold", hold);
    }
    audit.success("hold.release", "hold", hold.value());
  }

  public Optional<Hold> find(AppointmentId id) {
    return repository
        .find(id.value())
        .filter(AppointmentRow::isHold)
        .map(row -> AppointmentRows.hold(row, practice.snapshot()));
  }

  /**
   * Books the hold of {@code command} for {@code patient}, inside the booking's transaction. A live
   * hold keeps its time and is judged by the rules as they stood when it was granted (the minimum
   * notice may have passed while the patient decided), now knowing the patient; a lapsed hold no
   * longer promises its time, which is booked only if still free.
   */
  BookingResult<AppointmentRow> book(BookAppointment command, ForPatient patient, Instant now) {
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
        writes.booking(AppointmentTypeId.of(hold.typeId()), ProviderId.of(hold.providerId()));
    PatientCategory category = categories.of(command.newPatient(), booking.type(), patient);
    UUID patientId = patient.id();
    LocationId location = LocationId.of(hold.locationId());
    if (!hold.holdExpiresAt().isAfter(now)) {
      repository.deleteHold(hold.id());
      return writes.secure(
          booking,
          hold.start(),
          location,
          category,
          patient,
          null,
          now,
          slot -> {
            AppointmentRow row =
                AppointmentRows.occupying(
                    hold.id(),
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
          });
    }
    Verdict verdict =
        new SlotFinder(booking.snapshot(), hold.createdAt())
            .check(
                booking.type(),
                booking.provider(),
                hold.start(),
                location,
                category,
                writes.busyAround(booking, hold.start(), now, hold.id()));
    if (verdict instanceof Verdict.Refused(Rejection reason)) {
      return refused(reason);
    }
    writes.lock(booking, java.util.List.of(), patientId);
    Optional<Rejection> patientBusy =
        writes.patientBusy(patientId, hold.start(), hold.end(), now, hold.id());
    if (patientBusy.isPresent()) {
      return refused(patientBusy.get());
    }
    try {
      writes.inSavepoint(
          () ->
              repository.bookHold(
                  hold.id(),
                  patientId,
                  PatientCategories.flag(category),
                  command.source().code(),
                  command.by(),
                  now));
    } catch (DataIntegrityViolationException e) {
      return refused(writes.explain(e, booking, location, hold.start(), patientId, now, hold.id()));
    }
    return new BookingResult.Success<>(repository.find(hold.id()).orElseThrow());
  }
}
