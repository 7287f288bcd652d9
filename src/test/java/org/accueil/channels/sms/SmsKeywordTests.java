package org.accueil.channels.sms;

import static org.accueil.channels.twilio.TwilioWebhookClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.accueil.channels.twilio.TwilioFixtures;
import org.accueil.channels.twilio.TwilioFixtures.Inbox;
import org.accueil.channels.twilio.TwilioTest;
import org.accueil.channels.twilio.TwilioTestConfiguration;
import org.accueil.channels.twilio.TwilioWebhookClient;
import org.accueil.patients.Patient;
import org.accueil.patients.Patients;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.privacy.ConsentChannel;
import org.accueil.privacy.ConsentPurpose;
import org.accueil.privacy.ConsentRecord;
import org.accueil.privacy.ConsentSource;
import org.accueil.privacy.Consents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** STOP, START and HELP by SMS: consent changes before Twilio gets its answer. */
@TwilioTest
class SmsKeywordTests {

  static final String PATH = "/channels/twilio/sms";

  @Autowired TwilioWebhookClient twilio;
  @Autowired Patients patients;
  @Autowired Consents consents;
  @Autowired JdbcClient jdbc;
  @Autowired FieldCipher cipher;
  @Autowired JsonMapper json;

  String phone;

  @BeforeEach
  void aNumberOfOurOwn() {
    phone = TwilioFixtures.mobile();
  }

  @Test
  void stopOptsEveryPatientHoldingTheNumberOutOfSmsAtOnce() {
    Patient mother = TwilioFixtures.patient(patients, phone, "it");
    Patient son = TwilioFixtures.patient(patients, phone, null);

    var answer = twilio.post(PATH, text(TwilioFixtures.sid("SM"), "STOP"));

    assertThat(answer.status()).isEqualTo(200);
    for (Patient patient : new Patient[] {mother, son}) {
      for (ConsentPurpose purpose : ConsentPurpose.values()) {
        assertThat(consents.permits(patient.id(), ConsentChannel.SMS, purpose))
            .as("%s by SMS", purpose)
            .isFalse();
      }
      assertThat(
              consents.permits(
                  patient.id(), ConsentChannel.EMAIL, ConsentPurpose.APPOINTMENT_MESSAGES))
          .isTrue();
      assertThat(consents.history(patient.id()))
          .extracting(ConsentRecord::source)
          .containsOnly(ConsentSource.SMS_KEYWORD);
    }
    // STOP is English for everyone; the mother said she reads Italian.
    assertThat(reply(answer.body())).startsWith("My practice").contains("non riceverà più");
  }

  @Test
  void arretOptsOutAndIsAnsweredInFrenchWhateverTheLanguageOnRecord() {
    Patient patient = TwilioFixtures.patient(patients, phone, "en");

    var answer = twilio.post(PATH, text(TwilioFixtures.sid("SM"), "  Arrêt "));

    assertThat(
            consents.permits(patient.id(), ConsentChannel.SMS, ConsentPurpose.APPOINTMENT_MESSAGES))
        .isFalse();
    assertThat(reply(answer.body())).contains("vous ne recevrez plus nos SMS");
  }

  @Test
  void altOptsOutAndIsAnsweredInItalian() {
    Patient patient = TwilioFixtures.patient(patients, phone, "fr");

    var answer = twilio.post(PATH, text(TwilioFixtures.sid("SM"), "alt"));

    assertThat(
            consents.permits(patient.id(), ConsentChannel.SMS, ConsentPurpose.APPOINTMENT_MESSAGES))
        .isFalse();
    assertThat(reply(answer.body())).contains("non riceverà più i nostri SMS");
  }

