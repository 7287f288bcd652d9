package org.accueil.channels.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.accueil.channels.ChannelSender.Outcome;
import org.accueil.channels.DeliveryChanged.Fallback;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.OutboundContent;
import org.accueil.channels.OutboundMessage;
import org.accueil.channels.twilio.TwilioFixtures;
import org.accueil.channels.twilio.TwilioRecorder;
import org.accueil.channels.twilio.TwilioRecorder.Answer;
import org.accueil.channels.twilio.TwilioTest;
import org.accueil.channels.twilio.TwilioTestConfiguration;
import org.accueil.patients.Channel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Sending through Twilio's Messages API, as its documentation writes requests and answers. */
@TwilioTest
class SmsSenderTests {

  @Autowired SmsSender sender;
  @Autowired TwilioRecorder twilio;

  String to;

  @BeforeEach
  void aRecipientOfOurOwn() {
    to = TwilioFixtures.mobile();
  }

  @Test
  void postsTheDocumentedFormWithBasicAuthAndKeepsTheSidTwilioGives() {
    Outcome outcome = sender.send(message("Rappel : rendez-vous demain à 9 h 30 & merci"));

    TwilioRecorder.Request request = twilio.sentTo(to).getFirst();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path())
        .isEqualTo(
            "/2010-04-01/Accounts/" + TwilioTestConfiguration.ACCOUNT_SID + "/Messages.json");
    assertThat(request.header("Authorization"))
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (TwilioTestConfiguration.ACCOUNT_SID
                                + ":"
                                + TwilioTestConfiguration.AUTH_TOKEN)
                            .getBytes(StandardCharsets.UTF_8)));
    assertThat(request.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(request.body())
        .isEqualTo(
            "To=%2B"
                + to.substring(1)
                + "&From=%2B33757001122"
                + "&Body=Rappel+%3A+rendez-vous+demain+%C3%A0+9+h+30+%26+merci"
                + "&StatusCallback=https%3A%2F%2Faccueil.cabinet-test.fr%2Fchannels%2Ftwilio%2Fsms%2Fstatus");
    assertThat(request.form())
        .containsEntry("To", to)
        .containsEntry("From", TwilioTestConfiguration.SMS_NUMBER)
        .containsEntry("Body", "Rappel : rendez-vous demain à 9 h 30 & merci")
        .containsEntry(
            "StatusCallback",
            TwilioTestConfiguration.PUBLIC_BASE_URL + "/channels/twilio/sms/status");
    assertThat(outcome)
        .isEqualTo(new Outcome.Accepted(request.answer().sid(), DeliveryStatus.SENT));
  }

  @Test
  void buttonsAndMenusAreSentAsNumberedLines() {
    sender.send(
        message(
            new OutboundContent.Buttons(
                "Confirmez-vous votre rendez-vous ?",
                List.of(
                    new OutboundContent.Choice("yes", "Oui"),
                    new OutboundContent.Choice("no", "Non, l'annuler")))));
    sender.send(
        message(
            new OutboundContent.Menu(
                "Créneaux libres :",
                "Choisir",
                List.of(
                    new OutboundContent.Choice("s1", "Mardi 9:30", "Dr Martin"),
                    new OutboundContent.Choice("s2", "Mardi 10:00")))));

    assertThat(twilio.sentTo(to))
        .extracting(r -> r.form().get("Body"))
        .containsExactly(
            "Confirmez-vous votre rendez-vous ?\n1. Oui\n2. Non, l'annuler",
            "Créneaux libres :\n1. Mardi 9:30 – Dr Martin\n2. Mardi 10:00");
  }

  @Test
  void aTextsEmailSubjectAndAttachmentsAreLeftOutOfTheSms() {
    sender.send(
        message(
            new OutboundContent.Text(
                "Rendez-vous confirmé le 12 mars à 9 h.",
                "Votre rendez-vous du 12 mars",
                List.of(
                    new OutboundContent.Attachment(
                        "rendez-vous.ics",
                        "text/calendar; method=PUBLISH",
                        "BEGIN:VCALENDAR\r\n".getBytes(StandardCharsets.UTF_8))))));

    assertThat(twilio.sentTo(to).getFirst().form())
        .containsOnlyKeys("To", "From", "Body", "StatusCallback")
        .containsEntry("Body", "Rendez-vous confirmé le 12 mars à 9 h.");
  }

  @Test
  void anUnsubscribedRecipientIsRefusedForGoodWithNoOtherChannelToTry() {
    twilio.answerNextSendTo(
        to,
        Answer.of(
            400, TwilioRecorder.error(21610, "Attempt to send to unsubscribed recipient", 400)));

    assertThat(sender.send(message("Bonjour")))
        .isEqualTo(
            new Outcome.Rejected(
                "21610", "Attempt to send to unsubscribed recipient", Fallback.NONE));
  }

  @Test
  void anInvalidOrLandlineNumberIsRefusedAndAnotherChannelMayBeTried() {
    twilio.answerNextSendTo(
        to,
        Answer.of(
            400,
            TwilioRecorder.error(
                21211, "The 'To' number " + to + " is not a valid phone number.", 400)));
    twilio.answerNextSendTo(
        to,
        Answer.of(
            400, TwilioRecorder.error(21614, "'To' number is not a valid mobile number", 400)));

    assertThat(sender.send(message("Bonjour")))
        .isEqualTo(
            new Outcome.Rejected(
                "21211",
                "The 'To' number " + to + " is not a valid phone number.",
                Fallback.OTHER_CHANNEL));
    assertThat(sender.send(message("Bonjour")))
        .isEqualTo(
            new Outcome.Rejected(
                "21614", "'To' number is not a valid mobile number", Fallback.OTHER_CHANNEL));
  }

  @Test
  void anyOtherRefusalIsFinal() {
    twilio.answerNextSendTo(
        to, Answer.of(400, TwilioRecorder.error(21602, "Message body is required.", 400)));

    assertThat(sender.send(message("Bonjour")))
        .isEqualTo(new Outcome.Rejected("21602", "Message body is required.", Fallback.NONE));
  }

  @Test
  void aRateLimitIsRetriedAfterWhatTwilioSays() {
    twilio.answerNextSendTo(
        to,
        Answer.of(429, TwilioRecorder.error(20429, "Too Many Requests", 429))
            .withHeader("Retry-After", "120"));

    assertThat(sender.send(message("Bonjour")))
        .isEqualTo(new Outcome.RetryLater(Duration.ofSeconds(120), "20429", "Too Many Requests"));
  }

  @Test
  void anOutageIsRetried() {
    twilio.answerNextSendTo(
        to, Answer.of(503, TwilioRecorder.error(20503, "Service Unavailable", 503)));

    assertThat(sender.send(message("Bonjour"))).isInstanceOf(Outcome.RetryLater.class);
  }

  @Test
  void silenceBeyondTheTimeoutIsRetried() {
    twilio.answerNextSendTo(to, TwilioRecorder.accepted().after(Duration.ofSeconds(4)));

    Outcome outcome = sender.send(message("Bonjour"));

    assertThat(outcome).isInstanceOf(Outcome.RetryLater.class);
    assertThat(((Outcome.RetryLater) outcome).reason()).isEqualTo("Twilio did not answer in time");
  }

  private OutboundMessage message(String text) {
    return message(new OutboundContent.Text(text));
  }

  private OutboundMessage message(OutboundContent content) {
    return new OutboundMessage(UUID.randomUUID(), Channel.SMS, to, content, null, Locale.FRENCH);
  }
}
