package org.accueil.questionnaires;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.conversations.Conversations;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.questionnaires.internal.AnswerFlags;
import org.accueil.questionnaires.internal.FhirForms;
import org.accueil.questionnaires.internal.FormLinks;
import org.accueil.questionnaires.internal.QuestionnaireStore;
import org.hl7.fhir.r4.model.Questionnaire;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The practice's forms, sent to patients and answered by them. See docs/QUESTIONNAIRES.md.
 *
 * <p>Definitions are versioned by code: publishing a form whose code exists adds a version and
 * retires the one before; a request keeps the version it was sent with, so answers always match the
 * questions the patient saw.
 */
@Service
public class Questionnaires {

  /** The identifier system of the QuestionnaireResponses we write. */
  public static final String RESPONSE_SYSTEM = "https://accueil.health/sid/questionnaire-response";

  /** FHIR's translation extension, on a text ({@code lang}, {@code content}). */
  public static final String TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation";

  /**
   * Item codes of this system name the record's field an answer is about: {@code phone}, {@code
   * email}, {@code address}, {@code given-name}, {@code family-name} (compared with the record),
   * {@code allergies}, {@code medications}, {@code conditions} (reported to staff).
   */
  public static final String RECORD_FIELDS =
      "https://accueil.health/fhir/CodeSystem/patient-record";

  private static final TypeReference<Map<String, List<String>>> ENTERED = new TypeReference<>() {};

  private final QuestionnaireStore store;
  private final FormLinks links;
  private final AnswerFlags flags;
  private final Patients patients;
  private final Conversations conversations;
  private final PracticeDirectory practice;
  private final QuestionnairesProperties properties;
  private final ApplicationEventPublisher events;
  private final Audit audit;
  private final JsonMapper json;
  private final Clock clock;

  Questionnaires(
      QuestionnaireStore store,
      FormLinks links,
      AnswerFlags flags,
      Patients patients,
      Conversations conversations,
      PracticeDirectory practice,
      QuestionnairesProperties properties,
      ApplicationEventPublisher events,
      Audit audit,
      JsonMapper json,
      Clock clock) {
    this.store = store;
    this.links = links;
    this.flags = flags;
    this.patients = patients;
    this.conversations = conversations;
    this.practice = practice;
    this.properties = properties;
    this.events = events;
    this.audit = audit;
    this.json = json;
    this.clock = clock;
  }

  // ------------------------------------------------------------------------ definitions

  /**
   * Publishes a form (a FHIR R4 Questionnaire as JSON): its code is its {@code name}; a new code
   * starts at version 1, a known one gets its next version and the previous version is retired.
   */
  @Transactional
  public QuestionnaireDefinition publish(String resource) {
    Questionnaire q = FhirForms.read(resource);
    String code = codeOf(q);
    Optional<QuestionnaireDefinition> active = store.lockActive(code);
    Instant now = clock.instant();
    active.ifPresent(
        previous ->
            store.retire(
                previous.id(),
                FhirForms.normalised(
                    FhirForms.parse(previous.resource()),
                    previous.url(),
                    previous.version(),
                    "retired"),
                now));
    int version = store.lastVersion(code) + 1;
    String url =
        store.urlOf(code).orElse(q.hasUrl() ? q.getUrl() : properties.canonicalBase() + code);
    UUID id = Ids.newId();
    QuestionnaireDefinition d =
        new QuestionnaireDefinition(
            id,
            code,
            version,
            url,
            q.getTitle(),
            "active",
            FhirForms.normalised(q, url, version, "active"),
            Actor.current().reference(),
            now,
            null);
    store.insert(d);
    audit.success(
        "questionnaire.publish", "questionnaire", id, Map.of("code", code, "version", version));
    return d;
  }

  /** Retires a version: no new request sends it; those already sent can still be answered. */
  @Transactional
  public QuestionnaireDefinition retire(UUID id) {
    QuestionnaireDefinition d = definition(id);
    if (d.active()) {
      store.lockActive(d.code());
      store.retire(
          id,
          FhirForms.normalised(FhirForms.parse(d.resource()), d.url(), d.version(), "retired"),
          clock.instant());
      audit.success("questionnaire.retire", "questionnaire", id, Map.of("code", d.code()));
    }
    return definition(id);
  }

