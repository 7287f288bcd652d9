package org.accueil.scheduling;

import java.time.Instant;
import org.accueil.patients.PatientId;

/**
 * The patient said they will come (a reply to a reminder, its button, the front desk on the phone).
 *
 * @param by who recorded it: {@code patient}, or the staff member's or key's reference
 */
public record AppointmentConfirmed(
    AppointmentId appointment, PatientId patient, String by, Instant at) {}
