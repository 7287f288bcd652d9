package org.accueil.questionnaires;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A booking of {@code appointmentTypeId} (null: any type) for a patient of the category {@code
 * patients} sends the active version of the form {@code questionnaireCode}.
 *
 * @param patients {@code any}, {@code new} or {@code returning}
 * @param remindBefore a reminder this long before the visit if it is still unanswered; null: none
 */
public record QuestionnaireRule(
    UUID id,
    String questionnaireCode,
    @Nullable UUID appointmentTypeId,
    String patients,
    @Nullable Duration remindBefore,
    String createdBy,
    Instant createdAt) {}
