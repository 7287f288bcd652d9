package org.accueil.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.accueil.channels.CallSummary;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelInbox.Receipt;
import org.accueil.channels.InboundMessage;
import org.accueil.channels.internal.InboundDispatcher;
import org.accueil.patients.Channel;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Deliveries;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** What patients write, on any channel, on their one timeline. */
@AccueilTest
class TimelineTests {

  @Autowired ChannelInbox inbox;
  @Autowired InboundDispatcher dispatcher;
  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  @AfterEach
  void dispatcherRuns() {
    if (!dispatcher.isRunning()) {
      dispatcher.start();
    }
  }

  static String phone() {
    return "+3361" + (1000000 + ThreadLocalRandom.current().nextInt(8999999));
  }

  static String visitor() {
    return "visitor-" + UUID.randomUUID();
  }

  InboundMessage message(Channel channel, String from, String text, Instant at) {
    return InboundMessage.text(channel, channel.code() + "-" + UUID.randomUUID(), from, text, at);
  }

  /** Stores and hands on at once, as the webhook and the dispatcher do. */
  void deliver(InboundMessage message) {
    assertThat(inbox.store(message)).isEqualTo(Receipt.STORED);
    Deliveries.awaitHandled(inbox, jdbc, message);
  }

  String patientOf(Channel channel, String address) {
    return jdbc.sql(
            """
            SELECT c.patient_id FROM conversation c
              JOIN conversation_entry e ON e.conversation_id = c.id
             WHERE e.channel = :channel AND e.provider_key LIKE :prefix
             ORDER BY e.seq DESC LIMIT 1
            """)
        .param("channel", channel.code())
        .param("prefix", channel.code() + "-%")
        .query(String.class)
        .optional()
        .orElseThrow();
  }

  String patientWhoWrote(String text) {
    for (var row :
        jdbc.sql(
                "SELECT c.patient_id, e.id FROM conversation c JOIN conversation_entry e"
                    + " ON e.conversation_id = c.id WHERE e.direction = 'inbound'"
                    + " ORDER BY e.seq DESC LIMIT 200")
            .query((rs, n) -> rs.getString(1))
            .list()) {
      JsonNode timeline = api.get("/api/v1/patients/" + row + "/timeline").body();
      for (JsonNode e : timeline) {
        if (text.equals(e.path("text").asString())) {
          return row;
        }
      }
    }
    throw new AssertionError("Nobody wrote " + text);
  }

  @Test
  void aStrangersMessageLandsOnTheTimelineOfANewProvisionalPatient() {
    String text = "Bonjour, avez-vous de la place jeudi ? " + Tags.letters();
    deliver(message(Channel.WHATSAPP, phone(), text, clock.instant()));

    String patient = patientWhoWrote(text);
    var record = api.get("/api/v1/patients/" + patient);
    assertThat(record.body().path("status").asString()).isEqualTo("provisional");
    JsonNode timeline = api.get("/api/v1/patients/" + patient + "/timeline").body();
    assertThat(timeline).hasSize(1);
    JsonNode entry = timeline.get(0);
    assertThat(entry.path("channel").asString()).isEqualTo("whatsapp");
    assertThat(entry.path("direction").asString()).isEqualTo("inbound");
    assertThat(entry.path("author").asString()).isEqualTo("patient");
    assertThat(entry.path("text").asString()).isEqualTo(text);
    assertThat(entry.path("body").asString()).isEqualTo(text);
    assertThat(entry.path("at").isMissingNode()).isFalse();
  }

  @Test
  void theSameMessageDeliveredThreeTimesIsOnTheTimelineOnce() {
    String text = "Je confirme " + Tags.letters();
    InboundMessage once = message(Channel.SMS, phone(), text, clock.instant());

    assertThat(inbox.store(once)).isEqualTo(Receipt.STORED);
    assertThat(inbox.store(once)).isEqualTo(Receipt.DUPLICATE);
    Deliveries.awaitHandled(inbox, jdbc, once);
    assertThat(inbox.store(once)).isEqualTo(Receipt.DUPLICATE);
    inbox.handlePending();

    String patient = patientWhoWrote(text);
    assertThat(api.get("/api/v1/patients/" + patient + "/timeline").body()).hasSize(1);
    assertThat(
            jdbc.sql("SELECT count(*) FROM channel_inbound WHERE provider_key = :k")
                .param("k", once.providerId())
                .query(Long.class)
                .single())
        .isEqualTo(1);
  }

  @Test
  void aMessageStoredWhenTheProcessDiedIsHandledWhenItStartsAgain() {
    // The node stops handling (as a process killed between storing and handling would).
    dispatcher.stop();
    String text = "Message de la nuit " + Tags.letters();
    InboundMessage message = message(Channel.SMS, phone(), text, clock.instant());
    assertThat(inbox.store(message)).isEqualTo(Receipt.STORED);
    assertThat(
            jdbc.sql("SELECT handled_at IS NULL FROM channel_inbound WHERE provider_key = :k")
                .param("k", message.providerId())
                .query(Boolean.class)
                .single())
        .isTrue();

    sleep(1500);
    assertThat(
            jdbc.sql("SELECT handled_at IS NULL FROM channel_inbound WHERE provider_key = :k")
                .param("k", message.providerId())
                .query(Boolean.class)
                .single())
        .isTrue();

    // Started again: the stored message is found and handled without anyone resending it.
    dispatcher.start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (Instant.now().isBefore(deadline)
        && jdbc.sql("SELECT handled_at IS NULL FROM channel_inbound WHERE provider_key = :k")
            .param("k", message.providerId())
            .query(Boolean.class)
            .single()) {
      sleep(50);
    }
    assertThat(patientWhoWrote(text)).isNotNull();
  }

