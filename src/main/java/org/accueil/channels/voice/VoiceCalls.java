package org.accueil.channels.voice;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.accueil.channels.CallResponder;
import org.accueil.channels.CallResponder.Reply;
import org.accueil.channels.CallSummary;
import org.accueil.channels.CallTurn;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.InboundMessage;
import org.accueil.channels.twilio.TwilioAccount;
import org.accueil.channels.twilio.TwilioForm;
import org.accueil.channels.twilio.Twiml;
import org.accueil.channels.voice.VoiceCallStore.VoiceCall;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.patients.Patients;
import org.accueil.patients.PhoneNumbers;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A phone call, one webhook at a time: greeted in the caller's language, each thing they say stored
 * for their timeline before the next words are chosen, put through to the practice's line when the
 * {@link CallResponder} says so, summed up on their timeline when it ends.
 */
@Service
public class VoiceCalls {

  public static final String PATH = "/channels/twilio/voice";

  /** Twilio's final call statuses; the others (ringing, in-progress) say the call goes on. */
  private static final Set<String> ENDED =
      Set.of("completed", "busy", "failed", "no-answer", "canceled");

  /** How long a call's state is kept: far longer than any call. */
  private static final Duration KEPT = Duration.ofDays(1);

  private final VoiceCallStore calls;
  private final ChannelInbox inbox;
  private final ObjectProvider<CallResponder> responders;
  private final MessageTaker messageTaker;
  private final VoiceTexts texts;
  private final TwilioAccount account;
  private final Patients patients;
  private final Clock clock;

  VoiceCalls(
      VoiceCallStore calls,
      ChannelInbox inbox,
      ObjectProvider<CallResponder> responders,
      MessageTaker messageTaker,
      VoiceTexts texts,
      TwilioAccount account,
      Patients patients,
      Clock clock) {
    this.calls = calls;
    this.inbox = inbox;
    this.responders = responders;
    this.messageTaker = messageTaker;
    this.texts = texts;
    this.account = account;
    this.patients = patients;
    this.clock = clock;
  }

  /** A call arrives: its state starts, the caller is greeted and listened to. */
  @Transactional
  public String incoming(TwilioForm form) {
    String sid = form.required("CallSid");
    String from = form.required("From");
    Instant now = clock.instant();
    calls.forgetStartedBefore(now.minus(KEPT));
    calls.start(sid, from, languageOf(from), now);
    VoiceCall call = calls.lock(sid).orElseThrow();
    String greeting = responder().greeting(sid, from, call.language());
    return Twiml.gather(
        call.language(),
        greeting != null ? greeting : texts.say("voice.greeting", call.language()),
        gatherUrl(1));
  }

  /**
   * The caller spoke (or stayed silent) in answer to turn {@code turn}. What they said is stored
   * before anything else; a turn Twilio posts again gets the answer it got the first time, and
   * counts once.
   */
  @Transactional
  public String turn(TwilioForm form, int turn) {
    String sid = form.required("CallSid");
    Instant now = clock.instant();
    VoiceCall call = calls.lock(sid).orElseGet(() -> startLate(form, now));
    if (turn <= call.lastTurn()) {
      // 0 turns to take: Twilio asked again for a turn already answered (a timeout on its side).
      return Objects.requireNonNullElse(call.lastReply(), Twiml.empty());
    }
    String speech = form.get("SpeechResult");
    boolean heard = speech != null && !speech.isBlank();
    String caller = Objects.requireNonNullElse(form.get("From"), call.caller());
    if (heard) {
      inbox.store(
          new InboundMessage(
              Channel.PHONE,
              sid + "#" + turn,
              caller,
              null,
              speech.strip(),
              null,
              List.of(),
              now,
              null,
              null,
              call.language()));
    }
    int spoken = call.spokenTurns() + (heard ? 1 : 0);
    int misunderstood = call.misunderstood() + (heard ? 0 : 1);
    Reply reply =
        responder()
            .respond(
                new CallTurn(
                    sid,
                    caller,
                    turn,
                    heard ? speech.strip() : null,
                    call.language(),
                    misunderstood,
                    call.startedAt()));
    Locale language = call.language();
    String twiml;
    String outcome = null;
    switch (reply) {
      case Reply.Ask ask -> twiml = Twiml.gather(language, ask.text(), gatherUrl(turn + 1));
      case Reply.Goodbye goodbye -> twiml = Twiml.hangUp(language, goodbye.text());
      case Reply.Transfer transfer -> {
        var number = account.transferNumber();
        if (number.isPresent()) {
          String callerId =
              Objects.requireNonNullElse(
                  account.voiceNumber(), Objects.requireNonNullElse(form.get("To"), caller));
          twiml = Twiml.dial(language, transfer.text(), url("/dial-done"), callerId, number.get());
          outcome = "transferred";
        } else {
          // No line to put them through to: the team calls back.
          twiml = Twiml.hangUp(language, texts.say("voice.no-transfer", language));
          outcome = "transfer-unanswered";
        }
      }
    }
    calls.turnTaken(sid, turn, twiml, spoken, misunderstood, outcome);
    return twiml;
  }

