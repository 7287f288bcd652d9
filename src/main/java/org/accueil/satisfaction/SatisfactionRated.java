package org.accueil.satisfaction;

import java.util.UUID;
import org.accueil.patients.PatientId;

/**
 * A patient answered a rating request: published in the recording transaction.
 *
 * @param low at or below {@code accueil.satisfaction.low-score}: the patient's conversation was
 *     handed to staff to call back
 */
public record SatisfactionRated(
    UUID request, PatientId patient, UUID conversation, int score, boolean low) {}