  @Test
  void anUrgentMessagePutsTheConversationFirstInTheInbox() {
    String text = "J'ai une douleur thoracique depuis ce matin " + Tags.letters();
    deliver(message(Channel.SMS, phone(), text, clock.instant()));
    deliver(
        message(
            Channel.SMS,
            phone(),
            "Question sur une facture " + Tags.letters(),
            clock.instant().plusSeconds(1)));

    String patient = patientWhoWrote(text);
    JsonNode urgent = api.get("/api/v1/conversations?urgent=true&limit=200").body();
    assertThat(urgent.get(0).path("priority").asString()).isEqualTo("urgent");
    List<String> urgentPatients = new ArrayList<>();
    urgent.forEach(c -> urgentPatients.add(c.path("patientId").asString()));
    assertThat(urgentPatients).contains(patient);
    JsonNode all = api.get("/api/v1/conversations?limit=200").body();
    assertThat(all.get(0).path("priority").asString()).isEqualTo("urgent");
  }

  @Autowired org.springframework.context.ConfigurableApplicationContext context;

  @Test
  void eachPatientMessageIsAnnouncedOnceForTheAssistant() {
    List<PatientMessageReceived> heard = new java.util.concurrent.CopyOnWriteArrayList<>();
    context.addApplicationListener(
        (org.springframework.context.ApplicationListener<
                org.springframework.context.PayloadApplicationEvent<PatientMessageReceived>>)
            e -> heard.add(e.getPayload()));
    String text = "Au secours, mon père ne respire plus " + Tags.letters();
    InboundMessage message = message(Channel.WHATSAPP, phone(), text, clock.instant());

    deliver(message);
    inbox.store(message);
    Deliveries.awaitHandled(inbox, jdbc, message);

    String patient = patientWhoWrote(text);
    List<PatientMessageReceived> mine =
        heard.stream()
            .filter(e -> e.patient() != null && e.patient().value().toString().equals(patient))
            .toList();
    assertThat(mine).hasSize(1);
    assertThat(mine.getFirst().channel()).isEqualTo(Channel.WHATSAPP);
    assertThat(mine.getFirst().urgent()).isTrue();
  }

  @Test
  void aCallSummaryIsOnTheCallersTimeline() {
    String number = phone();
    Instant start = clock.instant();
    String text = "Je voudrais un rendez-vous " + Tags.letters();
    deliver(
        InboundMessage.text(Channel.PHONE, "CA" + UUID.randomUUID() + "#1", number, text, start));
    CallSummary summary =
        new CallSummary(
            "CA" + UUID.randomUUID(),
            number,
            start,
            start.plusSeconds(75),
            1,
            "hung-up",
            java.util.Locale.FRENCH);
    assertThat(inbox.store(summary)).isEqualTo(Receipt.STORED);
    Deliveries.awaitHandled(inbox, jdbc, summary);

    JsonNode timeline = api.get("/api/v1/patients/" + patientWhoWrote(text) + "/timeline").body();
    assertThat(timeline).hasSize(2);
    assertThat(timeline.get(1).path("event").asString()).isEqualTo("call.summary");
    assertThat(timeline.get(1).path("channel").asString()).isEqualTo("phone");
    assertThat(timeline.get(1).path("data").path("durationSeconds").asLong()).isEqualTo(75);
  }

  @Test
  void aWebChatVisitorWhatsAppingFromANumberStaffLinkThenCallingHasOneTimelineInOrder() {
    clock.setParis(LocalDateTime.of(2027, 3, 9, 22, 0));
    String token = visitor();
    String number = phone();
    String chat = "Bonsoir, je voudrais consulter pour mon dos " + Tags.letters();
    deliver(message(Channel.WEBCHAT, token, chat, clock.instant()));
    String patient = patientWhoWrote(chat);

    clock.advance(Duration.ofMinutes(20));
    String whatsapp = "C'est encore moi, sur WhatsApp " + Tags.letters();
    deliver(message(Channel.WHATSAPP, number, whatsapp, clock.instant()));
    String other = patientWhoWrote(whatsapp);
    assertThat(other).isNotEqualTo(patient);

    // The receptionist recognises the number and links it to the web chat's patient.
    var linked =
        api.post(
            "/api/v1/patients/" + patient + "/channel-identities",
            Map.of("channel", "whatsapp", "address", number));
    assertThat(linked.status()).as(linked.toString()).isEqualTo(201);

    clock.setParis(LocalDateTime.of(2027, 3, 10, 8, 30));
    String call = "Bonjour, c'est pour le rendez-vous dont j'ai parlé hier " + Tags.letters();
    deliver(message(Channel.PHONE, number, call, clock.instant()));

    assertThat(patientWhoWrote(call)).isEqualTo(patient);
    JsonNode timeline = api.get("/api/v1/patients/" + patient + "/timeline").body();
    List<String> seen = new ArrayList<>();
    timeline.forEach(
        e -> {
          if ("message".equals(e.path("kind").asString())) {
            seen.add(e.path("channel").asString() + ":" + e.path("text").asString());
          }
        });
    assertThat(seen).containsExactly("webchat:" + chat, "whatsapp:" + whatsapp, "phone:" + call);
    // The merged record answers with the same, single timeline.
    assertThat(api.get("/api/v1/patients/" + other + "/timeline").body()).isEqualTo(timeline);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
