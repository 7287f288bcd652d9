package org.accueil.questionnaires;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A completed form: the patient's answers as a FHIR R4 QuestionnaireResponse.
 *
 * @param resource the QuestionnaireResponse as JSON (subject: {@code Patient/<our id>})
 * @param flags what the patient said about themself that staff must look at
 * @param reviewedAt when staff looked at the flags (null: not yet, or nothing to look at)
 */
public record QuestionnaireAnswers(
    UUID id,
    UUID requestId,
    UUID questionnaireId,
    String questionnaireCode,
    int questionnaireVersion,
    String title,
    PatientId patient,
    @Nullable UUID appointmentId,
    String language,
    Instant authoredAt,
    List<Flag> flags,
    @Nullable Instant reviewedAt,
    @Nullable String reviewedBy,
    String resource) {

  public QuestionnaireAnswers {
    flags = List.copyOf(flags);
  }

  /**
   * An answer staff must look at before anything changes in the record.
   *
   * @param field the record's field the item is coded as ({@code phone}, {@code allergies})
   * @param kind {@code differs}: not what the record says; {@code reported}: clinical information
   *     in the patient's words (allergies, treatments), for the clinician to enter
   * @param answer what the patient entered
   * @param recorded what the record says, for {@code differs}
   */
  public record Flag(
      String linkId,
      String field,
      String kind,
      String question,
      String answer,
      @Nullable String recorded) {}

  public boolean toReview() {
    return reviewedAt == null && !flags.isEmpty();
  }
}