  public QuestionnaireDefinition definition(UUID id) {
    return store.definition(id).orElseThrow(() -> ProblemException.notFound("questionnaire", id));
  }

  public List<QuestionnaireDefinition> definitions(@Nullable String status, @Nullable String code) {
    return store.definitions(status, code);
  }

  private static String codeOf(Questionnaire q) {
    String name = q.hasName() ? q.getName() : q.getTitle();
    String code =
        java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    if (code.isEmpty()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-questionnaire")
          .messageCode("problem.invalid-questionnaire.name")
          .detail("The questionnaire needs a name (or a title) made of letters or digits.")
          .build();
    }
    return code.length() > 63 ? code.substring(0, 63).replaceAll("-+$", "") : code;
  }

  // ------------------------------------------------------------------------------ rules

  /**
   * Sends the form {@code code} on every booking of {@code type} (null: any) for patients of the
   * category {@code patients} ({@code any}, {@code new}, {@code returning}).
   */
  @Transactional
  public QuestionnaireRule addRule(
      @Nullable String form,
      @Nullable UUID type,
      String patients,
      @Nullable Duration remindBefore) {
    String code = named(form);
    activeOrFail(code);
    if (type != null && practice.snapshot().appointmentType(AppointmentTypeId.of(type)).isEmpty()) {
      throw ProblemException.notFound("appointment-type", type);
    }
    if (!List.of("any", "new", "returning").contains(patients)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-questionnaire-rule")
          .messageCode("problem.invalid-questionnaire-rule.patients")
          .detail("patients is any, new or returning (not {0}).", patients)
          .with("field", "patients")
          .build();
    }
    if (remindBefore != null
        && (remindBefore.isNegative()
            || remindBefore.isZero()
            || remindBefore.compareTo(Duration.ofDays(60)) > 0)) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-questionnaire-rule")
          .messageCode("problem.invalid-questionnaire-rule.remind")
          .detail("A reminder goes between a minute and 60 days before the visit.")
          .with("field", "remindBefore")
          .build();
    }
    boolean exists =
        store.rules().stream()
            .anyMatch(
                r ->
                    r.questionnaireCode().equals(code)
                        && java.util.Objects.equals(r.appointmentTypeId(), type)
                        && r.patients().equals(patients));
    if (exists) {
      throw ProblemException.of(HttpStatus.CONFLICT, "questionnaire-rule-exists")
          .detail("This rule exists already.")
          .build();
    }
    QuestionnaireRule rule =
        new QuestionnaireRule(
            Ids.newId(),
            code,
            type,
            patients,
            remindBefore,
            Actor.current().reference(),
            clock.instant());
    store.insert(rule);
    audit.success(
        "questionnaire-rule.create", "questionnaire-rule", rule.id(), Map.of("code", code));
    return rule;
  }

  public List<QuestionnaireRule> rules() {
    return store.rules();
  }

  @Transactional
  public void removeRule(UUID id) {
    if (store.deleteRule(id) == 1) {
      audit.success("questionnaire-rule.delete", "questionnaire-rule", id);
    }
  }

  // --------------------------------------------------------------------------- requests

  /**
   * Sends the active version of {@code code} to the patient of {@code conversation}, by hand: the
   * link works for {@code accueil.questionnaires.link-lifetime}.
   */
  @Transactional
  public QuestionnaireRequest sendFromConversation(UUID conversation, @Nullable String form) {
    String code = named(form);
    var c = conversations.find(conversation);
    if (c.patient() == null) {
      throw ProblemException.of(HttpStatus.CONFLICT, "conversation-without-patient")
          .detail(
              "This conversation is not linked to a patient yet: identify them before sending a"
                  + " form.")
          .build();
    }
    // No visit: nothing it could be a second copy of, so it is always sent.
    return send(
            activeOrFail(code),
            c.patient(),
            null,
            null,
            clock.instant().plus(properties.linkLifetime()),
            null)
        .orElseThrow();
  }

  /** Sends {@code d} for a visit, by {@code rule}; empty when the visit already has it. */
  public Optional<QuestionnaireRequest> sendForVisit(
      QuestionnaireDefinition d,
      PatientId patient,
      UUID appointment,
      UUID rule,
      Instant expires,
      @Nullable Instant remindAt) {
    return send(d, patient, appointment, rule, expires, remindAt);
  }

  private Optional<QuestionnaireRequest> send(
      QuestionnaireDefinition d,
      PatientId patient,
      @Nullable UUID appointment,
      @Nullable UUID rule,
      Instant expires,
      @Nullable Instant remindAt) {
    QuestionnaireRequest request =
        newRequest(d, patient, appointment, expires, remindAt, clock.instant());
    if (!store.insert(request, rule)) {
      return Optional.empty();
    }
    published(request);
    return Optional.of(request);
  }

  private QuestionnaireRequest newRequest(
      QuestionnaireDefinition d,
      PatientId patient,
      @Nullable UUID appointment,
      Instant expires,
      @Nullable Instant remindAt,
      Instant now) {
    PatientId current = patients.current(patient).map(Patient::id).orElse(patient);
    if (patients.isErased(current)) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "patient-erased")
          .messageCode("problem.patient-erased.questionnaire")
          .detail("The patient {0} was erased at their request.", current)
          .build();
    }
    return new QuestionnaireRequest(
        Ids.newId(),
        d.id(),
        d.code(),
        d.title(),
        current,
        appointment,
        "sent",
        Instant.ofEpochSecond(expires.getEpochSecond()),
        remindAt,
        Actor.current().reference(),
        now,
        null);
  }

  private void published(QuestionnaireRequest request) {
    conversations.record(
        request.patient(),
        "questionnaire.sent",
        Map.of(
            "requestId", request.id().toString(),
            "questionnaire", request.questionnaireCode(),
            "title", request.title()));
    audit.success(
        "questionnaire.send",
        "questionnaire-request",
        request.id(),
        Map.of("questionnaire", request.questionnaireCode()));
    events.publishEvent(
        new QuestionnaireRequested(
            request.id(),
            request.patient(),
            request.appointmentId(),
            request.expiresAt(),
            request.remindAt()));
  }

  /** The form's code as a request names it; refused when it names none. */
  private static String named(@Nullable String code) {
    if (code == null || code.isBlank()) {
      throw ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-questionnaire-rule")
          .messageCode("problem.invalid-questionnaire-rule.questionnaire")
          .detail("Name the form to send (questionnaire: its code).")
          .with("field", "questionnaire")
          .build();
    }
    return code.strip();
  }

  private QuestionnaireDefinition activeOrFail(String code) {
    return store.definitions("active", code).stream()
        .findFirst()
        .orElseThrow(
            () ->
                ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-questionnaire")
                    .detail("There is no active questionnaire with the code {0}.", code)
                    .with("field", "questionnaire")
                    .build());
  }

  public Optional<QuestionnaireRequest> request(UUID id) {
    return store.request(id);
  }

  public List<QuestionnaireRequest> requests(
      @Nullable PatientId patient, @Nullable UUID appointment, int limit) {
    return store.requests(patient == null ? null : patient.value(), appointment, limit);
  }

  /** The token of the link to an open request (for the message that carries it). */
  public Optional<String> token(UUID request) {
    return store
        .request(request)
        .filter(r -> r.open(clock.instant()))
        .map(r -> links.token(r.id(), r.expiresAt()));
  }

  /** The title of the form {@code request} sent, in {@code language} when it is written in it. */
  public Optional<String> title(UUID request, String language) {
    return store
        .request(request)
        .flatMap(r -> store.definition(r.questionnaireId()))
        .map(d -> FhirForms.title(FhirForms.parse(d.resource()), language));
  }

  // ------------------------------------------------------------------------------- form

  /** What a link shows: empty when it is forged, expired, or its request closed but answered. */
  @Transactional(readOnly = true)
  public Optional<Form> open(String token, @Nullable String language) {
    return opened(token)
        .map(
            r -> {
              Map<String, List<String>> saved =
                  store.draft(r.id()).map(d -> json.readValue(d, ENTERED)).orElse(Map.of());
              return form(r, language, saved, Map.of(), null);
            });
  }

  /**
   * Saves what was entered so far (the page's "save and finish later", and each step): values whose
   * format is wrong are kept as typed and named in the errors; nothing is required yet.
   */
  @Transactional
  public Optional<Form> save(
      String token, Map<String, List<String>> entered, @Nullable String language) {
    return openForWriting(token)
        .map(
            r -> {
              Questionnaire q =
                  FhirForms.parse(store.definition(r.questionnaireId()).orElseThrow().resource());
              Map<String, List<String>> kept = known(q, entered);
              FhirForms.Checked checked = FhirForms.check(q, kept, false);
              store.saveDraft(r.id(), json.writeValueAsString(kept), clock.instant());
              return form(store.request(r.id()).orElseThrow(), language, kept, checked.errors(), q);
            });
  }

  /** The outcome of sending a form: refused with what to correct, or answered. */
  public sealed interface Submitted {
    record Refused(Form form) implements Submitted {}

    record Answered(Form form, QuestionnaireAnswers answers) implements Submitted {}
  }

  /**
   * Sends the form: every shown required item answered and every answer well formed, else refused
   * with the errors (and what was typed saved). Once answered the answers are the patient's
   * QuestionnaireResponse, on their timeline, on the visit, and on their way to the EHR.
   */
  @Transactional
  public Optional<Submitted> submit(
      String token, Map<String, List<String>> entered, @Nullable String language) {
    Optional<QuestionnaireRequest> found = openForWriting(token);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    QuestionnaireRequest r = store.lockRequest(found.get().id()).orElseThrow();
    if (!r.open(clock.instant())) {
      return Optional.empty();
    }
    QuestionnaireDefinition d = store.definition(r.questionnaireId()).orElseThrow();
    Questionnaire q = FhirForms.parse(d.resource());
    Map<String, List<String>> kept = known(q, entered);
    FhirForms.Checked checked = FhirForms.check(q, kept, true);
    Instant now = clock.instant();
    if (!checked.errors().isEmpty()) {
      store.saveDraft(r.id(), json.writeValueAsString(kept), now);
      return Optional.of(new Submitted.Refused(form(r, language, kept, checked.errors(), q)));
    }
    String lang = languageFor(r.patient(), q, language);
    UUID id = Ids.newId();
    String resource =
        FhirForms.parser()
            .encodeResourceToString(
                FhirForms.response(
                    q,
                    d.canonical(),
                    checked,
                    "Patient/" + r.patient().value(),
                    lang,
                    now,
                    RESPONSE_SYSTEM,
                    id.toString()));
    Patient patient = patients.current(r.patient()).orElseThrow();
    List<QuestionnaireAnswers.Flag> raised = flags.of(q, checked, patient, lang);
    store.insert(id, r, resource, lang, now, raised);
    store.complete(r.id(), now);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("responseId", id.toString());
    event.put("requestId", r.id().toString());
    event.put("questionnaire", d.code());
    event.put("title", d.title());
    event.put("flags", raised.size());
    if (r.appointmentId() != null) {
      event.put("appointmentId", r.appointmentId().toString());
    }
    conversations.record(r.patient(), "questionnaire.completed", event);
    audit.success("questionnaire.answer", "questionnaire-response", id, Map.of("request", r.id()));
    events.publishEvent(new QuestionnaireAnswered(id, r.id(), r.patient(), r.appointmentId()));
    QuestionnaireRequest completed = store.request(r.id()).orElseThrow();
    return Optional.of(
        new Submitted.Answered(
            form(completed, language, kept, Map.of(), q), store.response(id).orElseThrow()));
  }

  private Optional<QuestionnaireRequest> opened(String token) {
    Instant now = clock.instant();
    return links
        .request(token, now)
        .flatMap(store::request)
        .filter(r -> r.open(now) || (r.status().equals("completed") && r.expiresAt().isAfter(now)));
  }

  private Optional<QuestionnaireRequest> openForWriting(String token) {
    return opened(token).filter(r -> r.open(clock.instant()));
  }

  /** Only the form's own questions, at most a few values each: a form post is not storage. */
  private static Map<String, List<String>> known(
      Questionnaire q, Map<String, List<String>> entered) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    var byLink = FhirForms.linkIds(q);
    entered.forEach(
        (link, values) -> {
          if (byLink.contains(link) && values != null) {
            List<String> bounded = new ArrayList<>();
            for (String v : values) {
              if (v != null && bounded.size() < 20) {
                bounded.add(v.length() > 8000 ? v.substring(0, 8000) : v);
              }
            }
            kept.put(link, bounded);
          }
        });
    return kept;
  }

  private Form form(
      QuestionnaireRequest r,
      @Nullable String language,
      Map<String, List<String>> values,
      Map<String, String> errors,
      @Nullable Questionnaire parsed) {
    Questionnaire q =
        parsed != null
            ? parsed
            : FhirForms.parse(store.definition(r.questionnaireId()).orElseThrow().resource());
    String lang = languageFor(r.patient(), q, language);
    FhirForms.Checked checked = FhirForms.check(q, values, false);
    return new Form(
        r.id(),
        FhirForms.title(q, lang),
        q.hasDescription() ? q.getDescription() : null,
        lang,
        r.status(),
        r.expiresAt(),
        FhirForms.fields(q, lang),
        values,
        errors,
        checked.enabled());
  }

  /**
   * Asked for (if the form has it), else the patient's, else the practice's first, else its own.
   */
  private String languageFor(PatientId patient, Questionnaire q, @Nullable String asked) {
    List<String> offered = FhirForms.languages(q);
    List<String> wanted = new ArrayList<>();
    if (asked != null) {
      wanted.add(asked);
    }
    patients
        .current(patient)
        .map(Patient::preferredLanguage)
        .ifPresent(l -> wanted.add(Locale.forLanguageTag(l).getLanguage()));
    wanted.addAll(practice.snapshot().profile().languages());
    for (String w : wanted) {
      if (offered.contains(w)) {
        return w;
      }
    }
    if (offered.isEmpty()) {
      // A form that does not say its language: the one asked for, the patient's, the practice's.
      return wanted.isEmpty() ? "fr" : wanted.getFirst();
    }
    return offered.getFirst();
  }

  // -------------------------------------------------------------------------- responses

  public QuestionnaireAnswers response(UUID id) {
    QuestionnaireAnswers a =
        store
            .response(id)
            .orElseThrow(() -> ProblemException.notFound("questionnaire-response", id));
    patients.visibleToCaller(a.patient());
    return a;
  }

  public List<QuestionnaireAnswers> responses(
      @Nullable PatientId patient, @Nullable UUID appointment, boolean toReview, int limit) {
    List<QuestionnaireAnswers> found =
        store.responses(patient == null ? null : patient.value(), appointment, toReview, limit);
    List<PatientId> visible =
        patients.visibleAmong(found.stream().map(QuestionnaireAnswers::patient).toList());
    return found.stream().filter(a -> visible.contains(a.patient())).toList();
  }

  /** Staff looked at what the patient said about themself (and changed the record if need be). */
  @Transactional
  public QuestionnaireAnswers review(UUID id) {
    QuestionnaireAnswers a = response(id);
    if (store.markReviewed(id, Actor.current().reference(), clock.instant()) == 1) {
      audit.success("questionnaire.review", "questionnaire-response", id);
      conversations.record(
          a.patient(), "questionnaire.reviewed", Map.of("responseId", id.toString()));
    }
    return response(id);
  }

  /** The answers of {@code a} as staff read them, in {@code language} when the form has it. */
  public List<Form.Line> lines(QuestionnaireAnswers a, String language) {
    Questionnaire q =
        FhirForms.parse(store.definition(a.questionnaireId()).orElseThrow().resource());
    String shown = FhirForms.languages(q).contains(language) ? language : a.language();
    return FhirForms.lines(q, a.resource(), shown);
  }

  /** A response and the form it answers, as the EHR gets them. */
  public record ForEhr(QuestionnaireAnswers answers, QuestionnaireDefinition questionnaire) {}

  /** What the EHR gets of a response; empty once it was erased. */
  public Optional<ForEhr> forEhr(UUID response) {
    return store
        .response(response)
        .map(a -> new ForEhr(a, store.definition(a.questionnaireId()).orElseThrow()));
  }
}
