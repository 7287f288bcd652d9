package org.accueil.privacy;

import java.time.Instant;
import java.util.List;
import org.accueil.patients.PatientId;
import org.accueil.scheduling.AppointmentId;

/**
 * The record of a patient's erasure: who did it, when, why, how it was asked for, and which future
 * appointments it cancelled. It names the patient by id only.
 *
 * @param erasedBy the actor who erased ({@code user:<id>}, {@code api-key:<id>})
 */
public record Erasure(
    PatientId patient,
    Instant erasedAt,
    String erasedBy,
    String reason,
    RequestedVia requestedVia,
    List<AppointmentId> cancelledAppointments) {

  public Erasure {
    cancelledAppointments = List.copyOf(cancelledAppointments);
  }
}
