package org.accueil.satisfaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.assistant.AssistantTest;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.twilio.TwilioRecorder;
import org.accueil.channels.twilio.TwilioWebhookClient;
import org.accueil.channels.whatsapp.MetaRecorder;
import org.accueil.channels.whatsapp.MetaWebhooks;
import org.accueil.channels.whatsapp.WebhookSignature;
import org.accueil.channels.whatsapp.WhatsAppTest;
import org.accueil.conversations.Conversations;
import org.accueil.notifications.Notifications;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.patients.Patients;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Source;
import org.accueil.testing.Api;
import org.accueil.testing.Browser;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.SmsPatients;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rating question after a visit and after a resolved conversation, with a clock the test moves:
 * asked two hours after the visit on the patient's channel, answered by a list row or a bare number
 * for the visit the question was about, a comment after it, a low score handed to staff, the
 * e-mail's page, and the reports.
 */
@AssistantTest
class SatisfactionTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired PracticeAdministration admin;
  @Autowired Patients patients;
  @Autowired Appointments appointments;
  @Autowired Notifications notifications;
  @Autowired Satisfaction satisfaction;
  @Autowired Conversations conversations;
  @Autowired ChannelOutbox outbox;
  @Autowired ChannelInbox inbox;
  @Autowired TwilioRecorder twilioApi;
  @Autowired TwilioWebhookClient twilio;
  @Autowired MetaRecorder meta;
  @Autowired org.accueil.practice.PracticeDirectory practice;

  ClinicFixture clinic;

  @BeforeEach
  void aClinic() {
    // Monday 5 April 2027, 07:00.
    clock.setParis(LocalDateTime.of(2027, 4, 5, 7, 0));
    clinic = ClinicFixture.create(admin);
  }

  @AfterEach
  void drainTheQueue() {
    later(clock.instant().atZone(PARIS).toLocalDateTime());
  }

  @Test
  void aVisitIsRatedBySmsTwoHoursAfterItThenTheCommentIsKeptSealed() {
    Patient lea = patient("fr", Channel.SMS);
    Appointment visit = book(lea, paris(2027, 4, 5, 10, 0));
    later(LocalDateTime.of(2027, 4, 5, 10, 40));
    appointments.changeStatus(visit.id(), AppointmentStatus.FULFILLED);
    UUID request = requestOf(visit);

    later(LocalDateTime.of(2027, 4, 5, 12, 39));
    notifications.sendDue();
    assertThat(bodies(lea)).noneMatch(b -> b.contains("chiffre"));
    later(LocalDateTime.of(2027, 4, 5, 12, 40));
    notifications.sendDue();
    assertThat(smsContaining(lea, "Répondez par un chiffre de 1 (mauvais) à 5 (excellent)"))
        .startsWith(clinicName());

    text(lea, "5");
    assertThat(smsContaining(lea, "Merci pour votre note")).contains("ajouter");
    RatingRequest rated = satisfaction.find(request).orElseThrow();
    assertThat(rated.score()).isEqualTo(5);
    assertThat(rated.answeredChannel()).isEqualTo("sms");
    assertThat(rated.askedChannel()).isEqualTo("sms");

    text(lea, "Accueil très agréable et médecin attentif");
    assertThat(smsContaining(lea, "transmis votre commentaire")).isNotBlank();
    assertThat(satisfaction.commentOf(request))
        .contains("Accueil très agréable et médecin attentif");
    byte[] stored =
        jdbc.sql("SELECT comment FROM satisfaction_request WHERE id = :id")
            .param("id", request)
            .query(byte[].class)
            .single();
    assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("agréable");
    assertThat(events(lea)).contains("satisfaction.rated", "satisfaction.commented");

    // The question answered: asking again would be of no use.
    assertThat(satisfaction.notToAsk(request)).contains("rating answered already");
  }

  @Test
  void onWhatsAppAListRowOrABareNumberRatesTheVisitTheQuestionWasAbout() {
    Patient wa = patient("fr", Channel.WHATSAPP);
    String digits = wa.phone().substring(1);
    Appointment morning = book(wa, paris(2027, 4, 5, 10, 0));
    Appointment afternoon = book(wa, paris(2027, 4, 5, 14, 0));
    later(LocalDateTime.of(2027, 4, 5, 8, 30));
    whatsapp(digits, "\"type\":\"text\",\"text\":{\"body\":\"Bonjour\"}"); // the window opens

    later(LocalDateTime.of(2027, 4, 5, 10, 40));
    appointments.changeStatus(morning.id(), AppointmentStatus.FULFILLED);
    UUID first = requestOf(morning);
    later(LocalDateTime.of(2027, 4, 5, 12, 40));
    notifications.sendDue();
    String list = awaitMeta(digits, "rate:" + first + ":4");
    assertThat(list).contains("\"type\":\"list\"").contains("Donner une note");

    whatsapp(digits, "\"type\":\"text\",\"text\":{\"body\":\"4\"}");
    assertThat(satisfaction.find(first).orElseThrow().score()).isEqualTo(4);

    later(LocalDateTime.of(2027, 4, 5, 14, 40));
    appointments.changeStatus(afternoon.id(), AppointmentStatus.FULFILLED);
    UUID second = requestOf(afternoon);
    later(LocalDateTime.of(2027, 4, 5, 16, 40));
    notifications.sendDue();
    awaitMeta(digits, "rate:" + second + ":5");
    whatsapp(digits, listReply("rate:" + second + ":5", "5 - Excellent"));
    assertThat(satisfaction.find(second).orElseThrow().score()).isEqualTo(5);
    assertThat(satisfaction.find(second).orElseThrow().answeredChannel()).isEqualTo("whatsapp");

    // Answering again, or another patient's request, changes nothing.
    whatsapp(digits, listReply("rate:" + first + ":1", "1 - Mauvais"));
    assertThat(satisfaction.find(first).orElseThrow().score()).isEqualTo(4);
    Patient other = patient("fr", Channel.SMS);
    assertThat(satisfaction.rate(second, other.id(), 1, "sms", null))
        .isInstanceOf(Rating.NotRecorded.class);
    assertThat(satisfaction.find(second).orElseThrow().score()).isEqualTo(5);
    assertThat(conversations.ofPatient(wa.id()).orElseThrow().state().name())
        .isNotEqualTo("WAITING_FOR_STAFF");
  }

  @Test
  void aLowScoreHandsTheConversationToStaffWithANoteAndTheNextWordsAreItsComment() {
    Patient max = patient("fr", Channel.SMS);
    Appointment visit = book(max, paris(2027, 4, 5, 10, 0));
    later(LocalDateTime.of(2027, 4, 5, 10, 40));
    appointments.changeStatus(visit.id(), AppointmentStatus.FULFILLED);
    UUID request = requestOf(visit);
    later(LocalDateTime.of(2027, 4, 5, 12, 40));
    notifications.sendDue();
    smsContaining(max, "chiffre de 1");

    text(max, "2");
    assertThat(smsContaining(max, "va vous rappeler")).isNotBlank();
    var conversation = conversations.ofPatient(max.id()).orElseThrow();
    assertThat(conversation.state().name()).isEqualTo("WAITING_FOR_STAFF");
    String note =
        jdbc.sql("SELECT id FROM conversation_entry WHERE conversation_id = :c AND kind = 'note'")
            .param("c", conversation.id())
            .query(UUID.class)
            .single()
            .toString();
    assertThat(conversations.entry(UUID.fromString(note)).orElseThrow().text())
        // In the practice's first language: the note is written once, for the whole team.
        .startsWith("Satisfaction")
        .contains("2/5", "2027-04-05", "Dr Camille");
    assertThat(events(max)).contains("satisfaction.rated", "conversation.handed-over");

    int sent = bodies(max).size();
    text(max, "Une heure de retard sans explication");
    assertThat(satisfaction.commentOf(request)).contains("Une heure de retard sans explication");
    outbox.sendPending();
    assertThat(bodies(max)).as("staff answer now, not the assistant").hasSize(sent);
  }

  @Test
  void theEmailsPageRecordsARatingAndAForgedOrExpiredLinkRevealsNothing() {
    Patient eva = patient("en", Channel.SMS);
    Appointment visit = book(eva, paris(2027, 4, 5, 10, 0));
    later(LocalDateTime.of(2027, 4, 5, 10, 40));
    appointments.changeStatus(visit.id(), AppointmentStatus.FULFILLED);
    UUID request = requestOf(visit);
    String token = satisfaction.issueLink(request); // as the e-mail's composer does

    Browser browser = new Browser(api.baseUrl()).header("Accept-Language", "en");
    Browser.Page page = browser.open("/r/" + token);
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains("How satisfied are you with us?", "5 – Excellent", "Anything to add?")
        .doesNotContain("<script", "style=");
    Browser.Page sent =
        browser.follow(
            browser.submit("/r/" + token, Map.of("score", "4", "comment", "Very kind staff")));
    assertThat(sent.body()).contains("Thank you for your rating!");
    RatingRequest rated = satisfaction.find(request).orElseThrow();
    assertThat(rated.score()).isEqualTo(4);
    assertThat(rated.answeredChannel()).isEqualTo("web");
    assertThat(satisfaction.commentOf(request)).contains("Very kind staff");

    // Again: the first answer stands.
    browser.get("/r/" + token);
    assertThat(browser.last().body()).contains("We already have your rating");

    assertThat(new Browser(api.baseUrl()).get("/r/rt_forged").status()).isEqualTo(404);
    assertThat(new Browser(api.baseUrl()).get("/r/" + token + "x").status()).isEqualTo(404);
    clock.set(clock.instant().plus(java.time.Duration.ofDays(15)));
    Browser.Page expired = new Browser(api.baseUrl()).get("/r/" + token);
    assertThat(expired.status()).isEqualTo(404);
    assertThat(expired.body()).doesNotContain(eva.familyName()).doesNotContain(clinicName());
  }

  @Test
  void aResolvedConversationIsAskedAboutOnceNotAgainWithinTheMonthNorBesideAVisitThatDay() {
    Patient zoe = patient("fr", Channel.SMS);
    later(LocalDateTime.of(2027, 4, 5, 9, 0));
    text(zoe, "Bonjour, pouvez-vous m'envoyer une ordonnance ?");
    UUID conversation = conversations.ofPatient(zoe.id()).orElseThrow().id();
    assertThat(api.post("/api/v1/conversations/" + conversation + "/resolve", Map.of()).status())
        .isEqualTo(200);
    List<Map<String, Object>> asked = requestsOf(zoe);
    assertThat(asked)
        .singleElement()
        .satisfies(r -> assertThat(r.get("occasion")).isEqualTo("conversation"));
    later(LocalDateTime.of(2027, 4, 5, 11, 0));
    notifications.sendDue();
    assertThat(smsContaining(zoe, "chiffre de 1")).isNotBlank();

    // Another request resolved a week later: not asked again within 30 days.
    later(LocalDateTime.of(2027, 4, 12, 9, 0));
    text(zoe, "Bonjour, j'ai une question sur mon certificat");
    api.post("/api/v1/conversations/" + conversation + "/resolve", Map.of());
    assertThat(requestsOf(zoe)).hasSize(1);

    // A patient whose visit that day is asked about is not asked about the conversation too.
    Patient tom = patient("fr", Channel.SMS);
    Appointment visit = book(tom, paris(2027, 4, 12, 11, 0));
    later(LocalDateTime.of(2027, 4, 12, 11, 40));
    appointments.changeStatus(visit.id(), AppointmentStatus.FULFILLED);
    text(tom, "Bonjour, il me faut un certificat");
    UUID toms = conversations.ofPatient(tom.id()).orElseThrow().id();
    api.post("/api/v1/conversations/" + toms + "/resolve", Map.of());
    assertThat(requestsOf(tom))
        .singleElement()
        .satisfies(r -> assertThat(r.get("occasion")).isEqualTo("visit"));
  }

  @Test
  void anUrgentConversationResolvedIsNotFollowedByARatingQuestion() {
    Patient ines = patient("fr", Channel.SMS);
    later(LocalDateTime.of(2027, 4, 5, 9, 0));
    text(ines, "Bonjour, une question sur mon ordonnance");
    UUID conversation = conversations.ofPatient(ines.id()).orElseThrow().id();
    assertThat(
            api.post(
                    "/api/v1/conversations/" + conversation + "/priority",
                    Map.of("priority", "urgent"))
                .status())
        .isLessThan(300);

    assertThat(api.post("/api/v1/conversations/" + conversation + "/resolve", Map.of()).status())
        .isEqualTo(200);

    assertThat(requestsOf(ines)).isEmpty();
  }

  @Test
  void reportsCountAskedAnsweredAverageAndLowScoresByProviderAndChannel() {
    clock.setParis(LocalDateTime.of(2028, 6, 14, 7, 0));
    Patient a = patient("fr", Channel.SMS);
    Patient b = patient("fr", Channel.SMS);
    Patient c = patient("fr", Channel.SMS);
    Appointment va = book(a, paris(2028, 6, 14, 9, 0));
    Appointment vb = book(b, paris(2028, 6, 14, 10, 0));
    Appointment vc = book(c, paris(2028, 6, 14, 11, 0));
    later(LocalDateTime.of(2028, 6, 14, 11, 40));
    for (Appointment v : List.of(va, vb, vc)) {
      appointments.changeStatus(v.id(), AppointmentStatus.FULFILLED);
    }
    later(LocalDateTime.of(2028, 6, 14, 13, 40));
    notifications.sendDue();
    for (Patient p : List.of(a, b, c)) {
      smsContaining(p, "chiffre de 1");
    }
    text(a, "5/5");
    smsContaining(a, "Merci pour votre note");
    text(b, "1");
    smsContaining(b, "va vous rappeler");

    var byProvider =
        api.get("/api/v1/reports/satisfaction?from=2028-06-01&to=2028-06-30&by=provider");
    assertThat(byProvider.status()).as(byProvider.toString()).isEqualTo(200);
    var row = byProvider.body().path("rows").get(0);
    assertThat(row.path("key").asString()).isEqualTo(clinic.provider.id().value().toString());
    assertThat(row.path("label").asString()).isEqualTo(clinic.provider.displayName());
    assertThat(row.path("asked").asLong()).isEqualTo(3);
    assertThat(row.path("answered").asLong()).isEqualTo(2);
    assertThat(row.path("responseRate").asDouble()).isCloseTo(2.0 / 3, within());
    assertThat(row.path("average").asDouble()).isEqualTo(3.0);
    assertThat(row.path("distribution").toString()).isEqualTo("[1,0,0,0,1]");
    assertThat(row.path("low").asLong()).isEqualTo(1);
    assertThat(row.path("lowShare").asDouble()).isEqualTo(0.5);

    var byChannel =
        api.get("/api/v1/reports/satisfaction?from=2028-06-14&to=2028-06-14&by=channel");
    assertThat(byChannel.body().path("rows").size()).isEqualTo(1);
    assertThat(byChannel.body().path("rows").get(0).path("key").asString()).isEqualTo("sms");
    assertThat(byChannel.body().path("rows").get(0).path("asked").asLong()).isEqualTo(3);

    var wrong = api.get("/api/v1/reports/satisfaction?from=2028-06-14&to=2028-06-14&by=patient");
    assertThat(wrong.status()).isEqualTo(400);
    var backwards = api.get("/api/v1/reports/satisfaction?from=2028-06-14&to=2028-06-01");
    assertThat(backwards.status()).isEqualTo(400);
  }

  // ------------------------------------------------------------------------------ helpers

  static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  String clinicName() {
    return practice.snapshot().profile().name();
  }

  UUID requestOf(Appointment a) {
    return jdbc.sql("SELECT id FROM satisfaction_request WHERE appointment_id = :a")
        .param("a", a.id().value())
        .query(UUID.class)
        .single();
  }

  List<Map<String, Object>> requestsOf(Patient p) {
    return jdbc.sql(
            "SELECT occasion, status FROM satisfaction_request WHERE patient_id = :p"
                + " AND status <> 'withdrawn'")
        .param("p", p.id().value())
        .query()
        .listOfRows();
  }

  List<String> events(Patient p) {
    return jdbc.sql(
            """
            SELECT e.event FROM conversation_entry e JOIN conversation c ON c.id = e.conversation_id
             WHERE c.patient_id = :p AND e.event IS NOT NULL ORDER BY e.seq
            """)
        .param("p", p.id().value())
        .query(String.class)
        .list();
  }

  Patient patient(String language, Channel preferred) {
    return SmsPatients.register(patients, language, preferred);
  }

  Appointment book(Patient patient, Instant start) {
    return SmsPatients.book(appointments, clinic, patient, start, null, Source.STAFF);
  }

  static Instant paris(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(PARIS).toInstant();
  }

  static Instant instant(Object value) {
    return value instanceof OffsetDateTime t
        ? t.toInstant()
        : ((java.sql.Timestamp) value).toInstant();
  }

  /** Moves the clock on once every queued text went out (see SmsPatients). */
  void later(LocalDateTime paris) {
    SmsPatients.sendQueuedThenMoveTo(outbox, jdbc, clock, paris);
  }

  List<String> bodies(Patient p) {
    return SmsPatients.bodies(twilioApi, p);
  }

  String smsContaining(Patient p, String words) {
    return SmsPatients.containing(inbox, outbox, twilioApi, p, words);
  }

  void text(Patient p, String body) {
    SmsPatients.text(twilio, inbox, p, body);
    handleInbound(); // and whatever the first pass left
  }

  static String listReply(String id, String title) {
    return "\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\",\"list_reply\":"
        + "{\"id\":\""
        + id
        + "\",\"title\":\""
        + title
        + "\"}}";
  }

  /** A WhatsApp message from {@code digits}, through Meta's signed webhook, handled. */
  void whatsapp(String digits, String content) {
    byte[] body =
        MetaWebhooks.message(
                WhatsAppTest.PHONE_NUMBER_ID,
                "Patient",
                digits,
                clock.instant().getEpochSecond(),
                content)
            .getBytes(StandardCharsets.UTF_8);
    var delivered =
        api.anonymous()
            .with(WebhookSignature.HEADER, WebhookSignature.of(WhatsAppTest.APP_SECRET, body))
            .post("/channels/whatsapp/webhook", "application/json", body);
    assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
    handleInbound();
    outbox.sendPending();
  }

  void handleInbound() {
    for (int i = 0; i < 200; i++) {
      inbox.handlePending();
      Integer pending =
          jdbc.sql("SELECT count(*) FROM channel_inbound WHERE handled_at IS NULL")
              .query(Integer.class)
              .single();
      if (pending == 0) {
        return;
      }
      sleep();
    }
  }

  String awaitMeta(String digits, String words) {
    for (int i = 0; i < 1500; i++) {
      outbox.sendPending();
      var found =
          meta.requestsTo(digits).stream()
              .map(MetaRecorder.Request::body)
              .filter(b -> b.contains(words))
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      sleep();
    }
    throw new AssertionError("Nothing to " + digits + " with " + words);
  }

  static void sleep() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
