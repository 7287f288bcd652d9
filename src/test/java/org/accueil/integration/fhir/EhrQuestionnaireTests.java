package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.integration.EhrSandbox;
import org.accueil.integration.outbox.Delivery;
import org.accueil.integration.outbox.OutboxMessage;
import org.accueil.questionnaires.QuestionnaireAnswers;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.scheduling.Appointment;
import org.accueil.testing.CompletedForms;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A form a patient completes reaches the EHR as a QuestionnaireResponse about the EHR's own
 * Patient, answering a Questionnaire the EHR holds once per version, and validates against it.
 */
class EhrQuestionnaireTests extends FhirConnectorTestBase {

  @Autowired Questionnaires questionnaires;
  @Autowired FhirEhrDestination destination;

  @Test
  void aCompletedFormReachesTheEhrAboutItsPatientAndValidatesAgainstItsQuestionnaire() {
    CompletedForms forms = CompletedForms.forClinic(questionnaires, clinic);
    Appointment booked = book(dayAt(3, 9, 0), newPatient());
    QuestionnaireAnswers answers = forms.answer(booked);

    String reference = awaitDelivered(answers.id());
    assertThat(reference).startsWith("QuestionnaireResponse/");

    var inEhr =
        inEhr(QuestionnaireResponse.class, Questionnaires.RESPONSE_SYSTEM, answers.id().toString());
    assertThat(inEhr).hasSize(1);
    QuestionnaireResponse response = inEhr.getFirst();
    var patients = inEhr(Patient.class, OUR_PATIENTS, booked.patient().value().toString());
    assertThat(patients).hasSize(1);
    String ehrPatient = "Patient/" + patients.getFirst().getIdElement().getIdPart();
    assertThat(response.getSubject().getReference()).isEqualTo(ehrPatient);
    assertThat(response.getAuthor().getReference()).isEqualTo(ehrPatient);
    assertThat(response.getSource().getReference()).isEqualTo(ehrPatient);
    assertThat(response.getQuestionnaire()).isEqualTo(forms.form().canonical());
    assertThat(response.getStatus())
        .isEqualTo(QuestionnaireResponse.QuestionnaireResponseStatus.COMPLETED);
    assertThat(questionnairesInEhr(forms)).hasSize(1);

    // The EHR itself checks the response against the Questionnaire it holds (found by canonical).
    OperationOutcome valid = validateInEhr(response);
    System.out.println(
        "The EHR's $validate of the delivered response: "
            + valid.getIssue().stream()
                .map(i -> i.getSeverity() + " " + i.getDiagnostics())
                .toList());
    assertThat(problems(valid)).isEmpty();
    FhirValidation.r4().assertValid(response);

    // ... and would say so of one that breaks it: text where the form asks for an integer (age,
    // the third item).
    QuestionnaireResponse broken = response.copy();
    broken.setId((String) null);
    broken.getItem().stream()
        .filter(i -> i.getLinkId().equals("age"))
        .findFirst()
        .orElseThrow()
        .getAnswerFirstRep()
        .setValue(new StringType("thirty-eight"));
    List<String> problems = problems(validateInEhr(broken));
    System.out.println("The EHR's $validate of a broken response: " + problems);
    assertThat(problems)
        .as("the wrong type found against the Questionnaire (so it was resolved)")
        .anySatisfy(p -> assertThat(p).contains(".item[2].answer[0]").contains("integer"));
    assertThat(
            response.getItem().stream()
                .filter(i -> i.getLinkId().equals("age"))
                .findFirst()
                .orElseThrow()
                .getAnswerFirstRep()
                .getValue())
        .isInstanceOf(IntegerType.class);
  }

