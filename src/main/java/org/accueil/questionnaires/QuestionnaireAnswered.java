package org.accueil.questionnaires;

import java.util.UUID;
import org.accueil.patients.PatientId;
import org.jspecify.annotations.Nullable;

/** A patient completed a form (published in the submitting transaction): the EHR gets it. */
public record QuestionnaireAnswered(
    UUID response, UUID request, PatientId patient, @Nullable UUID appointment) {}
