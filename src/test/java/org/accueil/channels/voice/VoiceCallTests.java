package org.accueil.channels.voice;

import static org.accueil.channels.twilio.TwilioWebhookClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.accueil.channels.CallSummary;
import org.accueil.channels.InboundMessage;
import org.accueil.channels.twilio.TwilioFixtures;
import org.accueil.channels.twilio.TwilioFixtures.Inbox;
import org.accueil.channels.twilio.TwilioTest;
import org.accueil.channels.twilio.TwilioTestConfiguration;
import org.accueil.channels.twilio.TwilioWebhookClient;
import org.accueil.patients.Channel;
import org.accueil.patients.Patients;
import org.accueil.platform.crypto.FieldCipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.w3c.dom.Element;
import tools.jackson.databind.json.JsonMapper;

/** A phone call through Twilio's voice webhooks, turn by turn, without an assistant. */
@TwilioTest
class VoiceCallTests {

  static final String VOICE = "/channels/twilio/voice";
  static final String GATHER_URL = TwilioTestConfiguration.PUBLIC_BASE_URL + VOICE + "/gather";

  @Autowired TwilioWebhookClient twilio;
  @Autowired Patients patients;
  @Autowired JdbcClient jdbc;
  @Autowired FieldCipher cipher;
  @Autowired JsonMapper json;

  Inbox inbox;
  String callSid;
  String caller;

  @BeforeEach
  void aCallOfOurOwn() {
    inbox = new Inbox(jdbc, cipher, json);
    callSid = TwilioFixtures.sid("CA");
    caller = TwilioFixtures.mobile();
  }