  /**
   * The practice's line was rung ({@code DialCallStatus}): when nobody answered, the caller is told
   * the team will call back.
   */
  @Transactional
  public String transferEnded(TwilioForm form) {
    String sid = form.required("CallSid");
    String status = Objects.requireNonNullElse(form.get("DialCallStatus"), "failed");
    Locale language = calls.lock(sid).map(VoiceCall::language).orElseGet(account::voiceLanguage);
    if (status.equals("completed") || status.equals("answered")) {
      calls.outcome(sid, "transferred");
      return Twiml.hangUp();
    }
    calls.outcome(sid, "transfer-unanswered");
    return Twiml.hangUp(language, texts.say("voice.unanswered", language));
  }

  /**
   * The call's status callback: once it ended, its summary is stored for the caller's timeline,
   * once however often Twilio reports it.
   */
  @Transactional
  public void statusChanged(TwilioForm form) {
    String status = form.get("CallStatus");
    if (status == null || !ENDED.contains(status)) {
      return;
    }
    String sid = form.required("CallSid");
    Instant now = clock.instant();
    var call = calls.lock(sid);
    CallSummary summary;
    if (call.isPresent()) {
      VoiceCall c = call.get();
      summary =
          new CallSummary(
              sid, c.caller(), c.startedAt(), now, c.spokenTurns(), c.outcome(), c.language());
    } else {
      // Never answered by Accueil (busy, or a call that ended before its first webhook).
      summary =
          new CallSummary(
              sid,
              form.required("From"),
              now.minusSeconds(seconds(form.get("CallDuration"))),
              now,
              0,
              "hung-up",
              null);
    }
    inbox.store(summary);
    calls.ended(sid, now);
  }

  private CallResponder responder() {
    // Any other CallResponder bean (the assistant's) replaces the message taker.
    return responders
        .orderedStream()
        .filter(r -> r != messageTaker)
        .findFirst()
        .orElse(messageTaker);
  }

  private VoiceCall startLate(TwilioForm form, Instant now) {
    // The state expired or the incoming call's webhook went elsewhere: start it now.
    String from = form.required("From");
    calls.start(form.required("CallSid"), from, languageOf(from), now);
    return calls.lock(form.required("CallSid")).orElseThrow();
  }

  /** The caller's patient's language when their number is known, else the practice's. */
  private Locale languageOf(String from) {
    Locale fallback = TwilioAccount.supported(account.voiceLanguage().getLanguage(), Locale.FRENCH);
    if (PhoneNumbers.toE164(from, "FR").isEmpty()) {
      return fallback;
    }
    return patients.search(null, null, null, from, null, null, Patients.LIVE, 5).stream()
        .map(Patient::preferredLanguage)
        .filter(Objects::nonNull)
        .findFirst()
        .map(l -> TwilioAccount.supported(l, fallback))
        .orElse(fallback);
  }

  private String gatherUrl(int turn) {
    // The turn rides in the URL, so a turn Twilio posts twice is known for what it is. The first
    // needs none: the greeting's action is the plain URL.
    return url("/gather") + (turn > 1 ? "?turn=" + turn : "");
  }

  /** Absolute under the public base URL; relative (to the webhook Twilio called) without one. */
  private String url(String path) {
    String base = account.publicBaseUrl();
    return (base == null ? "" : base) + PATH + path;
  }

  private static long seconds(@Nullable String duration) {
    try {
      return duration == null ? 0 : Math.max(0, Long.parseLong(duration));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
