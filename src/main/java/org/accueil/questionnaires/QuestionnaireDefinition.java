package org.accueil.questionnaires;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One version of one of the practice's forms.
 *
 * @param code the form's stable name across versions ({@code new-patient-intake})
 * @param url its canonical URL, the same for every version
 * @param resource the FHIR R4 Questionnaire as JSON, with url, version and status set
 */
public record QuestionnaireDefinition(
    UUID id,
    String code,
    int version,
    String url,
    String title,
    String status,
    String resource,
    String createdBy,
    Instant createdAt,
    @Nullable Instant retiredAt) {

  public boolean active() {
    return "active".equals(status);
  }

  /** {@code url|version}: what a QuestionnaireResponse names as its questionnaire. */
  public String canonical() {
    return url + "|" + version;
  }
}
