package org.accueil.questionnaires.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.questionnaires.QuestionnaireAnswers;
import org.accueil.questionnaires.QuestionnaireRequest;
import org.accueil.questionnaires.Questionnaires;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Forms sent to patients and their answers; a form sent by hand from a conversation. */
@RestController
@Tag(name = "Questionnaires")
class ResponsesController {

  /** A completed form: the answers as a FHIR QuestionnaireResponse, and what staff must check. */
  record ResponseView(
      UUID id,
      UUID requestId,
      UUID questionnaireId,
      String questionnaire,
      int version,
      String title,
      UUID patientId,
      @Nullable UUID appointmentId,
      String language,
      Instant authoredAt,
      List<QuestionnaireAnswers.Flag> flags,
      boolean toReview,
      @Nullable Instant reviewedAt,
      @Nullable String reviewedBy,
      JsonNode resource) {}

  record SendRequest(@Nullable String questionnaire) {}

  private final Questionnaires questionnaires;
  private final Patients patients;
  private final JsonMapper json;

  ResponsesController(Questionnaires questionnaires, Patients patients, JsonMapper json) {
    this.questionnaires = questionnaires;
    this.patients = patients;
    this.json = json;
  }

  @GetMapping("/api/v1/questionnaire-responses")
  @Operation(
      summary = "Completed forms",
      description =
          "Newest first; of one patient (patientId) or one visit (appointmentId); toReview=true:"
              + " only those with answers staff have not looked at yet.")
  List<ResponseView> list(
      @RequestParam(required = false) @Nullable UUID patientId,
      @RequestParam(required = false) @Nullable UUID appointmentId,
      @RequestParam(defaultValue = "false") boolean toReview,
      @RequestParam(defaultValue = "50") int limit) {
    PatientId patient =
        patientId == null ? null : patients.visibleToCaller(PatientId.of(patientId)).id();
    return questionnaires
        .responses(patient, appointmentId, toReview, Math.clamp(limit, 1, 500))
        .stream()
        .map(this::view)
        .toList();
  }

  @GetMapping("/api/v1/questionnaire-responses/{id}")
  @Operation(summary = "One completed form")
  ResponseView get(@PathVariable UUID id) {
    return view(questionnaires.response(id));
  }

  @PostMapping("/api/v1/questionnaire-responses/{id}/review")
  @Operation(
      summary = "Mark what the patient said about themself as looked at",
      description =
          "Nothing in the record changes from a form on its own: staff update the record (or the"
              + " EHR) themselves, then mark the form reviewed.")
  ResponseView review(@PathVariable UUID id) {
    return view(questionnaires.review(id));
  }

  @GetMapping("/api/v1/questionnaire-requests")
  @Operation(
      summary = "Forms sent",
      description = "Newest first; of one patient (patientId) or one visit (appointmentId).")
  List<QuestionnaireRequest> requests(
      @RequestParam(required = false) @Nullable UUID patientId,
      @RequestParam(required = false) @Nullable UUID appointmentId,
      @RequestParam(defaultValue = "50") int limit) {
    PatientId patient =
        patientId == null ? null : patients.visibleToCaller(PatientId.of(patientId)).id();
    List<QuestionnaireRequest> found =
        questionnaires.requests(patient, appointmentId, Math.clamp(limit, 1, 500));
    List<PatientId> visible =
        patients.visibleAmong(found.stream().map(QuestionnaireRequest::patient).toList());
    return found.stream().filter(r -> visible.contains(r.patient())).toList();
  }

  @PostMapping("/api/v1/conversations/{id}/questionnaires")
  @Operation(
      summary = "Send a form from a conversation",
      description =
          "questionnaire: the form's code. The patient gets its link on their channel; it works"
              + " for accueil.questionnaires.link-lifetime (14 days by default).")
  ResponseEntity<QuestionnaireRequest> send(
      @PathVariable UUID id, @RequestBody SendRequest request) {
    QuestionnaireRequest sent = questionnaires.sendFromConversation(id, request.questionnaire());
    return ResponseEntity.created(
            URI.create("/api/v1/questionnaire-requests?patientId=" + sent.patient().value()))
        .body(sent);
  }

  private ResponseView view(QuestionnaireAnswers a) {
    return new ResponseView(
        a.id(),
        a.requestId(),
        a.questionnaireId(),
        a.questionnaireCode(),
        a.questionnaireVersion(),
        a.title(),
        a.patient().value(),
        a.appointmentId(),
        a.language(),
        a.authoredAt(),
        a.flags(),
        a.toReview(),
        a.reviewedAt(),
        a.reviewedBy(),
        json.readTree(a.resource()));
  }
}
