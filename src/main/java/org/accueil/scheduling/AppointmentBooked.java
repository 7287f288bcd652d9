package org.accueil.scheduling;

import java.time.Instant;
import org.accueil.patients.PatientId;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.ProviderId;

/** Published in the booking's transaction; listeners confirm, remind, tell the EHR. */
public record AppointmentBooked(
    AppointmentId appointment,
    PatientId patient,
    ProviderId provider,
    AppointmentTypeId type,
    Instant start,
    Source source) {}
