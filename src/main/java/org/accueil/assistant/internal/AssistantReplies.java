package org.accueil.assistant.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.assistant.internal.Dialogue.Said;
import org.accueil.assistant.internal.Dialogue.Turn;
import org.accueil.assistant.understanding.ReplyPhraser;
import org.accueil.channels.OutboundContent;
import org.accueil.conversations.Conversations;
import org.accueil.platform.ProblemException;
import org.accueil.privacy.ConsentChannel;
import org.accueil.privacy.ConsentPurpose;
import org.accueil.privacy.ConsentSource;
import org.accueil.privacy.Consents;
import org.accueil.privacy.RecordConsent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one turn of the dialogue for a conversation and carries out what it decided: the state
 * saved, the conversation kept or handed to staff with its summary, a confirmation of attendance
 * put on the timeline. A booking's written confirmation is the notifications module's.
 */
@Component
class AssistantReplies {

  private static final Logger log = LoggerFactory.getLogger(AssistantReplies.class);

  private final Dialogue dialogue;
  private final DialogueStore store;
  private final Conversations conversations;
  private final MessageSource messages;
  private final ObjectProvider<ReplyPhraser> phraser;
  private final Consents consents;
  private final TransactionTemplate savepoint;

  AssistantReplies(
      Dialogue dialogue,
      DialogueStore store,
      Conversations conversations,
      MessageSource messages,
      ObjectProvider<ReplyPhraser> phraser,
      Consents consents,
      PlatformTransactionManager transactions) {
    this.consents = consents;
    this.dialogue = dialogue;
    this.store = store;
    this.conversations = conversations;
    this.messages = messages;
    this.phraser = phraser;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /**
   * The dialogue's answer to one message, its effects done; empty when the assistant keeps quiet
   * (staff have the conversation) or could not answer (then staff have it now).
   */
  Optional<Said> turn(Turn turn) {
    DialogueState state = store.load(turn.conversation());
    // A tap on the times the practice held for the patient (a disruption) is taken even while
    // staff have the conversation: it answers the practice's own offer. The conversation stays
    // with staff.
    boolean offerTapped = Dialogue.disruptionChoice(turn.choice());
    boolean withStaff = state.handedOver;
    if (state.handedOver && !offerTapped) {
      if (dialogue.commentWhileWithStaff(turn, state)) {
        store.save(turn.conversation(), state, turn.at());
      }
      return Optional.empty();
    }
    Said said;
    try {
      // In a savepoint: whatever goes wrong, the patient's message stays on the timeline.
      said = savepoint.execute(status -> dialogue.respond(turn, state));
    } catch (RuntimeException e) {
      log.warn("The assistant could not answer in conversation {}", turn.conversation(), e);
      state.finish();
      state.handedOver = true;
      store.save(turn.conversation(), state, turn.at());
      // The reason is shown to staff: the kind of failure, not its message (which may quote data).
      conversations.handOverToStaff(
          turn.conversation(),
          "the assistant failed (" + e.getClass().getSimpleName() + ")",
          false);
      return Optional.empty();
    }
    store.save(turn.conversation(), state, turn.at());
    if (said == null) {
      return Optional.empty();
    }
    if (said.handover() != null) {
      conversations.handOverToStaff(turn.conversation(), said.handover(), false);
    } else if (!state.handedOver && !withStaff) {
      // Not when this turn gave the conversation to staff by other means (a low rating).
      conversations.keepWithAssistant(turn.conversation());
    }
    if (said.confirmed() != null) {
      conversations.record(
          turn.patient(),
          "appointment.confirmed",
          Map.of("appointmentId", said.confirmed().id().value(), "by", "patient"));
    }
    return Optional.of(said);
  }

  /** The words as the optional language model phrases them, facts kept; else as written. */
  String phrased(Said said, String patientText) {
    ReplyPhraser p = phraser.getIfAvailable();
    if (p == null || said.handover() != null) {
      return said.text();
    }
    return p.phrase(said.text(), said.language(), patientText);
  }

  /**
   * The patient asked not to be written to on this channel: recorded after the acknowledgement is
   * queued, so that they get it.
   */
  void optOut(Turn turn) {
    consents.record(
        new RecordConsent(
            turn.patient(),
            ConsentChannel.valueOf(turn.channel().name()),
            ConsentPurpose.APPOINTMENT_MESSAGES,
            false,
            switch (turn.channel()) {
              case WHATSAPP -> ConsentSource.WHATSAPP;
              case EMAIL -> ConsentSource.EMAIL;
              case PHONE -> ConsentSource.PHONE;
              case WEBCHAT -> ConsentSource.WEBCHAT;
              case SMS -> ConsentSource.SMS_KEYWORD;
            },
            null));
  }

  /** A message answer on the channel the patient wrote on: buttons, a list, or text. */
  void send(Turn turn, Said said) {
    UUID conversation = turn.conversation();
    String patientText = turn.text();
    String text = phrased(said, patientText);
    OutboundContent content;
    List<OutboundContent.Choice> choices = said.choices();
    if (choices.isEmpty()) {
      content = new OutboundContent.Text(text);
    } else if (choices.size() <= 3) {
      content = new OutboundContent.Buttons(text, choices);
    } else {
      content =
          new OutboundContent.Menu(
              text, messages.getMessage("dialogue.button.choose", null, said.language()), choices);
    }
    try {
      savepoint.executeWithoutResult(status -> conversations.answer(conversation, content));
    } catch (ProblemException unreachable) {
      log.warn("The assistant's answer in conversation {} has no channel", conversation);
    }
    if (said.optOut()) {
      optOut(turn);
    }
  }
}
