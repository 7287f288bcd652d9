package org.accueil.questionnaires.internal;

import java.time.Clock;
import java.util.Map;
import org.accueil.patients.PatientId;
import org.accueil.privacy.PersonalDataContributor;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A patient's forms in their data export (each form sent, and their answers as the FHIR
 * QuestionnaireResponse they gave), and on erasure: the answers go, what was still open closes.
 */
@Component
class QuestionnairesPersonalData implements PersonalDataContributor {

  private final QuestionnaireStore store;
  private final JsonMapper json;
  private final Clock clock;

  QuestionnairesPersonalData(QuestionnaireStore store, JsonMapper json, Clock clock) {
    this.store = store;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public String section() {
    return "questionnaires";
  }

  @Override
  public Object export(PatientId patient) {
    return Map.of(
        "sent",
        store.requests(patient.value(), null, 10_000).stream()
            .map(
                r ->
                    Map.of(
                        "questionnaire", r.questionnaireCode(),
                        "title", r.title(),
                        "status", r.status(),
                        "sentAt", r.createdAt()))
            .toList(),
        "answers",
        store.responses(patient.value(), null, false, 10_000).stream()
            .map(a -> json.readTree(a.resource()))
            .toList());
  }

  @Override
  public void erase(PatientId patient) {
    store.forgetPatient(patient.value(), clock.instant());
  }
}
