package org.accueil.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.accueil.assistant.knowledge.KnowledgeEntries;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.twilio.TwilioWebhookClient;
import org.accueil.channels.whatsapp.MetaRecorder;
import org.accueil.channels.whatsapp.WhatsAppTemplates;
import org.accueil.demo.DemoKnowledge;
import org.accueil.demo.DemoPractice;
import org.accueil.testing.Api;
import org.accueil.testing.Deliveries;
import org.accueil.testing.Demo;
import org.accueil.testing.StaffSessions;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The journey of issue 6, with the assistant doing the work: a visitor asks on the web chat at
 * 22:00 whether the practice treats eczema and which days Dr Phillips works, gives her name and
 * mobile number when the assistant offers to book, and leaves; the next morning she calls from that
 * mobile, the assistant greets her knowing her request and books Friday 14:00 with Dr Phillips; the
 * confirmation goes out on WhatsApp; she asks there whether to stop her cream, which is for the
 * team; staff see it all in one timeline, on three channels.
 */
@AssistantTest
class AssistantJourneyTests {

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired Demo demo;
  @Autowired ChannelInbox inbox;
  @Autowired ChannelOutbox outbox;
  @Autowired TwilioWebhookClient twilio;
  @Autowired MetaRecorder meta;
  @Autowired StaffSessions sessions;
  @Autowired WhatsAppTemplates templates;
  @Autowired KnowledgeEntries knowledge;

  @Test
  void chatAtNightCallInTheMorningConfirmedOnWhatsApp() throws Exception {
    clock.setParis(LocalDateTime.of(2027, 3, 9, 21, 55));
    DemoPractice practice = demo.practice();
    DemoKnowledge.ensure(knowledge);
    templates.save(
        new WhatsAppTemplates.Template(
            "accueil_appointment_confirmation",
            "fr",
            "appointment-confirmation",
            "Votre rendez-vous est confirmé le {{1}} au {{2}}. Pour le déplacer ou l'annuler,"
                + " répondez à ce message.",
            "utility"));
    String mobile = "+3361" + (1000000 + (int) (Math.random() * 8999999));
    String national =
        "0"
            + mobile.substring(3, 4)
            + " "
            + mobile.substring(4, 6)
            + " "
            + mobile.substring(6, 8)
            + " "
            + mobile.substring(8, 10)
            + " "
            + mobile.substring(10);

    // 22:00, the web chat.
    clock.setParis(LocalDateTime.of(2027, 3, 9, 22, 0));
    String token =
        api.anonymous().post("/channels/webchat/sessions", Map.of()).string("visitorToken");
    String eczema = ask(token, "Bonsoir, est-ce que vous soignez l'eczéma ?");
    assertThat(eczema).containsIgnoringCase("eczéma").contains("Phillips");

    String days = ask(token, "Et quels jours consulte le Dr Phillips ?");
    assertThat(days).contains("lundi").contains("mercredi").contains("vendredi");

    String details = ask(token, "Oui");
    assertThat(details).contains("portable");

    String offered = ask(token, "Léa Marchetti, " + national);
    assertThat(offered).contains("Merci, Léa").contains("Dr Emma Phillips");
    String patient = patientOfLastWebChat();
    // She leaves without choosing.

    // 08:30 the next morning, she calls from her mobile: the assistant knows her and her request.
    clock.setParis(LocalDateTime.of(2027, 3, 10, 8, 30));
    Map<String, String> call = TwilioWebhookClient.incomingCall(mobile);
    var greeted = twilio.post("/channels/twilio/voice", call);
    assertThat(greeted.status()).as(greeted.body()).isEqualTo(200);
    assertThat(greeted.body()).contains("Léa").contains("Dr Emma Phillips");

    String when = say(call, 1, "Vendredi à 14 heures si possible");
    assertThat(when).contains("date de naissance");
    String confirm = say(call, 2, "Le 12 mai 1990");
    assertThat(confirm).contains("vendredi 12 mars à 14:00").contains("Dr Emma Phillips");
    String booked = say(call, 3, "Oui c'est parfait");
    assertThat(booked).contains("C&apos;est réservé").contains("<Hangup");

    var appointment =
        jdbc.sql(
                "SELECT provider_id, starts_at FROM appointment WHERE patient_id = :p"
                    + " AND status = 'booked'")
            .param("p", UUID.fromString(patient))
            .query(
                (rs, n) ->
                    List.of(rs.getString(1), rs.getObject(2, java.time.OffsetDateTime.class)))
            .single();
    assertThat(appointment.get(0)).isEqualTo(practice.drPhillips().id().value().toString());
    assertThat(
            ((java.time.OffsetDateTime) appointment.get(1))
                .atZoneSameInstant(ZoneId.of("Europe/Paris"))
                .toLocalDateTime())
        .isEqualTo(LocalDateTime.of(2027, 3, 12, 14, 0));

    // The WhatsApp confirmation, by the approved template (she never wrote on WhatsApp).
    WhatsAppPatient onWhatsApp = new WhatsAppPatient(api, clock, jdbc, inbox, outbox, meta, mobile);
    assertThat(onWhatsApp.next(0))
        .contains("\"type\":\"template\"")
        .contains("accueil_appointment_confirmation");
    assertThat(twilio.post("/channels/twilio/voice/status", ended(call)).status()).isEqualTo(200);

    // 12:10, on WhatsApp: a question about her treatment is for the team, not the assistant.
    clock.setParis(LocalDateTime.of(2027, 3, 10, 12, 10));
    String cream =
        onWhatsApp.writes(
            "Bonjour, est-ce que je dois arrêter ma crème à la cortisone avant vendredi ?");
    assertThat(cream).contains("équipe");

    // Staff see it all, in one timeline.
    JsonNode timeline = api.get("/api/v1/patients/" + patient + "/timeline").body();
    Set<String> channels = new LinkedHashSet<>();
    List<String> events = new ArrayList<>();
    for (JsonNode e : timeline) {
      if (e.path("kind").asString().equals("message")) {
        channels.add(e.path("channel").asString());
      } else {
        events.add(e.path("event").asString());
      }
    }
    assertThat(channels).containsExactlyInAnyOrder("webchat", "phone", "whatsapp");
    assertThat(events).contains("appointment.booked", "call.summary", "conversation.handed-over");
    String conversation = timeline.get(0).path("conversationId").asString();
    Api frontDesk = sessions.signIn(List.of("FRONT_DESK"), null);
    JsonNode c = frontDesk.get("/api/v1/conversations/" + conversation).body();
    assertThat(c.path("state").asString()).isEqualTo("waiting-for-staff");
  }

