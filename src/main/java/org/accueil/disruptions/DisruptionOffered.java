package org.accueil.disruptions;

import java.time.Instant;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.scheduling.AppointmentId;

/**
 * Alternatives were held for a patient whose appointment is inside a disruption: the message that
 * offers them is for the notifications module to send, at once, on the patient's channel.
 *
 * @param round 1 for the first set; a pass that offers again after a failure counts up
 * @param answerBy the staff's deadline, after which the held times are released
 */
public record DisruptionOffered(
    UUID disruption, AppointmentId appointment, PatientId patient, int round, Instant answerBy) {}