  @Test
  void deliveredAgainTheResponseAndItsQuestionnaireAreStillThereOnce() throws Exception {
    CompletedForms forms = CompletedForms.forClinic(questionnaires, clinic);
    Appointment first = book(dayAt(4, 9, 0), newPatient());
    QuestionnaireAnswers answers = forms.answer(first);
    String reference = awaitDelivered(answers.id());

    // A replay by an administrator, or a crash between the EHR's answer and our commit.
    OutboxMessage row = row(answers.id());
    OutboxMessage again =
        new OutboxMessage(
            row.id(),
            row.destination(),
            row.key(),
            row.kind(),
            row.payload(),
            row.idempotencyKey(),
            row.attempt() + 1,
            row.createdAt());
    Delivery replayed = destination.deliver(again);
    assertThat(replayed).isInstanceOf(Delivery.Delivered.class);
    assertThat(((Delivery.Delivered) replayed).remoteReference())
        .startsWith(reference.replaceAll("/_history/.*", ""));
    assertThat(destination.deliver(again)).isInstanceOf(Delivery.Delivered.class);

    assertThat(
            inEhr(
                QuestionnaireResponse.class,
                Questionnaires.RESPONSE_SYSTEM,
                answers.id().toString()))
        .hasSize(1);

    // A second patient answering the same version: a second response, still one Questionnaire.
    Appointment second = book(dayAt(4, 11, 0), newPatient());
    QuestionnaireAnswers other = forms.answer(second);
    awaitDelivered(other.id());
    assertThat(questionnairesInEhr(forms)).hasSize(1);
    assertThat(
            inEhr(
                QuestionnaireResponse.class, Questionnaires.RESPONSE_SYSTEM, other.id().toString()))
        .hasSize(1);
  }

  /** The Questionnaires the EHR holds with the form's url and version. */
  private List<Questionnaire> questionnairesInEhr(CompletedForms forms) {
    Bundle found =
        sandbox()
            .search()
            .forResource(Questionnaire.class)
            .where(Questionnaire.URL.matches().value(forms.form().url()))
            .and(Questionnaire.VERSION.exactly().code(Integer.toString(forms.form().version())))
            .returnBundle(Bundle.class)
            .execute();
    return found.getEntry().stream().map(e -> (Questionnaire) e.getResource()).toList();
  }

  private OperationOutcome validateInEhr(QuestionnaireResponse response) {
    try {
      return (OperationOutcome)
          EhrSandbox.shared()
              .client()
              .validate()
              .resource(response)
              .execute()
              .getOperationOutcome();
    } catch (BaseServerResponseException e) {
      assertThat(e.getOperationOutcome()).as(e.getMessage()).isNotNull();
      return (OperationOutcome) e.getOperationOutcome();
    }
  }

  private static List<String> problems(OperationOutcome outcome) {
    return outcome.getIssue().stream()
        .filter(
            i -> i.getSeverity() == IssueSeverity.ERROR || i.getSeverity() == IssueSeverity.FATAL)
        .map(i -> i.getSeverity() + " " + i.getLocation() + " " + i.getDiagnostics())
        .toList();
  }

  private String awaitDelivered(UUID response) {
    return await(
        "response " + response + " delivered to the EHR",
        Duration.ofSeconds(60),
        () ->
            jdbc.sql(
                    "SELECT state, coalesce(remote_reference, '') AS ref, last_error FROM"
                        + " integration_outbox WHERE key = :key")
                .param("key", "questionnaire-response:" + response)
                .query(
                    (rs, n) -> {
                      assertThat(rs.getString("state"))
                          .as(rs.getString("last_error"))
                          .isNotEqualTo("dead");
                      return rs.getString("state").equals("delivered")
                          ? Optional.of(rs.getString("ref"))
                          : Optional.<String>empty();
                    })
                .optional()
                .flatMap(x -> x));
  }

  private OutboxMessage row(UUID response) {
    return jdbc.sql(
            "SELECT id, destination, key, kind, payload::text AS payload, idempotency_key,"
                + " attempts, created_at FROM integration_outbox WHERE key = :key")
        .param("key", "questionnaire-response:" + response)
        .query(
            (rs, n) ->
                new OutboxMessage(
                    rs.getLong("id"),
                    rs.getString("destination"),
                    rs.getString("key"),
                    rs.getString("kind"),
                    rs.getString("payload"),
                    rs.getObject("idempotency_key", UUID.class),
                    rs.getInt("attempts"),
                    rs.getTimestamp("created_at").toInstant()))
        .single();
  }
}
