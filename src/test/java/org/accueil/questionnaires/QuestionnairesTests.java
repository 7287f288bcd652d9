package org.accueil.questionnaires;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accueil.assistant.AssistantTest;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.twilio.TwilioRecorder;
import org.accueil.conversations.Conversations;
import org.accueil.notifications.Notifications;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.patients.Patients;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Commands.RescheduleAppointment;
import org.accueil.scheduling.Source;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.SmsPatients;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Forms from publication to answers: a form published and versioned through the API, sent by a rule
 * when a visit is booked (new patients only, or a type), its link reaching the patient, its
 * reminder moving with the visit and skipped once answered, the answers checked (required items,
 * formats, enableWhen), stored as a QuestionnaireResponse on the timeline and the visit, what the
 * patient says about themself flagged for staff, never applied.
 */
@AssistantTest
class QuestionnairesTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Pattern LINK = Pattern.compile("https://accueil\\.test/q/(qf_[A-Za-z0-9_.-]+)");

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired PracticeAdministration admin;
  @Autowired Patients patients;
  @Autowired Appointments appointments;
  @Autowired Notifications notifications;
  @Autowired Questionnaires questionnaires;
  @Autowired Conversations conversations;
  @Autowired ChannelOutbox outbox;
  @Autowired org.accueil.channels.ChannelInbox inbox;
  @Autowired TwilioRecorder twilio;

  ClinicFixture clinic;
  String code;

  @BeforeEach
  void aClinicAndItsForm() {
    // Monday 7 June 2027, 09:00: no quiet hours in the way.
    clock.setParis(LocalDateTime.of(2027, 6, 7, 9, 0));
    clinic = ClinicFixture.create(admin);
    code = "intake-" + Tags.letters().toLowerCase(java.util.Locale.ROOT);
  }

  @AfterEach
  void sendWhatIsQueued() {
    for (int i = 0; i < 50 && outbox.sendPending() > 0; i++) {
      // drain: the next test moves the clock
    }
  }

  // ------------------------------------------------------------------------ publishing

  @Test
  void aFormIsPublishedVersionedAndRetiredThroughTheApi() {
    var first = postJson(api, "/api/v1/questionnaires", form(code, "Intake"));
    var second = postJson(api, "/api/v1/questionnaires", form(code, "Intake, shorter"));

    assertThat(first.status()).as(first.toString()).isEqualTo(201);
    assertThat(first.string("code")).isEqualTo(code);
    assertThat(first.body().get("version").asInt()).isEqualTo(1);
    assertThat(first.string("url")).isEqualTo("https://accueil.health/fhir/Questionnaire/" + code);
    assertThat(first.body().get("languages").toString()).contains("en", "fr", "it");
    assertThat(first.body().at("/resource/resourceType").asString()).isEqualTo("Questionnaire");
    assertThat(second.body().get("version").asInt()).isEqualTo(2);
    assertThat(second.string("url")).isEqualTo(first.string("url"));
    var versions = api.get("/api/v1/questionnaires?code=" + code).body();
    assertThat(versions).hasSize(2);
    assertThat(versions.get(0).get("status").asString()).isEqualTo("active");
    assertThat(versions.get(1).get("status").asString()).isEqualTo("retired");
    assertThat(versions.get(1).at("/resource/status").asString()).isEqualTo("retired");

    var retired = api.post("/api/v1/questionnaires/" + second.string("id") + "/retire", Map.of());
    assertThat(retired.string("status")).isEqualTo("retired");
    var rule =
        api.post(
            "/api/v1/questionnaires/rules",
            Map.of("questionnaire", code, "appointmentTypeId", clinic.consultation.id().value()));
    assertThat(rule.status()).isEqualTo(422);
    assertThat(rule.string("type")).isEqualTo("/problems/unknown-questionnaire");
  }

  @Test
  void whatTheFormPageCannotShowIsRefusedNamingTheItem() {
    var attachment =
        postJson(
            api,
            "/api/v1/questionnaires",
            """
            {"resourceType":"Questionnaire","name":"%s","title":"T","status":"active",
             "item":[{"linkId":"scan","text":"Your scan","type":"attachment"}]}
            """
                .formatted(code));
    var twice =
        postJson(
            api,
            "/api/v1/questionnaires",
            """
            {"resourceType":"Questionnaire","name":"%s","title":"T","status":"active",
             "item":[{"linkId":"a","text":"A","type":"string"},
                     {"linkId":"a","text":"B","type":"string"}]}
            """
                .formatted(code));
    var dangling =
        postJson(
            api,
            "/api/v1/questionnaires",
            """
            {"resourceType":"Questionnaire","name":"%s","title":"T","status":"active",
             "item":[{"linkId":"a","text":"A","type":"string",
                      "enableWhen":[{"question":"nope","operator":"exists","answerBoolean":true}]}]}
            """
                .formatted(code));
    var patient = postJson(api, "/api/v1/questionnaires", "{\"resourceType\":\"Patient\"}");
    var french =
        postJson(
            api.with("Accept-Language", "fr"),
            "/api/v1/questionnaires",
            """
                {"resourceType":"Questionnaire","name":"%s","title":"T","status":"active",
                 "item":[{"linkId":"c","text":"C","type":"choice"}]}
                """
                .formatted(code));

    assertThat(attachment.status()).isEqualTo(400);
    assertThat(attachment.string("detail")).contains("scan", "attachment");
    assertThat(attachment.string("linkId")).isEqualTo("scan");
    assertThat(twice.string("detail")).contains("linkId a is used twice");
    assertThat(dangling.string("detail")).contains("a", "nope");
    assertThat(patient.string("detail")).contains("Patient", "not a Questionnaire");
    assertThat(french.string("detail")).contains("Le choix c doit lister ses réponses");
    assertThat(api.get("/api/v1/questionnaires?code=" + code).body()).isEmpty();
  }

  // ------------------------------------------------------------------------------ rules

  @Test
  void bookingANewPatientSendsTheIntakeLinkAtOnceAndAReturningOneDoesNot() {
    publishWithRule("new", Duration.ofDays(2));
    Patient newcomer = patient("en");
    Patient regular = patient("fr");

    Appointment first = book(newcomer, paris(2027, 6, 10, 10, 0), true);
    Appointment second = book(regular, paris(2027, 6, 10, 11, 0), false);
    notifications.sendDue();

    String text = smsContaining(newcomer, "/q/");
    assertThat(text).contains("fill in").contains("Intake").contains("https://accueil.test/q/qf_");
    List<QuestionnaireRequest> sent =
        questionnaires.requests(newcomer.id(), first.id().value(), 10);
    assertThat(sent).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("sent"));
    assertThat(sent.getFirst().expiresAt()).isEqualTo(paris(2027, 6, 11, 10, 30));
    assertThat(questionnaires.requests(regular.id(), second.id().value(), 10)).isEmpty();
    // On the timeline, and the reminder planned two days before the visit.
    var timeline = api.get("/api/v1/patients/" + newcomer.id().value() + "/timeline").body();
    assertThat(timeline.toString()).contains("questionnaire.sent");
    assertThat(dues(first, "questionnaire-reminder")).containsExactly(paris(2027, 6, 8, 10, 0));
  }

  @Test
  void theReminderMovesWithTheVisitIsSkippedOnceAnsweredAndTheFormClosesWithACancellation() {
    publishWithRule("any", Duration.ofDays(2));
    Patient ana = patient("en");
    Appointment a = book(ana, paris(2027, 6, 11, 10, 0), null);
    notifications.sendDue();
    assertThat(dues(a, "questionnaire-reminder")).containsExactly(paris(2027, 6, 9, 10, 0));

    appointments.reschedule(
        new RescheduleAppointment(a.id(), paris(2027, 6, 14, 15, 0), null, null, "test"));
    assertThat(statusesOf(a, "questionnaire-reminder"))
        .containsExactlyInAnyOrder("cancelled", "scheduled");
    assertThat(dues(a, "questionnaire-reminder")).contains(paris(2027, 6, 12, 15, 0));
    assertThat(statusesOf(a, "questionnaire")).containsExactly("sent"); // not sent twice
    QuestionnaireRequest request = questionnaires.requests(ana.id(), a.id().value(), 1).getFirst();
    assertThat(request.expiresAt()).isEqualTo(paris(2027, 6, 15, 15, 30));

    // Answered before the reminder's time: the reminder says nothing.
    answer(request, Map.of("phone", List.of(ana.phone()), "allergic", List.of("false")));
    clock.setParis(LocalDateTime.of(2027, 6, 12, 15, 0));
    notifications.sendDue();
    assertThat(reasonOf(a, "questionnaire-reminder", "skipped")).startsWith("form completed");

    // Another visit's form, closed with its cancellation: its link shows nothing any more.
    Appointment b = book(ana, paris(2027, 6, 16, 9, 0), null);
    QuestionnaireRequest open = questionnaires.requests(ana.id(), b.id().value(), 1).getFirst();
    String token = questionnaires.token(open.id()).orElseThrow();
    appointments.cancel(new CancelAppointment(b.id(), "patient", "test"));
    assertThat(questionnaires.request(open.id()).orElseThrow().status()).isEqualTo("cancelled");
    assertThat(questionnaires.open(token, null)).isEmpty();
    assertThat(questionnaires.token(open.id())).isEmpty();
  }

  // ---------------------------------------------------------------------------- answers

  @Test
  void answersAreCheckedKeptAsTypedAndStoredAsAQuestionnaireResponseWithFlagsForStaff() {
    publishWithRule("any", null);
    Patient tom = patient("fr");
    Appointment a = book(tom, paris(2027, 6, 10, 10, 0), null);
    QuestionnaireRequest request = questionnaires.requests(tom.id(), a.id().value(), 1).getFirst();
    String token = questionnaires.token(request.id()).orElseThrow();

    Form shown = questionnaires.open(token, null).orElseThrow();
    assertThat(shown.language()).isEqualTo("fr");
    assertThat(shown.title()).isEqualTo("Formulaire d'accueil");
    assertThat(shown.enabled()).doesNotContain("allergies"); // until "allergic" is yes

    // Saved half-way, with a malformed number kept as typed.
    Form saved =
        questionnaires
            .save(
                token, Map.of("phone", List.of("06 11 22 33 44"), "visits", List.of("deux")), null)
            .orElseThrow();
    assertThat(saved.errors()).containsEntry("visits", "integer");
    assertThat(questionnaires.open(token, "en").orElseThrow().value("visits")).isEqualTo("deux");
    assertThat(questionnaires.open(token, "en").orElseThrow().title()).isEqualTo("Intake");
    assertThat(questionnaires.request(request.id()).orElseThrow().status())
        .isEqualTo("in-progress");

    // Sent with a required answer missing: refused, nothing typed lost.
    var refused =
        questionnaires.submit(
            token, Map.of("phone", List.of("06 11 22 33 44"), "allergic", List.of("true")), null);
    assertThat(refused).get().isInstanceOf(Questionnaires.Submitted.Refused.class);
    Form again = ((Questionnaires.Submitted.Refused) refused.get()).form();
    assertThat(again.errors()).containsEntry("allergies", "required");
    assertThat(again.value("phone")).isEqualTo("06 11 22 33 44");

    var answered =
        questionnaires.submit(
            token,
            Map.of(
                "phone", List.of("06 11 22 33 44"),
                "allergic", List.of("true"),
                "allergies", List.of("Pénicilline <b>grave</b>"),
                "smoker", List.of("former"),
                "visits", List.of("3"),
                "seen", List.of("2027-01-15"),
                "unknown-item", List.of("dropped")),
            null);

    assertThat(answered).get().isInstanceOf(Questionnaires.Submitted.Answered.class);
    QuestionnaireAnswers stored = ((Questionnaires.Submitted.Answered) answered.get()).answers();
    assertThat(stored.appointmentId()).isEqualTo(a.id().value());
    assertThat(stored.flags())
        .extracting(QuestionnaireAnswers.Flag::field, QuestionnaireAnswers.Flag::kind)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("phone", "differs"),
            org.assertj.core.groups.Tuple.tuple("allergies", "reported"));
    // The record is untouched: staff decide.
    assertThat(patients.find(tom.id()).orElseThrow().phone()).isEqualTo(tom.phone());

    var byVisit = api.get("/api/v1/questionnaire-responses?appointmentId=" + a.id().value()).body();
    assertThat(byVisit).hasSize(1);
    JsonNode resource = byVisit.get(0).get("resource");
    assertThat(resource.get("resourceType").asString()).isEqualTo("QuestionnaireResponse");
    assertThat(resource.get("status").asString()).isEqualTo("completed");
    assertThat(resource.get("questionnaire").asString()).endsWith("/" + code + "|1");
    assertThat(resource.get("subject").get("reference").asString())
        .isEqualTo("Patient/" + tom.id().value());
    assertThat(resource.toString())
        .contains(
            "\"valueCoding\"", "\"former\"", "\"valueInteger\":3", "\"valueDate\":\"2027-01-15\"")
        .contains("Pénicilline <b>grave</b>")
        .doesNotContain("dropped");
    // Stored sealed: the words are not in the table.
    Integer clear =
        jdbc.sql(
                "SELECT count(*) FROM questionnaire_response WHERE position('Pénicilline' in"
                    + " encode(resource_ciphertext, 'escape')) > 0")
            .query(Integer.class)
            .single();
    assertThat(clear).isZero();
    assertThat(api.get("/api/v1/patients/" + tom.id().value() + "/timeline").body().toString())
        .contains("questionnaire.completed");

    var toReview =
        api.get("/api/v1/questionnaire-responses?toReview=true&patientId=" + tom.id().value());
    assertThat(toReview.body()).hasSize(1);
    var reviewed = api.post("/api/v1/questionnaire-responses/" + stored.id() + "/review", Map.of());
    assertThat(reviewed.body().get("toReview").asBoolean()).isFalse();
    assertThat(
            api.get("/api/v1/questionnaire-responses?toReview=true&patientId=" + tom.id().value())
                .body())
        .isEmpty();

    // Sent once: the link now says it was answered, and a second send is refused.
    assertThat(questionnaires.open(token, null).orElseThrow().completed()).isTrue();
    assertThat(questionnaires.submit(token, Map.of(), null)).isEmpty();
  }

  @Test
  void aHiddenItemsAnswerIsDroppedAndAnAnswerNotAmongTheChoicesIsRefused() {
    publishWithRule("any", null);
    Patient eva = patient("it");
    Appointment a = book(eva, paris(2027, 6, 10, 10, 0), null);
    String token =
        questionnaires
            .token(questionnaires.requests(eva.id(), a.id().value(), 1).getFirst().id())
            .orElseThrow();

    var wrong =
        questionnaires.submit(
            token,
            Map.of(
                "phone",
                List.of(eva.phone()),
                "allergic",
                List.of("false"),
                "smoker",
                List.of("sometimes")),
            null);
    assertThat(((Questionnaires.Submitted.Refused) wrong.orElseThrow()).form().errors())
        .containsEntry("smoker", "choice");

    var answered =
        questionnaires.submit(
            token,
            Map.of(
                "phone", List.of(eva.phone()),
                "allergic", List.of("false"),
                "allergies", List.of("should not be kept")),
            null);
    QuestionnaireAnswers stored =
        ((Questionnaires.Submitted.Answered) answered.orElseThrow()).answers();
    assertThat(stored.resource()).doesNotContain("should not be kept");
    assertThat(stored.language()).isEqualTo("it");
    assertThat(stored.flags()).isEmpty(); // the same phone as the record's, no allergy
  }

  @Test
  void aForgedAlteredOrExpiredLinkRevealsNothing() {
    publishWithRule("any", null);
    Patient zoe = patient("en");
    Appointment a = book(zoe, paris(2027, 6, 10, 10, 0), null);
    QuestionnaireRequest request = questionnaires.requests(zoe.id(), a.id().value(), 1).getFirst();
    String token = questionnaires.token(request.id()).orElseThrow();

    String altered =
        token.substring(0, 10) + (token.charAt(10) == 'A' ? 'B' : 'A') + token.substring(11);
    assertThat(questionnaires.open(altered, null)).isEmpty();
    assertThat(questionnaires.open("qf_" + UUID.randomUUID(), null)).isEmpty();
    assertThat(questionnaires.open("pl_whatever.sig", null)).isEmpty();
    assertThat(questionnaires.submit(altered, Map.of("phone", List.of("x")), null)).isEmpty();
    assertThat(questionnaires.open(token, null)).isPresent();

    clock.setParis(LocalDateTime.of(2027, 6, 11, 10, 31)); // a day after the visit's end
    assertThat(questionnaires.open(token, null)).isEmpty();
    assertThat(questionnaires.save(token, Map.of("phone", List.of("x")), null)).isEmpty();
  }

  @Test
  void staffSendAFormByHandFromAConversation() {
    postJson(api, "/api/v1/questionnaires", form(code, "Intake"));
    Patient noa = patient("en");
    UUID conversation = conversations.ofPatientOrNew(noa.id()).id();

    var sent =
        api.post(
            "/api/v1/conversations/" + conversation + "/questionnaires",
            Map.of("questionnaire", code));
    var unknown =
        api.post(
            "/api/v1/conversations/" + conversation + "/questionnaires",
            Map.of("questionnaire", "no-such-form"));
    notifications.sendDue();

    assertThat(sent.status()).as(sent.toString()).isEqualTo(201);
    assertThat(Instant.parse(sent.string("expiresAt")))
        .isEqualTo(
            clock
                .instant()
                .plus(Duration.ofDays(14))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    assertThat(unknown.status()).isEqualTo(422);
    String text = smsContaining(noa, "/q/");
    Matcher link = LINK.matcher(text);
    assertThat(link.find()).isTrue();
    assertThat(questionnaires.open(link.group(1), null).orElseThrow().requestId())
        .isEqualTo(UUID.fromString(sent.string("id")));
  }

  @Test
  void anErasedPatientsAnswersGo() {
    publishWithRule("any", null);
    Patient max = patient("en");
    Appointment a = book(max, paris(2027, 6, 10, 10, 0), null);
    QuestionnaireRequest request = questionnaires.requests(max.id(), a.id().value(), 1).getFirst();
    answer(request, Map.of("phone", List.of(max.phone()), "allergic", List.of("false")));
    assertThat(questionnaires.responses(max.id(), null, false, 10)).hasSize(1);

    var erased =
        api.post(
            "/api/v1/patients/" + max.id().value() + "/erasure",
            Map.of("reason", "asked", "requestedVia", "letter"));

    assertThat(erased.status()).as(erased.toString()).isLessThan(300);
    assertThat(questionnaires.responses(max.id(), null, false, 10)).isEmpty();
  }

  // ------------------------------------------------------------------------------ fixtures

  private static Api.Response postJson(Api client, String path, String json) {
    return client.post(
        path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void answer(QuestionnaireRequest request, Map<String, List<String>> values) {
    String token = questionnaires.token(request.id()).orElseThrow();
    assertThat(questionnaires.submit(token, values, null))
        .get()
        .isInstanceOf(Questionnaires.Submitted.Answered.class);
  }

  private void publishWithRule(String patients, Duration remind) {
    var published = postJson(api, "/api/v1/questionnaires", form(code, "Intake"));
    assertThat(published.status()).as(published.toString()).isEqualTo(201);
    Map<String, Object> rule = new java.util.HashMap<>();
    rule.put("questionnaire", code);
    rule.put("appointmentTypeId", clinic.consultation.id().value().toString());
    rule.put("patients", patients);
    if (remind != null) {
      rule.put("remindBefore", remind.toString());
    }
    var added = api.post("/api/v1/questionnaires/rules", rule);
    assertThat(added.status()).as(added.toString()).isEqualTo(201);
  }

  /** A small intake form in English with French and Italian translations. */
  static String form(String name, String title) {
    return """
        {"resourceType":"Questionnaire","name":"%s","language":"en","status":"active",
         "title":"%s",
         "_title":{"extension":[
           {"url":"http://hl7.org/fhir/StructureDefinition/translation","extension":[
             {"url":"lang","valueCode":"fr"},{"url":"content","valueString":"Formulaire d'accueil"}]},
           {"url":"http://hl7.org/fhir/StructureDefinition/translation","extension":[
             {"url":"lang","valueCode":"it"},{"url":"content","valueString":"Modulo di accoglienza"}]}]},
         "item":[
          {"linkId":"contact","type":"group","text":"Contact","item":[
            {"linkId":"phone","type":"string","text":"Mobile phone","required":true,
             "code":[{"system":"https://accueil.health/fhir/CodeSystem/patient-record","code":"phone"}]}]},
          {"linkId":"allergic","type":"boolean","text":"Any allergies?","required":true},
          {"linkId":"allergies","type":"text","text":"Which ones?","required":true,
           "code":[{"system":"https://accueil.health/fhir/CodeSystem/patient-record","code":"allergies"}],
           "enableWhen":[{"question":"allergic","operator":"=","answerBoolean":true}]},
          {"linkId":"smoker","type":"choice","text":"Do you smoke?","answerOption":[
            {"valueCoding":{"system":"urn:test","code":"never","display":"Never"}},
            {"valueCoding":{"system":"urn:test","code":"former","display":"Not any more"}}]},
          {"linkId":"visits","type":"integer","text":"Visits last year"},
          {"linkId":"seen","type":"date","text":"Last seen"}]}
        """
        .formatted(name, title);
  }

  Patient patient(String language) {
    return SmsPatients.register(patients, language, Channel.SMS);
  }

  Appointment book(Patient patient, Instant start, Boolean newPatient) {
    return SmsPatients.book(appointments, clinic, patient, start, newPatient, Source.STAFF);
  }

  static Instant paris(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(PARIS).toInstant();
  }

  List<Instant> dues(Appointment a, String kind) {
    return jdbc.sql(
            "SELECT due_at FROM notification WHERE appointment_id = :a AND kind = :k"
                + " AND status = 'scheduled' ORDER BY due_at")
        .param("a", a.id().value())
        .param("k", kind)
        .query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
        .list();
  }

  List<String> statusesOf(Appointment a, String kind) {
    return jdbc.sql(
            "SELECT status FROM notification WHERE appointment_id = :a AND kind = :k ORDER BY due_at")
        .param("a", a.id().value())
        .param("k", kind)
        .query(String.class)
        .list();
  }

  String reasonOf(Appointment a, String kind, String status) {
    return jdbc.sql(
            "SELECT reason FROM notification WHERE appointment_id = :a AND kind = :k"
                + " AND status = :s")
        .param("a", a.id().value())
        .param("k", kind)
        .param("s", status)
        .query(String.class)
        .single();
  }

  String smsContaining(Patient p, String words) {
    return SmsPatients.containing(inbox, outbox, twilio, p, words);
  }
}
