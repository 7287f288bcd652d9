package org.accueil.questionnaires;

import java.time.Instant;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * One form sent to one patient: for a visit (by a rule) or by hand from a conversation.
 *
 * @param status {@code sent}, {@code in-progress} (answers saved), {@code completed} or {@code
 *     cancelled} (its visit was cancelled)
 * @param expiresAt its link works until then
 */
public record QuestionnaireRequest(
    UUID id,
    UUID questionnaireId,
    String questionnaireCode,
    String title,
    PatientId patient,
    @Nullable UUID appointmentId,
    String status,
    Instant expiresAt,
    @Nullable Instant remindAt,
    String createdBy,
    Instant createdAt,
    @Nullable Instant completedAt) {

  /** Whether it can still be answered at {@code now}. */
  public boolean open(Instant now) {
    return (status.equals("sent") || status.equals("in-progress")) && expiresAt.isAfter(now);
  }
}
