package org.accueil.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.conversations.Conversations;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.questionnaires.QuestionnaireAnswers;
import org.accueil.questionnaires.QuestionnaireRequest;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Browser;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Forms on the staff's screens: sent from a conversation (with its CSRF token, or refused without
 * writing), the answers on the patient's page as text however hostile, what to check in the review
 * queue until staff mark it checked.
 */
@AccueilTest
class FormsOnStaffScreensTests {

  static final String HOSTILE = "<script>alert(1)</script>";
  static final String HOSTILE_ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;";

  @Autowired Api api;
  @Autowired Patients patients;
  @Autowired Conversations conversations;
  @Autowired Questionnaires questionnaires;

  String code;
  Patient patient;
  UUID conversation;
  Browser desk;

  @BeforeEach
  void aFormAPatientAndTheFrontDesk() {
    code = "staff-form-" + Tags.letters().toLowerCase(java.util.Locale.ROOT);
    String form =
        """
        {"resourceType":"Questionnaire","name":"%s","title":"Staff screens form %s","language":"en",
         "status":"active","item":[
          {"linkId":"phone","type":"string","text":"Mobile phone",
           "code":[{"system":"https://accueil.health/fhir/CodeSystem/patient-record","code":"phone"}]},
          {"linkId":"allergies","type":"text","text":"Allergies",
           "code":[{"system":"https://accueil.health/fhir/CodeSystem/patient-record","code":"allergies"}]},
          {"linkId":"ok","type":"boolean","text":"Happy to be called?"}]}
        """
            .formatted(code, code);
    var published =
        api.post(
            "/api/v1/questionnaires", "application/json", form.getBytes(StandardCharsets.UTF_8));
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    patient =
        patients.register(
            new PatientDetails(
                "Inès",
                "Staffscreens" + Tags.letters(),
                LocalDate.of(1990, 1, 2),
                "+3367" + (1000000 + (int) (Math.random() * 8999999)),
                null,
                null,
                null,
                null,
                "en",
                Channel.SMS,
                null));
    conversation = conversations.ofPatientOrNew(patient.id()).id();
    desk = Browser.signedIn(api, "FRONT_DESK").header("Accept-Language", "en");
  }

  @Test
  void theFrontDeskSendsAFormFromTheConversationAndNotWithoutItsToken() {
    var page = desk.get("/app/inbox/" + conversation);
    assertThat(page.body()).contains("Send a form").contains("Staff screens form " + code);

    var forged =
        desk.post("/app/inbox/" + conversation + "/questionnaire", Map.of("questionnaire", code));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(questionnaires.requests(patient.id(), null, 10)).isEmpty();

    desk.get("/app/inbox/" + conversation);
    var sent =
        desk.submit("/app/inbox/" + conversation + "/questionnaire", Map.of("questionnaire", code));
    assertThat(sent.status()).as(sent.toString()).isEqualTo(302);
    assertThat(desk.follow(sent).body()).contains("Form sent");
    List<QuestionnaireRequest> requests = questionnaires.requests(patient.id(), null, 10);
    assertThat(requests)
        .singleElement()
        .satisfies(r -> assertThat(r.questionnaireCode()).isEqualTo(code));
  }

  @Test
  void answersShowOnThePatientsPageAsTextAndWhatToCheckStaysInTheQueueUntilChecked() {
    QuestionnaireRequest request = questionnaires.sendFromConversation(conversation, code);
    String token = questionnaires.token(request.id()).orElseThrow();
    var answered =
        questionnaires.submit(
            token,
            Map.of(
                "phone", List.of("+33 6 00 00 00 01"),
                "allergies", List.of(HOSTILE),
                "ok", List.of("true")),
            null);
    QuestionnaireAnswers answers =
        ((Questionnaires.Submitted.Answered) answered.orElseThrow()).answers();
    assertThat(answers.flags()).hasSize(2);

    var page = desk.get("/app/patients/" + patient.id().value());
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("Forms filled in", "To check before the visit", "Mobile phone", "Yes")
        .contains(HOSTILE_ESCAPED)
        .doesNotContain(HOSTILE);
    var queue = desk.get("/app/review");
    assertThat(queue.body())
        .contains("Answers to check")
        .contains("/app/patients/" + patient.id().value() + "#forms");

    desk.get("/app/patients/" + patient.id().value());
    var checked =
        desk.submit(
            "/app/patients/" + patient.id().value() + "/forms/" + answers.id() + "/review",
            Map.of());
    assertThat(checked.status()).as(checked.toString()).isEqualTo(302);
    assertThat(questionnaires.responses(patient.id(), null, true, 10)).isEmpty();
    assertThat(desk.get("/app/review").body())
        .doesNotContain("/app/patients/" + patient.id().value() + "#forms");
    assertThat(desk.get("/app/patients/" + patient.id().value()).body())
        .doesNotContain("To check before the visit")
        .contains("Staff screens form " + code);
  }
}
