package org.accueil.scheduling;

import org.accueil.patients.PatientId;

/** Arrived, checked in, fulfilled, no-show, entered in error. */
public record AppointmentStatusChanged(
    AppointmentId appointment,
    PatientId patient,
    AppointmentStatus previous,
    AppointmentStatus current) {}