  @Test
  void aStopFromANumberNobodyHoldsIsAnsweredInEnglish() {
    var answer = twilio.post(PATH, text(TwilioFixtures.sid("SM"), "unsubscribe"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(reply(answer.body())).contains("you will no longer receive our text messages");
  }

  @Test
  void startAfterStopLetsAppointmentMessagesThroughAgain() {
    Patient patient = TwilioFixtures.patient(patients, phone, "fr");
    twilio.post(PATH, text(TwilioFixtures.sid("SM"), "STOP"));

    var answer = twilio.post(PATH, text(TwilioFixtures.sid("SM"), "start"));

    assertThat(
            consents.permits(patient.id(), ConsentChannel.SMS, ConsentPurpose.APPOINTMENT_MESSAGES))
        .isTrue();
    // Marketing needs a consent given knowingly, not one word.
    assertThat(consents.permits(patient.id(), ConsentChannel.SMS, ConsentPurpose.MARKETING))
        .isFalse();
    ConsentRecord granted = consents.history(patient.id()).getLast();
    assertThat(granted.granted()).isTrue();
    assertThat(granted.wording().text()).isEqualTo(reply(answer.body()));
    assertThat(reply(answer.body())).contains("vous recevrez à nouveau nos SMS");
  }

  @Test
  void yesFromSomeoneWhoNeverStoppedIsAnOrdinaryMessage() {
    Patient patient = TwilioFixtures.patient(patients, phone, "en");

    var answer = twilio.post(PATH, text(TwilioFixtures.sid("SM"), "Yes"));

    assertThat(TwilioFixtures.twiml(answer.body()).getChildNodes().getLength()).isZero();
    assertThat(consents.history(patient.id())).isEmpty();
  }

  @Test
  void helpIsAnsweredWithThePracticesLineInTheKeywordsLanguage() {
    var aide = twilio.post(PATH, text(TwilioFixtures.sid("SM"), "AIDE"));
    var aiuto = twilio.post(PATH, text(TwilioFixtures.sid("SM"), "Aiuto"));
    var help = twilio.post(PATH, text(TwilioFixtures.sid("SM"), "help"));

    assertThat(reply(aide.body()))
        .isEqualTo(
            "My practice : pour toute aide, appelez-nous au "
                + TwilioTestConfiguration.TRANSFER_NUMBER
                + ". Répondez STOP pour ne plus recevoir nos SMS.");
    assertThat(reply(aiuto.body())).contains("per assistenza ci chiami al");
    assertThat(reply(help.body())).contains("for help, call us on");
  }

  @Test
  void twiliosOptOutTypeIsHonouredForAKeywordAccueilDoesNotKnow() {
    Patient patient = TwilioFixtures.patient(patients, phone, "fr");
    var params = text(TwilioFixtures.sid("SM"), "DESINSCRIPTION");
    params.put("OptOutType", "STOP");

    twilio.post(PATH, params);

    assertThat(
            consents.permits(patient.id(), ConsentChannel.SMS, ConsentPurpose.APPOINTMENT_MESSAGES))
        .isFalse();
  }

  @Test
  void aRedeliveredStopIsStoredAndAppliedOnceAndAnsweredAgain() {
    Patient patient = TwilioFixtures.patient(patients, phone, "fr");
    String sid = TwilioFixtures.sid("SM");

    var first = twilio.post(PATH, text(sid, "STOP"));
    var again = twilio.post(PATH, text(sid, "STOP"));

    assertThat(again.body()).isEqualTo(first.body());
    assertThat(consents.history(patient.id())).hasSize(ConsentPurpose.values().length);
    assertThat(new Inbox(jdbc, cipher, json).count("sms", "message", sid)).isEqualTo(1);
  }

  @Test
  void theKeywordItselfIsStoredForTheTimeline() {
    String sid = TwilioFixtures.sid("SM");

    twilio.post(PATH, text(sid, "STOP"));

    assertThat(
            new Inbox(jdbc, cipher, json)
                .read("sms", "message", sid, org.accueil.channels.InboundMessage.class)
                .text())
        .isEqualTo("STOP");
  }

  private Map<String, String> text(String sid, String body) {
    return params(
        "SmsMessageSid", sid,
        "NumMedia", "0",
        "SmsSid", sid,
        "Body", body,
        "To", TwilioTestConfiguration.SMS_NUMBER,
        "MessageSid", sid,
        "AccountSid", TwilioTestConfiguration.ACCOUNT_SID,
        "From", phone,
        "ApiVersion", "2010-04-01");
  }

  private static String reply(String twiml) {
    return TwilioFixtures.child(TwilioFixtures.twiml(twiml), "Message").getTextContent();
  }
}
