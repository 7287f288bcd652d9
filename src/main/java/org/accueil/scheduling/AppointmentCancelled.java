package org.accueil.scheduling;

import java.time.Instant;
import org.accueil.patients.PatientId;
import org.accueil.practice.ProviderId;

public record AppointmentCancelled(
    AppointmentId appointment,
    PatientId patient,
    ProviderId provider,
    Instant start,
    String cancelledBy) {}
