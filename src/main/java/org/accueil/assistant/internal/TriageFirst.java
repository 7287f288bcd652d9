package org.accueil.assistant.internal;

import java.util.List;
import java.util.Optional;
import org.accueil.assistant.triage.EmergencyNumbers;
import org.accueil.assistant.triage.RedFlag;
import org.accueil.assistant.triage.RedFlags;
import org.accueil.channels.OutboundContent;
import org.accueil.conversations.Conversations;
import org.accueil.conversations.PatientMessageReceived;
import org.accueil.conversations.TimelineEntry;
import org.accueil.patients.Channel;
import org.accueil.platform.ProblemException;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeDirectory;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Red flags before anything else: every patient message is checked in the transaction that put it
 * on the timeline. On a hit the patient gets, on the channel they wrote on, the numbers to call in
 * the practice's country (and the crisis line for suicidal words), in the language of the words
 * that matched; the conversation goes to staff at once, urgent. A call is put through by the voice
 * channel itself.
 */
@Component
class TriageFirst {

  private static final Logger log = LoggerFactory.getLogger(TriageFirst.class);

  private final Conversations conversations;
  private final PracticeDirectory practice;
  private final MessageSource messages;
  private final TransactionTemplate savepoint;

  TriageFirst(
      Conversations conversations,
      PracticeDirectory practice,
      MessageSource messages,
      PlatformTransactionManager transactions) {
    this.conversations = conversations;
    this.practice = practice;
    this.messages = messages;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  @EventListener
  @org.springframework.core.annotation.Order(0)
  void on(PatientMessageReceived received) {
    Optional<RedFlag> flag =
        conversations.entry(received.entry()).map(TimelineEntry::text).flatMap(RedFlags::in);
    if (flag.isEmpty()) {
      return;
    }
    RedFlag redFlag = flag.get();
    if (received.channel() != Channel.PHONE) {
      try {
        // In a savepoint: a refusal (no channel can carry it) must not doom the transaction that
        // puts the patient's message on the timeline.
        savepoint.executeWithoutResult(
            status ->
                conversations.answer(
                    received.conversation(), new OutboundContent.Text(advice(redFlag, country()))));
      } catch (ProblemException cannotReach) {
        // No channel can carry it (none configured): the staff, alerted below, call back.
        log.warn("Red flag in conversation {}: no channel to answer on", received.conversation());
      }
    }
    conversations.handOverToStaff(
        received.conversation(),
        "red flag: " + redFlag.category().name().toLowerCase(java.util.Locale.ROOT),
        true);
  }

  String advice(RedFlag flag, @Nullable String country) {
    EmergencyNumbers numbers = EmergencyNumbers.of(country);
    List<String> emergency = numbers.emergency();
    if (flag.category() == RedFlag.Category.SUICIDAL && numbers.crisis() != null) {
      return messages.getMessage(
          "triage.crisis", new Object[] {emergency.getFirst(), numbers.crisis()}, flag.language());
    }
    if (emergency.size() > 1) {
      return messages.getMessage(
          "triage.emergency.two",
          new Object[] {emergency.get(0), emergency.get(1)},
          flag.language());
    }
    return messages.getMessage(
        "triage.emergency.one", new Object[] {emergency.getFirst()}, flag.language());
  }

  /** The practice's country: its first active location's. */
  @Nullable String country() {
    return practice.snapshot().locations().stream()
        .filter(Location::active)
        .map(l -> l.address().country())
        .findFirst()
        .orElse(null);
  }
}
