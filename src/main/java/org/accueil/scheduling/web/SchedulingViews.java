package org.accueil.scheduling.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.accueil.practice.RoomId;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Hold;
import org.accueil.scheduling.Source;
import org.accueil.scheduling.model.Slot;
import org.jspecify.annotations.Nullable;

/** JSON shapes of the scheduling API. Times carry the offset of the location's zone. */
final class SchedulingViews {

  private SchedulingViews() {}

  record SlotView(
      OffsetDateTime start,
      OffsetDateTime end,
      UUID providerId,
      UUID locationId,
      @Nullable UUID roomId) {
    static SlotView of(Slot slot) {
      return new SlotView(
          slot.localStart(),
          slot.localEnd(),
          slot.provider().value(),
          slot.location().value(),
          SchedulingViews.uuidOf(slot.room()));
    }
  }

  record HoldView(
      UUID id,
      UUID appointmentTypeId,
      UUID providerId,
      UUID locationId,
      @Nullable UUID roomId,
      OffsetDateTime start,
      OffsetDateTime end,
      OffsetDateTime expiresAt) {
    static HoldView of(Hold hold) {
      return new HoldView(
          hold.id().value(),
          hold.type().value(),
          hold.provider().value(),
          hold.location().value(),
          SchedulingViews.uuidOf(hold.room()),
          hold.start().atZone(hold.zone()).toOffsetDateTime(),
          hold.end().atZone(hold.zone()).toOffsetDateTime(),
          hold.expiresAt().atZone(hold.zone()).toOffsetDateTime());
    }
  }

  record CancellationView(String reason, String by, OffsetDateTime at) {}

  record AppointmentView(
      UUID id,
      AppointmentStatus status,
      UUID appointmentTypeId,
      UUID providerId,
      UUID locationId,
      @Nullable UUID roomId,
      UUID patientId,
      OffsetDateTime start,
      OffsetDateTime end,
      @Nullable Boolean newPatient,
      Source source,
      String createdBy,
      @Nullable CancellationView cancellation,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      int version) {
    static AppointmentView of(Appointment a) {
      var zone = a.zone();
      return new AppointmentView(
          a.id().value(),
          a.status(),
          a.type().value(),
          a.provider().value(),
          a.location().value(),
          SchedulingViews.uuidOf(a.room()),
          a.patient().value(),
          local(a.start(), a),
          local(a.end(), a),
          a.newPatient(),
          a.source(),
          a.createdBy(),
          a.cancellation() == null
              ? null
              : new CancellationView(
                  a.cancellation().reason(),
                  a.cancellation().by(),
                  a.cancellation().at().atZone(zone).toOffsetDateTime()),
          local(a.createdAt(), a),
          local(a.updatedAt(), a),
          a.version());
    }

    private static OffsetDateTime local(Instant instant, Appointment a) {
      return instant.atZone(a.zone()).toOffsetDateTime();
    }
  }

  static @Nullable UUID uuidOf(@Nullable RoomId room) {
    return room == null ? null : room.value();
  }
}
