package org.accueil.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import org.accueil.patients.PatientId;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.ProviderId;
import org.accueil.practice.RoomId;
import org.jspecify.annotations.Nullable;

/**
 * An appointment as the system of record holds it.
 *
 * @param zone the location's zone, in which its times are shown
 * @param newPatient what the booking said about the patient, when it said it
 * @param cancellation why and by whom, once cancelled
 */
public record Appointment(
    AppointmentId id,
    AppointmentTypeId type,
    ProviderId provider,
    LocationId location,
    @Nullable RoomId room,
    PatientId patient,
    AppointmentStatus status,
    Instant start,
    Instant end,
    ZoneId zone,
    @Nullable Boolean newPatient,
    Source source,
    String createdBy,
    @Nullable Cancellation cancellation,
    Instant createdAt,
    Instant updatedAt,
    int version) {

  public record Cancellation(String reason, String by, Instant at) {}
}
