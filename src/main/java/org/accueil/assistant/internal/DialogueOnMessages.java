package org.accueil.assistant.internal;

import java.time.Clock;
import java.util.Locale;
import org.accueil.assistant.triage.RedFlags;
import org.accueil.conversations.Conversation;
import org.accueil.conversations.ConversationChanged;
import org.accueil.conversations.ConversationState;
import org.accueil.conversations.Conversations;
import org.accueil.conversations.PatientMessageReceived;
import org.accueil.conversations.TimelineEntry;
import org.accueil.patients.Channel;
import org.accueil.satisfaction.SatisfactionRated;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The assistant answers every written message (web chat, WhatsApp, SMS, e-mail) of a conversation
 * no staff member has in hand, after triage ({@link TriageFirst} runs first). Phone calls are
 * answered live by {@link AssistantCalls}. {@code accueil.assistant.answers=false} leaves every
 * message to staff.
 */
@Component
@ConditionalOnProperty(
    name = "accueil.assistant.answers",
    havingValue = "true",
    matchIfMissing = true)
class DialogueOnMessages {

  private final Conversations conversations;
  private final AssistantReplies replies;
  private final DialogueStore store;
  private final Clock clock;

  DialogueOnMessages(
      Conversations conversations, AssistantReplies replies, DialogueStore store, Clock clock) {
    this.conversations = conversations;
    this.replies = replies;
    this.store = store;
    this.clock = clock;
  }

  @EventListener
  @Order(100)
  void on(PatientMessageReceived received) {
    if (received.channel() == Channel.PHONE || received.patient() == null) {
      return;
    }
    TimelineEntry entry = conversations.entry(received.entry()).orElse(null);
    if (entry == null || entry.text() == null || entry.text().isBlank()) {
      return;
    }
    if (RedFlags.in(entry.text()).isPresent()) {
      // Triage answered and handed over: the assistant keeps quiet until staff hand back.
      DialogueState state = store.load(received.conversation());
      state.finish();
      state.handedOver = true;
      store.save(received.conversation(), state, received.at());
      return;
    }
    Conversation c = conversations.find(received.conversation());
    Object choice = entry.data().get("choice");
    if ((c.state() == ConversationState.WITH_STAFF || c.assignee() != null)
        && !Dialogue.disruptionChoice(choice instanceof String s ? s : null)) {
      return;
    }
    Locale language = entry.data().get("language") instanceof String l ? Locale.of(l) : null;
    Dialogue.Turn turn =
        new Dialogue.Turn(
            received.conversation(),
            received.patient(),
            received.channel(),
            entry.text(),
            choice instanceof String s ? s : null,
            received.at(),
            language);
    replies.turn(turn).ifPresent(said -> replies.send(turn, said));
  }

  /**
   * A low rating (here or on the e-mail's page) handed the conversation to staff, who call the
   * patient back: the assistant keeps quiet until they hand it back.
   */
  @EventListener
  void on(SatisfactionRated rated) {
    if (!rated.low()) {
      return;
    }
    DialogueState state = store.load(rated.conversation());
    if (!state.handedOver) {
      state.handedOver = true;
      store.save(rated.conversation(), state, clock.instant());
    }
  }

  /** Staff handed the conversation back, or closed it: the assistant answers again. */
  @EventListener
  void on(ConversationChanged changed) {
    if (changed.state() == ConversationState.WITH_ASSISTANT
        || changed.state() == ConversationState.RESOLVED) {
      DialogueState state = store.load(changed.conversation());
      if (state.handedOver) {
        state.handedOver = false;
        store.save(changed.conversation(), state, clock.instant());
      }
    }
  }
}
