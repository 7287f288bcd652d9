package org.accueil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.accueil.questionnaires.QuestionnaireAnswers;
import org.accueil.questionnaires.QuestionnaireDefinition;
import org.accueil.questionnaires.QuestionnaireRequest;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.scheduling.Appointment;

/**
 * A form of the test's own (one question of each type the forms take) sent on every booking of the
 * clinic's consultation, and filled in by the patient as its page would send it.
 */
public final class CompletedForms {

  /** A FHIR R4 Questionnaire; {@code %s} is a name of the test's own. */
  public static final String FORM =
      """
      {"resourceType": "Questionnaire", "name": "Intake%1$s", "title": "Intake %1$s",
       "status": "active",
       "item": [
         {"linkId": "name", "text": "Your name", "type": "string", "required": true},
         {"linkId": "history", "text": "Anything we should know?", "type": "text"},
         {"linkId": "age", "text": "Your age", "type": "integer"},
         {"linkId": "weight", "text": "Weight (kg)", "type": "decimal"},
         {"linkId": "dob", "text": "Date of birth", "type": "date"},
         {"linkId": "smoker", "text": "Do you smoke?", "type": "boolean"},
         {"linkId": "visit", "text": "Why do you come?", "type": "choice",
          "answerOption": [
            {"valueCoding": {"system": "urn:example:reason", "code": "checkup",
                             "display": "Check-up"}},
            {"valueCoding": {"system": "urn:example:reason", "code": "pain",
                             "display": "Pain"}}]}
       ]}
      """;

  /** What the patient enters. */
  public static final Map<String, List<String>> ANSWERS =
      Map.of(
          "name", List.of("Lea Martin"),
          "history", List.of("Asthma as a child.\nNothing since."),
          "age", List.of("38"),
          "weight", List.of("61.5"),
          "dob", List.of("1987-03-14"),
          "smoker", List.of("false"),
          "visit", List.of("pain"));

  private final Questionnaires questionnaires;
  private final QuestionnaireDefinition form;

  private CompletedForms(Questionnaires questionnaires, QuestionnaireDefinition form) {
    this.questionnaires = questionnaires;
    this.form = form;
  }

  /** Publishes a form of the test's own and sends it on every booking of the clinic's type. */
  public static CompletedForms forClinic(Questionnaires questionnaires, ClinicFixture clinic) {
    QuestionnaireDefinition form = questionnaires.publish(FORM.formatted(Tags.letters()));
    questionnaires.addRule(form.code(), clinic.consultation.id().value(), "any", null);
    return new CompletedForms(questionnaires, form);
  }

  public QuestionnaireDefinition form() {
    return form;
  }

  /** The form the booking sent, filled in with {@link #ANSWERS}. */
  public QuestionnaireAnswers answer(Appointment booked) {
    List<QuestionnaireRequest> sent = questionnaires.requests(null, booked.id().value(), 10);
    assertThat(sent).as("the form sent on booking").hasSize(1);
    String token = questionnaires.token(sent.getFirst().id()).orElseThrow();
    var submitted = questionnaires.submit(token, ANSWERS, "en").orElseThrow();
    assertThat(submitted).isInstanceOf(Questionnaires.Submitted.Answered.class);
    return ((Questionnaires.Submitted.Answered) submitted).answers();
  }
}
