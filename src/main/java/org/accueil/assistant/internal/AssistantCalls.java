package org.accueil.assistant.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.accueil.assistant.internal.Dialogue.Said;
import org.accueil.assistant.triage.RedFlag;
import org.accueil.assistant.triage.RedFlags;
import org.accueil.channels.CallResponder;
import org.accueil.channels.CallTurn;
import org.accueil.conversations.Conversation;
import org.accueil.conversations.ConversationState;
import org.accueil.conversations.Conversations;
import org.accueil.patients.Channel;
import org.accueil.patients.ChannelIdentities;
import org.accueil.patients.ChannelIdentities.Identification;
import org.accueil.patients.Patient;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The assistant on the phone: it greets a caller it knows by name and with what they asked last (on
 * any channel), then runs the same dialogue as in writing, turn by turn, with the choices spoken. A
 * red flag, a request for a person, or a dialogue that hands over puts the call through to the
 * practice's line.
 */
@Component
@ConditionalOnProperty(
    name = "accueil.assistant.answers",
    havingValue = "true",
    matchIfMissing = true)
class AssistantCalls implements CallResponder {

  private final ChannelIdentities identities;
  private final Conversations conversations;
  private final AssistantReplies replies;
  private final DialogueStore store;
  private final PracticeDirectory practice;
  private final MessageSource messages;
  private final TriageFirst triage;
  private final Clock clock;

  AssistantCalls(
      ChannelIdentities identities,
      Conversations conversations,
      AssistantReplies replies,
      DialogueStore store,
      PracticeDirectory practice,
      MessageSource messages,
      TriageFirst triage,
      Clock clock) {
    this.identities = identities;
    this.conversations = conversations;
    this.replies = replies;
    this.store = store;
    this.practice = practice;
    this.messages = messages;
    this.triage = triage;
    this.clock = clock;
  }

  @Override
  public @Nullable String greeting(String callSid, String from, Locale language) {
    Optional<Patient> caller = caller(from);
    if (caller.isEmpty()) {
      return null;
    }
    Patient patient = caller.get();
    Conversation c = conversations.ofPatientOrNew(patient.id());
    DialogueState state = store.load(c.id());
    // A visitor's name waits in the dialogue until their birth date completes the record.
    String name = patient.givenName() != null ? patient.givenName() : state.givenName;
    if (name == null) {
      return null;
    }
    Locale lang = state.language != null ? Locale.of(state.language) : language;
    String hello =
        messages.getMessage(
            "dialogue.call.hello", new Object[] {name, practice.snapshot().profile().name()}, lang);
    if ("book".equals(state.goal) && state.provider != null && !state.handedOver) {
      String provider =
          practice
              .snapshot()
              .provider(ProviderId.of(state.provider))
              .map(Provider::displayName)
              .orElse("");
      // Whatever was offered in writing may be gone: the caller says the day they want.
      state.offered = new java.util.ArrayList<>();
      state.step = DialogueState.Step.NONE;
      store.save(c.id(), state, clock.instant());
      return hello
          + " "
          + messages.getMessage("dialogue.call.resume-booking", new Object[] {provider}, lang);
    }
    return hello + " " + messages.getMessage("dialogue.call.how-can-i-help", null, lang);
  }

  @Override
  public Reply respond(CallTurn turn) {
    Locale language = turn.language();
    if (!turn.heard()) {
      return turn.misunderstood() >= 2
          ? new Reply.Transfer(messages.getMessage("dialogue.handover", null, language))
          : new Reply.Ask(messages.getMessage("dialogue.call.not-heard", null, language));
    }
    String speech = turn.speech();
    Optional<RedFlag> flag = RedFlags.in(speech);
    if (flag.isPresent()) {
      return new Reply.Transfer(triage.advice(flag.get(), triage.country()));
    }
    Optional<Patient> caller = caller(turn.from());
    if (caller.isEmpty()) {
      return new Reply.Transfer(messages.getMessage("dialogue.handover", null, language));
    }
    Conversation c = conversations.ofPatientOrNew(caller.get().id());
    if (c.state() == ConversationState.WITH_STAFF || c.assignee() != null) {
      return new Reply.Transfer(messages.getMessage("dialogue.handover", null, language));
    }
    Instant now = clock.instant();
    Optional<Said> said =
        replies.turn(
            new Dialogue.Turn(
                c.id(), caller.get().id(), Channel.PHONE, speech, null, now, language));
    if (said.isEmpty()) {
      return new Reply.Transfer(messages.getMessage("dialogue.handover", null, language));
    }
    Said s = said.get();
    if (s.optOut()) {
      replies.optOut(
          new Dialogue.Turn(c.id(), caller.get().id(), Channel.PHONE, speech, null, now, language));
      return new Reply.Goodbye(s.text());
    }
    if (s.handover() != null) {
      return new Reply.Transfer(s.text());
    }
    if (s.booked() != null) {
      // The written confirmation is the notifications module's, on the patient's channel.
      return new Reply.Goodbye(
          s.text() + " " + messages.getMessage("dialogue.call.goodbye", null, s.language()));
    }
    return new Reply.Ask(spoken(s));
  }

  /** The choices read out: "... : 1, Friday 13 March at 2 PM; 2, ..." are in the text already. */
  private String spoken(Said said) {
    return replies.phrased(said, "");
  }

  private Optional<Patient> caller(String from) {
    Identification who = identities.identify(Channel.PHONE, from, null);
    return switch (who) {
      case Identification.Known known -> Optional.of(known.patient());
      case Identification.NewPatient created -> Optional.of(created.patient());
      case Identification.AskWhoTheyAre ask -> Optional.empty();
    };
  }
}
