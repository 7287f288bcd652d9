package org.accueil.scheduling;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.ProviderId;
import org.accueil.practice.RoomId;
import org.accueil.scheduling.jdbc.AppointmentRow;
import org.accueil.scheduling.model.Slot;
import org.jspecify.annotations.Nullable;

/** Between the table's rows and the module's records. */
final class AppointmentRows {

  private AppointmentRows() {}

  /** The row of a visit of {@code booking} in {@code slot}, its blocked time from the type. */
  static AppointmentRow occupying(
      UUID id,
      Booking booking,
      Slot slot,
      @Nullable UUID patient,
      AppointmentStatus status,
      @Nullable Instant holdExpiresAt,
      @Nullable Boolean newPatient,
      Source source,
      String createdBy,
      Instant createdAt) {
    return new AppointmentRow(
        id,
        booking.type().id().value(),
        slot.provider().value(),
        slot.location().value(),
        slot.room() == null ? null : slot.room().value(),
        patient,
        status.code(),
        slot.start(),
        slot.end(),
        booking.blockedFrom(slot.start()),
        booking.blockedUntil(slot.start()),
        holdExpiresAt,
        newPatient,
        source.code(),
        createdBy,
        null,
        null,
        null,
        createdAt,
        createdAt,
        0);
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

  static PatientAppointment forPatient(
      AppointmentRow row, PracticeSnapshot snapshot, Locale language) {
    Appointment appointment = appointment(row, snapshot);
    return new PatientAppointment(
        appointment.id(),
        appointment.patient(),
        appointment.status(),
        appointment.start(),
        appointment.end(),
        appointment.zone(),
        row.typeId(),
        snapshot
            .appointmentType(appointment.type())
            .map(type -> type.name().in(language))
            .orElse(row.typeId().toString()),
        row.providerId(),
        snapshot
            .provider(appointment.provider())
            .map(org.accueil.practice.Provider::displayName)
            .orElse(row.providerId().toString()),
        row.locationId(),
        snapshot
            .location(appointment.location())
            .map(org.accueil.practice.Location::name)
            .orElse(row.locationId().toString()),
        row.roomId(),
        appointment.source(),
        appointment.newPatient(),
        appointment.createdBy(),
        appointment.createdAt(),
        appointment.updatedAt(),
        appointment.version(),
        appointment.cancellation());
  }

  static Hold hold(AppointmentRow row, PracticeSnapshot snapshot) {
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
}
