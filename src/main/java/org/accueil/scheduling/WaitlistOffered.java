package org.accueil.scheduling;

import java.time.Instant;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.practice.ProviderId;

/**
 * A freed time was held for a waitlisted patient, who may accept it until {@code expiresAt}.
 * Published in the offering transaction; notifications tell the patient.
 */
public record WaitlistOffered(
    UUID offer,
    UUID entry,
    PatientId patient,
    ProviderId provider,
    UUID appointmentType,
    Instant start,
    Instant end,
    Instant expiresAt) {}
