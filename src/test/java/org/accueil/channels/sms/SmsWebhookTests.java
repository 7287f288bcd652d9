package org.accueil.channels.sms;

import static org.accueil.channels.twilio.TwilioWebhookClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import org.accueil.channels.InboundMessage;
import org.accueil.channels.twilio.TwilioFixtures;
import org.accueil.channels.twilio.TwilioFixtures.Inbox;
import org.accueil.channels.twilio.TwilioTest;
import org.accueil.channels.twilio.TwilioTestConfiguration;
import org.accueil.channels.twilio.TwilioWebhookClient;
import org.accueil.patients.Channel;
import org.accueil.platform.crypto.FieldCipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Patients' texts through Twilio's SMS webhook: signed, stored once, then answered. */
@TwilioTest
class SmsWebhookTests {

  static final String PATH = "/channels/twilio/sms";

  @Autowired TwilioWebhookClient twilio;
  @Autowired JdbcClient jdbc;
  @Autowired FieldCipher cipher;
  @Autowired JsonMapper json;

  Inbox inbox;
  String messageSid;
  String from;

  @BeforeEach
  void aTextOfOurOwn() {
    inbox = new Inbox(jdbc, cipher, json);
    messageSid = TwilioFixtures.sid("SM");
    from = TwilioFixtures.mobile();
  }

  @Test
  void aTextIsStoredAndAnsweredWithAnEmptyTwimlResponse() {
    var answer = twilio.post(PATH, text("Bonjour, je voudrais un rendez-vous"));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("text/xml");
    assertThat(TwilioFixtures.twiml(answer.body()).getTagName()).isEqualTo("Response");
    assertThat(TwilioFixtures.twiml(answer.body()).getChildNodes().getLength()).isZero();
    InboundMessage stored = inbox.read("sms", "message", messageSid, InboundMessage.class);
    assertThat(stored.channel()).isEqualTo(Channel.SMS);
    assertThat(stored.providerId()).isEqualTo(messageSid);
    assertThat(stored.from()).isEqualTo(from);
    assertThat(stored.text()).isEqualTo("Bonjour, je voudrais un rendez-vous");
    assertThat(stored.attachments()).isEmpty();
  }

  @Test
  void aRedeliveredTextIsStoredOnce() {
    assertThat(twilio.post(PATH, text("Merci")).status()).isEqualTo(200);
    assertThat(twilio.post(PATH, text("Merci")).status()).isEqualTo(200);

    assertThat(inbox.count("sms", "message", messageSid)).isEqualTo(1);
  }

  @Test
  void picturesAreKeptAsAttachmentsAtTwilio() {
    var params = text("");
    params.put("NumMedia", "2");
    params.put(
        "MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1");
    params.put("MediaContentType0", "image/jpeg");
    params.put(
        "MediaUrl1", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2");
    params.put("MediaContentType1", "application/pdf");

    assertThat(twilio.post(PATH, params).status()).isEqualTo(200);

    InboundMessage stored = inbox.read("sms", "message", messageSid, InboundMessage.class);
    assertThat(stored.text()).isNull();
    assertThat(stored.attachments())
        .containsExactly(
            new InboundMessage.Attachment(
                "image/jpeg",
                null,
                "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"),
            new InboundMessage.Attachment(
                "application/pdf",
                null,
                "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME2"));
  }

  @Test
  void aTextWithoutSignatureIsRefusedWith401AndNotStored() {
    var answer = twilio.post(PATH, text("Bonjour"), null);

    assertThat(answer.status()).isEqualTo(401);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(json.readTree(answer.body()).path("type").asString())
        .isEqualTo("/problems/twilio-signature-missing");
    assertThat(inbox.count("sms", "message", messageSid)).isZero();
  }

  @Test
  void aTextWithAForgedSignatureIsRefusedWith403AndNotStored() {
    var answer = twilio.post(PATH, text("Bonjour"), "RSOYDt4T1cUTdK1PDd93/VVr8B8=");

    assertThat(answer.status()).isEqualTo(403);
    assertThat(json.readTree(answer.body()).path("type").asString())
        .isEqualTo("/problems/twilio-signature-invalid");
    assertThat(inbox.count("sms", "message", messageSid)).isZero();
  }

  @Test
  void aTextChangedAfterTwilioSignedItIsRefused() {
    var signed = text("Bonjour");
    String signature =
        org.accueil.channels.twilio.TwilioSignatures.sign(
            TwilioTestConfiguration.AUTH_TOKEN,
            TwilioTestConfiguration.PUBLIC_BASE_URL + PATH,
            java.util.Map.of(
                "MessageSid", java.util.List.of(messageSid),
                "From", java.util.List.of(from),
                "Body", java.util.List.of("Bonjour")));
    signed.put("Body", "STOP");

    assertThat(twilio.post(PATH, signed, signature).status()).isEqualTo(403);
    assertThat(inbox.count("sms", "message", messageSid)).isZero();
  }

  @Test
  void aTextSignedForAnotherUrlIsRefused() {
    var params = text("Bonjour");
    String signature =
        org.accueil.channels.twilio.TwilioSignatures.sign(
            TwilioTestConfiguration.AUTH_TOKEN,
            "https://attacker.example" + PATH,
            params.entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(
                        java.util.Map.Entry::getKey, e -> java.util.List.of(e.getValue()))));

    assertThat(twilio.post(PATH, params, signature).status()).isEqualTo(403);
  }

  private java.util.Map<String, String> text(String body) {
    return params(
        "ToCountry",
        "FR",
        "SmsMessageSid",
        messageSid,
        "NumMedia",
        "0",
        "SmsSid",
        messageSid,
        "SmsStatus",
        "received",
        "Body",
        body,
        "To",
        TwilioTestConfiguration.SMS_NUMBER,
        "NumSegments",
        "1",
        "MessageSid",
        messageSid,
        "AccountSid",
        TwilioTestConfiguration.ACCOUNT_SID,
        "From",
        from,
        "ApiVersion",
        "2010-04-01");
  }
}
