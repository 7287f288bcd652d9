package org.accueil.assistant;

import static org.accueil.channels.twilio.TwilioWebhookClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.twilio.TwilioRecorder;
import org.accueil.channels.twilio.TwilioTestConfiguration;
import org.accueil.channels.twilio.TwilioWebhookClient;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.testing.Demo;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** By SMS, which has no buttons: the times come as a numbered list and "2" picks the second. */
@AssistantTest
class SmsDialogueTests {

  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired Demo demo;
  @Autowired ChannelInbox inbox;
  @Autowired ChannelOutbox outbox;
  @Autowired TwilioWebhookClient twilio;
  @Autowired TwilioRecorder twilioApi;
  @Autowired Patients patients;

  @Test
  void aNumberedListByTextAndTheNumberPicksTheTime() {
    clock.setParis(LocalDateTime.of(2027, 3, 9, 9, 0));
    demo.practice();
    String number = "+3364" + (1000000 + (int) (Math.random() * 8999999));
    Patient marc =
        patients.register(
            new PatientDetails(
                "Marc", "Lefèvre" + Tags.letters(), LocalDate.of(1975, 1, 20), number, null));

    String offer = text(number, "Bonjour, je voudrais un vaccin avec le Dr Smith demain matin", 1);
    assertThat(offer).contains("Dr Anna Smith").contains("\n1. ").contains("\n2. ");
    String second = offer.lines().filter(l -> l.startsWith("2. ")).findFirst().orElseThrow();

    String confirm = text(number, "2", 2);
    assertThat(confirm).contains("Je réserve").contains(second.substring(3).split(" ")[3]);

    String booked = text(number, "oui", 3);
    assertThat(booked).contains("réservé");
    List<LocalDateTime> starts =
        jdbc
            .sql("SELECT starts_at FROM appointment WHERE patient_id = :p AND status = 'booked'")
            .param("p", marc.id().value())
            .query(java.time.OffsetDateTime.class)
            .list()
            .stream()
            .map(t -> t.atZoneSameInstant(java.time.ZoneId.of("Europe/Paris")).toLocalDateTime())
            .toList();
    assertThat(starts)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.toLocalDate()).isEqualTo(LocalDate.of(2027, 3, 10));
              assertThat(s.getHour()).isBetween(8, 11);
            });
  }

  /** Sends an SMS and returns the {@code nth} SMS Accueil sent back to the number. */
  private String text(String from, String body, int nth) {
    String sid = "SM" + java.util.UUID.randomUUID().toString().replace("-", "");
    var answer =
        twilio.post(
            "/channels/twilio/sms",
            params(
                "SmsMessageSid", sid,
                "NumMedia", "0",
                "SmsSid", sid,
                "Body", body,
                "To", TwilioTestConfiguration.SMS_NUMBER,
                "MessageSid", sid,
                "AccountSid", TwilioTestConfiguration.ACCOUNT_SID,
                "From", from,
                "ApiVersion", "2010-04-01"));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    for (int i = 0; i < 200; i++) {
      inbox.handlePending();
      outbox.sendPending();
      if (twilioApi.sentTo(from).size() >= nth) {
        break;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return twilioApi.awaitSentTo(from, nth).get(nth - 1).form().get("Body");
  }
}
