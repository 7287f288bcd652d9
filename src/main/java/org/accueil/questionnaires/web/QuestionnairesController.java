package org.accueil.questionnaires.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import org.accueil.platform.ProblemException;
import org.accueil.questionnaires.QuestionnaireDefinition;
import org.accueil.questionnaires.QuestionnaireRule;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.questionnaires.internal.FhirForms;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The practice's forms (FHIR R4 Questionnaires) and the rules that send them on booking. */
@RestController
@RequestMapping("/api/v1/questionnaires")
@Tag(name = "Questionnaires")
class QuestionnairesController {

  /** One version of a form, with the Questionnaire itself. */
  record QuestionnaireView(
      UUID id,
      String code,
      int version,
      String url,
      String title,
      String status,
      List<String> languages,
      Instant createdAt,
      @Nullable Instant retiredAt,
      JsonNode resource) {}

  record RuleRequest(
      @Nullable String questionnaire,
      @Nullable UUID appointmentTypeId,
      @Nullable String patients,
      @Nullable String remindBefore) {}

  private final Questionnaires questionnaires;
  private final JsonMapper json;

  QuestionnairesController(Questionnaires questionnaires, JsonMapper json) {
    this.questionnaires = questionnaires;
    this.json = json;
  }

  @GetMapping
  @Operation(
      summary = "The practice's forms",
      description = "Every version, newest first per code; status=active|retired, code=….")
  List<QuestionnaireView> list(
      @RequestParam(required = false) @Nullable String status,
      @RequestParam(required = false) @Nullable String code) {
    if (status != null && !List.of("active", "retired").contains(status)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-parameter")
          .detail("status is active or retired; not {0}.", status)
          .with("field", "status")
          .build();
    }
    return questionnaires.definitions(status, code).stream().map(this::view).toList();
  }

  @PostMapping(consumes = {"application/json", "application/fhir+json"})
  @Operation(
      summary = "Publish a form",
      description =
          "The body is a FHIR R4 Questionnaire. Its name (else its title) gives the form's code: a"
              + " new code is version 1; a known code gets its next version and the previous one"
              + " is retired. Items: group, display, boolean, decimal, integer, date, string, text,"
              + " choice (answerOption); required; enableWhen. Translations of texts use FHIR's"
              + " translation extension (lang, content).")
  ResponseEntity<QuestionnaireView> publish(@RequestBody String resource) {
    QuestionnaireDefinition d = questionnaires.publish(resource);
    return ResponseEntity.created(URI.create("/api/v1/questionnaires/" + d.id())).body(view(d));
  }

  @GetMapping("/{id}")
  @Operation(summary = "One version of a form")
  QuestionnaireView get(@PathVariable UUID id) {
    return view(questionnaires.definition(id));
  }

  @PostMapping("/{id}/retire")
  @Operation(
      summary = "Retire a version",
      description =
          "No booking or staff member sends it any more; forms already sent can still be"
              + " answered.")
  QuestionnaireView retire(@PathVariable UUID id) {
    return view(questionnaires.retire(id));
  }

  @GetMapping("/rules")
  @Operation(summary = "The rules that send forms on booking")
  List<QuestionnaireRule> rules() {
    return questionnaires.rules();
  }

  @PostMapping("/rules")
  @Operation(
      summary = "Send a form on booking",
      description =
          "questionnaire: the form's code; appointmentTypeId: only for this type (absent: any);"
              + " patients: any, new or returning; remindBefore: an ISO-8601 duration (P2D, PT24H)"
              + " before the visit when it is still unanswered (absent: no reminder).")
  ResponseEntity<QuestionnaireRule> addRule(@RequestBody RuleRequest request) {
    QuestionnaireRule rule =
        questionnaires.addRule(
            request.questionnaire(),
            request.appointmentTypeId(),
            request.patients() == null ? "any" : request.patients(),
            duration(request.remindBefore()));
    return ResponseEntity.created(URI.create("/api/v1/questionnaires/rules/" + rule.id()))
        .body(rule);
  }

  @DeleteMapping("/rules/{id}")
  @Operation(summary = "Stop sending a form on booking")
  ResponseEntity<Void> removeRule(@PathVariable UUID id) {
    questionnaires.removeRule(id);
    return ResponseEntity.noContent().build();
  }

  private static @Nullable Duration duration(@Nullable String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-questionnaire-rule")
          .messageCode("problem.invalid-questionnaire-rule.remind-format")
          .detail("remindBefore is an ISO-8601 duration such as P2D or PT24H, not {0}.", text)
          .with("field", "remindBefore")
          .build();
    }
  }

  private QuestionnaireView view(QuestionnaireDefinition d) {
    return new QuestionnaireView(
        d.id(),
        d.code(),
        d.version(),
        d.url(),
        d.title(),
        d.status(),
        FhirForms.languages(FhirForms.parse(d.resource())),
        d.createdAt(),
        d.retiredAt(),
        json.readTree(d.resource()));
  }
}