  private String ask(String token, String text) {
    Deliveries.webChat(api, inbox, jdbc, token, text);
    return lastAssistantMessage(patientOfLastWebChat());
  }

  private String lastAssistantMessage(String patient) {
    JsonNode timeline = api.get("/api/v1/patients/" + patient + "/timeline").body();
    String last = "";
    for (JsonNode e : timeline) {
      if (e.path("author").asString().equalsIgnoreCase("assistant")) {
        last = e.path("text").asString();
      }
    }
    return last;
  }

  private String patientOfLastWebChat() {
    return jdbc.sql(
            "SELECT c.patient_id::text FROM conversation c JOIN conversation_entry e"
                + " ON e.conversation_id = c.id WHERE e.channel = 'webchat'"
                + " ORDER BY e.at DESC, e.seq DESC LIMIT 1")
        .query(String.class)
        .single();
  }

  private String say(Map<String, String> call, int turn, String speech) {
    Map<String, String> form = new LinkedHashMap<>(call);
    form.put("CallStatus", "in-progress");
    form.put("SpeechResult", speech);
    form.put("Confidence", "0.93");
    var answer = twilio.post("/channels/twilio/voice/gather?turn=" + turn, form);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    return answer.body();
  }

  private static Map<String, String> ended(Map<String, String> call) {
    Map<String, String> form = new LinkedHashMap<>(call);
    form.put("CallStatus", "completed");
    form.put("CallDuration", "120");
    return form;
  }
}
