package org.accueil.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.twilio.TwilioRecorder;
import org.accueil.channels.twilio.TwilioTestConfiguration;
import org.accueil.channels.twilio.TwilioWebhookClient;
import org.accueil.channels.whatsapp.MetaRecorder;
import org.accueil.channels.whatsapp.MetaWebhooks;
import org.accueil.channels.whatsapp.WebhookSignature;
import org.accueil.channels.whatsapp.WhatsAppTest;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.StaffSessions;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The journey the product exists for, through each channel's real door: a visitor chats on the
 * practice's site at 22:00, WhatsApps from their phone, the receptionist links that number to the
 * visitor's record in the morning, and the patient calls. One patient, one timeline, in order, with
 * the channel of each entry; the receptionist's reply goes back on a channel the patient uses.
 */
@AccueilTest
@Import({WhatsAppTest.Meta.class, TwilioTestConfiguration.class})
class CrossChannelJourneyTests {

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired StaffSessions sessions;
  @Autowired TwilioWebhookClient twilio;
  @Autowired TwilioRecorder twilioApi;
  @Autowired MetaRecorder meta;
  @Autowired ChannelOutbox outbox;

  @Test
  void webChatThenWhatsAppThenACallAreOnePatientsOneTimelineInOrder() throws Exception {
    String phone = "+3361" + (1000000 + (int) (Math.random() * 8999999));
    String digits = phone.substring(1);
    String tag = Tags.letters();

    // 22:00, the practice's site: a visitor opens the chat and writes.
    clock.setParis(LocalDateTime.of(2027, 3, 9, 22, 0));
    String token =
        api.anonymous().post("/channels/webchat/sessions", Map.of()).string("visitorToken");
    String chat = "Bonsoir, j'ai mal au dos depuis hier, je peux venir demain ? " + tag;
    var chatted =
        api.anonymous()
            .with("X-Visitor-Token", token)
            .post(
                "/channels/webchat/messages",
                Map.of("clientMessageId", UUID.randomUUID().toString(), "text", chat));
    assertThat(chatted.status()).as(chatted.toString()).isEqualTo(202);
    String patient = awaitPatientWho(chat);

    // 22:20, WhatsApp, from a number Accueil has never seen: Meta's webhook, signed.
    clock.setParis(LocalDateTime.of(2027, 3, 9, 22, 20));
    String whatsapp = "C'est moi, celle du chat sur le site " + tag;
    byte[] body =
        MetaWebhooks.message(
                WhatsAppTest.PHONE_NUMBER_ID,
                "Léa",
                digits,
                clock.instant().getEpochSecond(),
                "\"type\":\"text\",\"text\":{\"body\":\"" + whatsapp + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    var delivered =
        api.anonymous()
            .with(WebhookSignature.HEADER, WebhookSignature.of(WhatsAppTest.APP_SECRET, body))
            .post("/channels/whatsapp/webhook", "application/json", body);
    assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
    String stranger = awaitPatientWho(whatsapp);
    assertThat(stranger).as("an unknown number is nobody's yet").isNotEqualTo(patient);

    // 08:15, the receptionist recognises the number and links it to the visitor's record.
    clock.setParis(LocalDateTime.of(2027, 3, 10, 8, 15));
    Api frontDesk = sessions.signIn(List.of("FRONT_DESK"), null);
    var linked =
        frontDesk.post(
            "/api/v1/patients/" + patient + "/channel-identities",
            Map.of("channel", "whatsapp", "address", phone));
    assertThat(linked.status()).as(linked.toString()).isEqualTo(201);

    // 08:30, the same number calls: Twilio's webhooks, signed, turn by turn.
    clock.setParis(LocalDateTime.of(2027, 3, 10, 8, 30));
    Map<String, String> call = TwilioWebhookClient.incomingCall(phone);
    var greeted = twilio.post("/channels/twilio/voice", call);
    assertThat(greeted.status()).as(greeted.body()).isEqualTo(200);
    assertThat(greeted.body()).contains("<Gather").contains("fr-FR");
    String said = "Je vous ai écrit hier soir pour mon dos " + tag;
    Map<String, String> turn = new java.util.LinkedHashMap<>(call);
    turn.put("CallStatus", "in-progress");
    turn.put("SpeechResult", said);
    turn.put("Confidence", "0.91");
    var answered = twilio.post("/channels/twilio/voice/gather", turn);
    assertThat(answered.status()).as(answered.body()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(95));
    Map<String, String> ended = new java.util.LinkedHashMap<>(call);
    ended.put("CallStatus", "completed");
    ended.put("CallDuration", "95");
    assertThat(twilio.post("/channels/twilio/voice/status", ended).status()).isEqualTo(200);

    // One patient, one timeline, in order, each entry with its channel.
    assertThat(awaitPatientWho(said)).isEqualTo(patient);
    JsonNode timeline = awaitTimeline(patient, "call.summary");
    List<String> seen = new ArrayList<>();
    for (JsonNode e : timeline) {
      if (e.path("kind").asString().equals("message")) {
        seen.add(
            e.path("channel").asString()
                + " "
                + e.path("direction").asString()
                + ": "
                + e.path("text").asString());
      } else if (e.path("event").asString().equals("call.summary")) {
        seen.add("phone event: call.summary");
      }
    }
    assertThat(seen)
        .containsExactly(
            "webchat inbound: " + chat,
            "whatsapp inbound: " + whatsapp,
            "phone inbound: " + said,
            "phone event: call.summary");
    // The number's provisional record was merged into the patient's: it answers with the same.
    assertThat(api.get("/api/v1/patients/" + stranger).body().path("status").asString())
        .isEqualTo("merged");
    assertThat(api.get("/api/v1/patients/" + stranger + "/timeline").body()).isEqualTo(timeline);

    // The receptionist answers: the patient last spoke on the phone, so it goes by SMS to it.
    String conversation = timeline.get(0).path("conversationId").asString();
    var reply =
        frontDesk.post(
            "/api/v1/conversations/" + conversation + "/replies",
            Map.of("text", "Bonjour, le Dr Johnson peut vous voir à 11 h aujourd'hui."));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.string("channel")).isEqualTo("sms");
    outbox.sendPending();
    var sms = twilioApi.awaitSentTo(phone, 1);
    assertThat(sms.getFirst().form().get("Body"))
        .isEqualTo("Bonjour, le Dr Johnson peut vous voir à 11 h aujourd'hui.");

    // And on WhatsApp, whose 24-hour window the 22:20 message opened: free text is delivered.
    var onWhatsApp =
        frontDesk.post(
            "/api/v1/conversations/" + conversation + "/replies",
            Map.of("text", "Confirmé pour 11 h.", "channel", "whatsapp"));
    assertThat(onWhatsApp.status()).as(onWhatsApp.toString()).isEqualTo(201);
    outbox.sendPending();
    for (int i = 0; i < 200 && meta.requestsTo(digits).isEmpty(); i++) {
      // The node's own send workers may have claimed the message first.
      Thread.sleep(25);
    }
    assertThat(meta.requestsTo(digits)).hasSize(1);
    assertThat(meta.requestsTo(digits).getFirst().body()).contains("\"type\":\"text\"");
  }

  private String awaitPatientWho(String text) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      var row =
          jdbc.sql(
                  "SELECT c.patient_id::text FROM conversation c JOIN conversation_entry e"
                      + " ON e.conversation_id = c.id WHERE e.direction = 'inbound'"
                      + " ORDER BY e.seq DESC LIMIT 20")
              .query(String.class)
              .list();
      for (String patient : row) {
        if (patient != null
            && api.get("/api/v1/patients/" + patient + "/timeline")
                .body()
                .toString()
                .contains(text)) {
          return patient;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Nobody's timeline holds " + text);
  }

  private JsonNode awaitTimeline(String patient, String event) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      JsonNode timeline = api.get("/api/v1/patients/" + patient + "/timeline").body();
      if (timeline.toString().contains(event)) {
        return timeline;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("No " + event + " on the timeline");
  }
}
