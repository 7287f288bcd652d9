package org.accueil.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.accueil.channels.ChannelSender.Outcome;
import org.accueil.channels.DeliveryChanged.Fallback;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.OutboundContent;
import org.accueil.channels.OutboundContent.Choice;
import org.accueil.channels.OutboundMessage;
import org.accueil.channels.whatsapp.MetaRecorder.Answer;
import org.accueil.patients.Channel;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the sender puts on the wire, checked against Meta's documented request bodies, and how it
 * reads Meta's documented answers, refusals included.
 */
@WhatsAppTest
class WhatsAppSenderTests {

  @Autowired WhatsAppSender sender;
  @Autowired MetaRecorder meta;
  @Autowired JsonMapper json;

  @Test
  void aTextGoesToTheNumbersMessagesWithTheBearerTokenAndMetasTextBody() {
    String to = number();
    meta.answer(
        to, Answer.accepted(to, "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA"));

    Outcome outcome = sender.send(message("+" + to, new OutboundContent.Text("À demain, 9h30")));

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Accepted(
                "wamid.HBgLMTY1MDUwNzY1MjAVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA", DeliveryStatus.SENT));
    MetaRecorder.Request request = only(to);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v21.0/" + WhatsAppTest.PHONE_NUMBER_ID + "/messages");
    assertThat(request.header("Authorization")).isEqualTo("Bearer " + WhatsAppTest.ACCESS_TOKEN);
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.body())
        .isEqualTo(
            """
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s",\
            "type":"text","text":{"preview_url":false,"body":"À demain, 9h30"}}"""
                .formatted(to));
  }

  @Test
  void buttonsGoAsAnInteractiveReplyButtonMessage() {
    String to = number();

    sender.send(
        message(
            "+" + to,
            new OutboundContent.Buttons(
                "Confirmez-vous votre rendez-vous de mardi ?",
                List.of(new Choice("confirm", "Je confirme"), new Choice("move", "Déplacer")))));

    assertThat(only(to).body())
        .isEqualTo(
            """
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s",\
            "type":"interactive","interactive":{"type":"button",\
            "body":{"text":"Confirmez-vous votre rendez-vous de mardi ?"},\
            "action":{"buttons":[{"type":"reply","reply":{"id":"confirm","title":"Je confirme"}},\
            {"type":"reply","reply":{"id":"move","title":"Déplacer"}}]}}}"""
                .formatted(to));
  }

  @Test
  void aMenuGoesAsAnInteractiveListOfOneSection() {
    String to = number();

    sender.send(
        message(
            "+" + to,
            new OutboundContent.Menu(
                "Voici les prochains créneaux libres.",
                "Choisir",
                List.of(
                    new Choice("slot-1", "Mardi 9h30", "Dr Martin"),
                    new Choice("slot-2", "Mercredi 14h")))));

    assertThat(only(to).body())
        .isEqualTo(
            """
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s",\
            "type":"interactive","interactive":{"type":"list",\
            "body":{"text":"Voici les prochains créneaux libres."},\
            "action":{"button":"Choisir","sections":[{"rows":[\
            {"id":"slot-1","title":"Mardi 9h30","description":"Dr Martin"},\
            {"id":"slot-2","title":"Mercredi 14h"}]}]}}}"""
                .formatted(to));
  }

  @Test
  void aTemplateGoesWithItsLanguageAndBodyParameters() {
    String to = number();

    sender.send(
        message(
            "+" + to,
            new OutboundContent.Template(
                "accueil_reopen",
                "fr",
                List.of("Camille"),
                "Bonjour Camille, le cabinet vous a répondu.")));

    assertThat(only(to).body())
        .isEqualTo(
            """
            {"messaging_product":"whatsapp","recipient_type":"individual","to":"%s",\
            "type":"template","template":{"name":"accueil_reopen","language":{"code":"fr"},\
            "components":[{"type":"body","parameters":[{"type":"text","text":"Camille"}]}]}}"""
                .formatted(to));
  }

  @Test
  void outsideTheWindow131047AsksForATemplate() {
    String to = number();
    meta.answer(
        to,
        Answer.error(
            400,
            131047,
            "Re-engagement message",
            "Message failed to send because more than 24 hours have passed since the customer"
                + " last replied to this number."));

    Outcome outcome = sender.send(message("+" + to, new OutboundContent.Text("Bonjour")));

    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    Outcome.Rejected rejected = (Outcome.Rejected) outcome;
    assertThat(rejected.errorCode()).isEqualTo("131047");
    assertThat(rejected.fallback()).isEqualTo(Fallback.TEMPLATE);
    assertThat(rejected.reason()).contains("Re-engagement message", "24 hours");
  }

  @Test
  void anUndeliverable131026AsksForAnotherChannel() {
    String to = number();
    meta.answer(to, Answer.error(400, 131026, "Message undeliverable", "Message Undeliverable."));

    Outcome outcome = sender.send(message("+" + to, new OutboundContent.Text("Bonjour")));

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Rejected(
                "131026",
                "(#131026) Message undeliverable: Message Undeliverable.",
                Fallback.OTHER_CHANNEL));
  }

  @Test
  void aThroughputLimit130429IsRetriedAfterMetasRetryAfter() {
    String to = number();
    meta.answer(
        to,
        Answer.error(
                429,
                130429,
                "Rate limit hit",
                "Message failed to send because there were too many messages sent from this"
                    + " phone number in a short period of time")
            .withHeader("Retry-After", "60"));

    Outcome outcome = sender.send(message("+" + to, new OutboundContent.Text("Bonjour")));

    assertThat(outcome).isInstanceOf(Outcome.RetryLater.class);
    assertThat(((Outcome.RetryLater) outcome).errorCode()).isEqualTo("130429");
    assertThat(((Outcome.RetryLater) outcome).after()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void theOtherRefusalsAreFinalAndOutagesAreRetried() {
    String pairRate = number();
    meta.answer(
        pairRate,
        Answer.error(400, 131056, "(Business Account, Consumer Account) pair rate limit hit", ""));
    String expired = number();
    meta.answer(expired, Answer.error(401, 190, "Error validating access token", ""));
    String paused = number();
    meta.answer(paused, Answer.error(400, 132015, "Template is Paused", ""));
    String outage = number();
    meta.answer(outage, new Answer(503, java.util.Map.of(), "Service Unavailable"));

    assertThat(send(pairRate)).isInstanceOf(Outcome.RetryLater.class);
    assertThat(send(expired)).isEqualTo(rejected("190", "(#190) Error validating access token"));
    assertThat(send(paused)).isEqualTo(rejected("132015", "(#132015) Template is Paused"));
    assertThat(send(outage)).isInstanceOf(Outcome.RetryLater.class);
  }

  @Test
  void metaOutOfReachIsRetriedNotThrown() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    WhatsAppSender away =
        new WhatsAppSender(
            new WhatsAppSettings(
                (channel, key) -> Optional.empty(),
                new WhatsAppProperties(
                    "s", "t", "106540352242922", "token", "http://127.0.0.1:" + closed, "v21.0")),
            json);

    Outcome outcome = away.send(message("+33612345678", new OutboundContent.Text("Bonjour")));

    assertThat(outcome).isInstanceOf(Outcome.RetryLater.class);
  }

  // ---------------------------------------------------------------------------------- helpers

  private Outcome send(String to) {
    return sender.send(message("+" + to, new OutboundContent.Text("Bonjour")));
  }

  private static Outcome.Rejected rejected(String code, String reason) {
    return new Outcome.Rejected(code, reason, Fallback.NONE);
  }

  private MetaRecorder.Request only(String to) {
    List<MetaRecorder.Request> requests = meta.requestsTo(to);
    assertThat(requests).hasSize(1);
    return requests.getFirst();
  }

  /** A French mobile number of the test's own, as Meta writes it: digits without +. */
  static String number() {
    return "336" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
  }

  static OutboundMessage message(String to, OutboundContent content) {
    return new OutboundMessage(
        UUID.randomUUID(), Channel.WHATSAPP, to, content, null, Locale.FRENCH);
  }
}
