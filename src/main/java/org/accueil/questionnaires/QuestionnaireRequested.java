package org.accueil.questionnaires;

import java.time.Instant;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A form was sent to a patient (published in the sending transaction): the notifications tell them,
 * with the link, and remind them at {@code remindAt} if it is still unanswered.
 */
public record QuestionnaireRequested(
    UUID request,
    PatientId patient,
    @Nullable UUID appointment,
    Instant expiresAt,
    @Nullable Instant remindAt) {}
