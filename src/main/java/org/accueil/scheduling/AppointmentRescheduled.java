package org.accueil.scheduling;

import java.time.Instant;
import org.accueil.patients.PatientId;
import org.accueil.practice.ProviderId;

public record AppointmentRescheduled(
    AppointmentId appointment,
    PatientId patient,
    ProviderId previousProvider,
    Instant previousStart,
    ProviderId provider,
    Instant start) {}