  @Test
  void anUnknownCallerIsGreetedInThePracticesLanguageAndListenedTo() {
    var answer = twilio.post(VOICE, call("ringing"));

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.contentType()).startsWith("text/xml");
    Element gather = TwilioFixtures.child(TwilioFixtures.twiml(answer.body()), "Gather");
    assertThat(gather.getAttribute("input")).isEqualTo("speech");
    assertThat(gather.getAttribute("language")).isEqualTo("fr-FR");
    assertThat(gather.getAttribute("speechTimeout")).isEqualTo("auto");
    assertThat(gather.getAttribute("actionOnEmptyResult")).isEqualTo("true");
    assertThat(gather.getAttribute("action")).isEqualTo(GATHER_URL);
    assertThat(gather.getAttribute("method")).isEqualTo("POST");
    Element say = TwilioFixtures.child(gather, "Say");
    assertThat(say.getAttribute("language")).isEqualTo("fr-FR");
    assertThat(say.getTextContent())
        .isEqualTo("Bonjour, ici My practice. Que puis-je faire pour vous ?");
  }

  @Test
  void aKnownCallerIsGreetedInTheirOwnLanguage() {
    TwilioFixtures.patient(patients, caller, "it");

    Element gather =
        TwilioFixtures.child(
            TwilioFixtures.twiml(twilio.post(VOICE, call("ringing")).body()), "Gather");

    assertThat(gather.getAttribute("language")).isEqualTo("it-IT");
    assertThat(TwilioFixtures.child(gather, "Say").getAttribute("language")).isEqualTo("it-IT");
    assertThat(TwilioFixtures.child(gather, "Say").getTextContent()).startsWith("Buongiorno");
  }

  @Test
  void whatTheCallerSaysIsStoredAndTheyAreAskedForMore() {
    twilio.post(VOICE, call("ringing"));

    var answer =
        twilio.post(VOICE + "/gather", said("Je voudrais déplacer mon rendez-vous de jeudi"));

    InboundMessage stored = inbox.read("phone", "message", callSid + "#1", InboundMessage.class);
    assertThat(stored.channel()).isEqualTo(Channel.PHONE);
    assertThat(stored.from()).isEqualTo(caller);
    assertThat(stored.text()).isEqualTo("Je voudrais déplacer mon rendez-vous de jeudi");
    assertThat(stored.language()).isEqualTo(Locale.FRENCH);
    Element gather = TwilioFixtures.child(TwilioFixtures.twiml(answer.body()), "Gather");
    assertThat(gather.getAttribute("action")).isEqualTo(GATHER_URL + "?turn=2");
    assertThat(gather.getAttribute("language")).isEqualTo("fr-FR");
    assertThat(TwilioFixtures.child(gather, "Say").getTextContent())
        .contains("transmis votre message à l'équipe");

    twilio.post(VOICE + "/gather?turn=2", said("Et aussi une ordonnance"));

    assertThat(inbox.read("phone", "message", callSid + "#2", InboundMessage.class).text())
        .isEqualTo("Et aussi une ordonnance");
  }

  @Test
  void aTurnTwilioPostsTwiceIsStoredOnceAndAnsweredTheSame() {
    twilio.post(VOICE, call("ringing"));

    var first = twilio.post(VOICE + "/gather", said("Je voudrais un rendez-vous"));
    var again = twilio.post(VOICE + "/gather", said("Je voudrais un rendez-vous"));

    assertThat(again.body()).isEqualTo(first.body());
    assertThat(inbox.count("phone", "message", callSid + "#1")).isEqualTo(1);
    assertThat(inbox.count("phone", "message", callSid + "#2")).isZero();
  }

  @Test
  void aSilentTurnPostedTwiceCountsOnce() {
    twilio.post(VOICE, call("ringing"));

    var first = twilio.post(VOICE + "/gather", said(""));
    var again = twilio.post(VOICE + "/gather", said(""));

    // Counted twice, the caller would be put through already.
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(TwilioFixtures.twiml(again.body()).getElementsByTagName("Dial").getLength())
        .isZero();
  }

  @Test
  void askingForTheSecretariatPutsTheCallerThroughToThePracticesLine() {
    twilio.post(VOICE, call("ringing"));

    var answer = twilio.post(VOICE + "/gather", said("Je voudrais parler au secrétariat"));

    assertTransferred(answer.body());
    assertThat(inbox.count("phone", "message", callSid + "#1")).isEqualTo(1);
  }

  @Test
  void twoTurnsWithNothingHeardPutTheCallerThrough() {
    twilio.post(VOICE, call("ringing"));

    var first = twilio.post(VOICE + "/gather", said(""));
    Element gather = TwilioFixtures.child(TwilioFixtures.twiml(first.body()), "Gather");
    assertThat(TwilioFixtures.child(gather, "Say").getTextContent()).contains("pas entendu");
    var second =
        twilio.post(
            gather
                .getAttribute("action")
                .substring(TwilioTestConfiguration.PUBLIC_BASE_URL.length()),
            said(""));

    assertTransferred(second.body());
    assertThat(inbox.count("phone", "message", callSid + "#1")).isZero();
  }

  @Test
  void anUrgentSentenceIsPutThroughAtOnceInAnyLanguage() {
    twilio.post(VOICE, call("ringing"));
    var french = twilio.post(VOICE + "/gather", said("Mon mari ne respire plus !"));
    assertTransferred(french.body());
    assertThat(TwilioFixtures.child(TwilioFixtures.twiml(french.body()), "Say").getTextContent())
        .contains("appelez le 15");

    callSid = TwilioFixtures.sid("CA");
    twilio.post(VOICE, call("ringing"));
    assertTransferred(twilio.post(VOICE + "/gather", said("I have chest pain")).body());

    callSid = TwilioFixtures.sid("CA");
    twilio.post(VOICE, call("ringing"));
    assertTransferred(twilio.post(VOICE + "/gather", said("Ho un forte dolore al petto")).body());
  }

  @Test
  void nothingMoreToSayEndsTheCallPolitely() {
    twilio.post(VOICE, call("ringing"));
    twilio.post(VOICE + "/gather", said("Il me faudrait une ordonnance"));

    var answer = twilio.post(VOICE + "/gather?turn=2", said("Non merci, c'est tout."));

    Element response = TwilioFixtures.twiml(answer.body());
    assertThat(TwilioFixtures.child(response, "Say").getTextContent())
        .isEqualTo("Merci de votre appel. Au revoir.");
    assertThat(response.getElementsByTagName("Hangup").getLength()).isEqualTo(1);
    assertThat(response.getElementsByTagName("Gather").getLength()).isZero();
  }

  @Test
  void aTransferNobodyAnswersEndsWithAnApologyAndAPromiseToCallBack() {
    twilio.post(VOICE, call("ringing"));
    twilio.post(VOICE + "/gather", said("Je voudrais parler à quelqu'un"));

    var answer = twilio.post(VOICE + "/dial-done", dialed("no-answer"));

    Element response = TwilioFixtures.twiml(answer.body());
    assertThat(TwilioFixtures.child(response, "Say").getTextContent())
        .isEqualTo(
            "Désolé, personne n'a pu répondre. L'équipe vous rappellera dès que possible. Au revoir.");
    assertThat(TwilioFixtures.child(response, "Say").getAttribute("language")).isEqualTo("fr-FR");
    assertThat(response.getElementsByTagName("Hangup").getLength()).isEqualTo(1);
  }

  @Test
  void theEndOfACallLeavesItsSummaryForTheTimelineOnce() {
    twilio.post(VOICE, call("ringing"));
    twilio.post(VOICE + "/gather", said("Je voudrais parler au secrétariat"));
    twilio.post(VOICE + "/dial-done", dialed("busy"));

    var ended = call("completed");
    ended.put("CallDuration", "42");
    assertThat(twilio.post(VOICE + "/status", ended).status()).isEqualTo(200);
    assertThat(twilio.post(VOICE + "/status", ended).status()).isEqualTo(200);

    assertThat(inbox.count("phone", "call", callSid + "/summary")).isEqualTo(1);
    CallSummary summary = inbox.read("phone", "call", callSid + "/summary", CallSummary.class);
    assertThat(summary.callSid()).isEqualTo(callSid);
    assertThat(summary.from()).isEqualTo(caller);
    assertThat(summary.turns()).isEqualTo(1);
    assertThat(summary.outcome()).isEqualTo("transfer-unanswered");
    assertThat(summary.language()).isEqualTo(Locale.FRENCH);
    assertThat(summary.endedAt()).isAfterOrEqualTo(summary.startedAt());
  }

  @Test
  void aCallPutThroughAndAnsweredIsSummedUpAsTransferred() {
    twilio.post(VOICE, call("ringing"));
    twilio.post(VOICE + "/gather", said("Can I speak to the receptionist?"));
    assertThat(
            TwilioFixtures.twiml(twilio.post(VOICE + "/dial-done", dialed("completed")).body())
                .getElementsByTagName("Hangup")
                .getLength())
        .isEqualTo(1);

    twilio.post(VOICE + "/status", call("completed"));

    assertThat(inbox.read("phone", "call", callSid + "/summary", CallSummary.class).outcome())
        .isEqualTo("transferred");
  }

  @Test
  void aCallStillGoingOnLeavesNoSummary() {
    twilio.post(VOICE, call("ringing"));

    twilio.post(VOICE + "/status", call("in-progress"));

    assertThat(inbox.count("phone", "call", callSid + "/summary")).isZero();
  }

  @Test
  void unsignedOrForgedVoiceWebhooksAreRefusedAndNothingIsKept() {
    assertThat(twilio.post(VOICE, call("ringing"), null).status()).isEqualTo(401);
    assertThat(twilio.post(VOICE + "/gather", said("Bonjour"), "Zm9yZ2Vk").status()).isEqualTo(403);
    assertThat(twilio.post(VOICE + "/status", call("completed"), "Zm9yZ2Vk").status())
        .isEqualTo(403);

    assertThat(inbox.count("phone", "message", callSid + "#1")).isZero();
    assertThat(inbox.count("phone", "call", callSid + "/summary")).isZero();
    assertThat(
            jdbc.sql("SELECT count(*) FROM voice_call WHERE call_sid = ?")
                .param(callSid)
                .query(Integer.class)
                .single())
        .isZero();
  }

  private void assertTransferred(String twiml) {
    Element response = TwilioFixtures.twiml(twiml);
    Element dial = TwilioFixtures.child(response, "Dial");
    assertThat(dial.getTextContent()).isEqualTo(TwilioTestConfiguration.TRANSFER_NUMBER);
    assertThat(dial.getAttribute("action"))
        .isEqualTo(TwilioTestConfiguration.PUBLIC_BASE_URL + VOICE + "/dial-done");
    assertThat(dial.getAttribute("timeout")).isEqualTo("20");
    assertThat(dial.getAttribute("callerId")).isEqualTo(TwilioTestConfiguration.VOICE_NUMBER);
    assertThat(TwilioFixtures.child(response, "Say").getAttribute("language")).isNotEmpty();
    assertThat(response.getElementsByTagName("Gather").getLength()).isZero();
  }

  private Map<String, String> call(String status) {
    return params(
        "AccountSid",
        TwilioTestConfiguration.ACCOUNT_SID,
        "ApiVersion",
        "2010-04-01",
        "CallSid",
        callSid,
        "CallStatus",
        status,
        "Called",
        TwilioTestConfiguration.VOICE_NUMBER,
        "Caller",
        caller,
        "Direction",
        "inbound",
        "From",
        caller,
        "To",
        TwilioTestConfiguration.VOICE_NUMBER);
  }

  private Map<String, String> said(String speech) {
    Map<String, String> params = call("in-progress");
    if (!speech.isEmpty()) {
      params.put("SpeechResult", speech);
      params.put("Confidence", "0.9");
    }
    return params;
  }

  private Map<String, String> dialed(String status) {
    Map<String, String> params = call("in-progress");
    params.put("DialCallStatus", status);
    params.put("DialCallSid", TwilioFixtures.sid("CA"));
    return params;
  }
}
