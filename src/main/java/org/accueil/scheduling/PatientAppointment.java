package org.accueil.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * One of a patient's appointments as it is handed to the patient (their data export): the
 * practice's ids as plain values, with the names a person reads, and the record's history fields.
 *
 * @param zone the location's zone, in which its times are shown
 * @param appointmentTypeName in the language asked for
 * @param createdBy who booked it, as an actor reference ({@code api-key:<id>})
 * @param cancellation why and by whom, once cancelled
 */
public record PatientAppointment(
    AppointmentId id,
    PatientId patient,
    AppointmentStatus status,
    Instant start,
    Instant end,
    ZoneId zone,
    UUID appointmentTypeId,
    String appointmentTypeName,
    UUID providerId,
    String providerName,
    UUID locationId,
    String locationName,
    @Nullable UUID roomId,
    Source source,
    @Nullable Boolean newPatient,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    int version,
    Appointment.@Nullable Cancellation cancellation) {}
