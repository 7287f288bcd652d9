package org.accueil.conversations.internal;

import org.accueil.channels.DeliveryChanged;
import org.accueil.channels.DeliveryStatus;
import org.accueil.conversations.Conversation;
import org.accueil.conversations.MessageDeliveryChanged;
import org.accueil.conversations.TimelineEntry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Shows on the timeline where each message we sent is, and acts on a failure the way its error code
 * says: outside WhatsApp's window, the approved template goes out and the message waits for the
 * patient's answer; on a channel that cannot reach the patient, the message goes out on the next
 * one they accept. Runs in the transaction that recorded the report.
 */
@Component
class DeliveryFollowUp {

  private final EntryRepository entries;
  private final ConversationRepository conversations;
  private final Sending sending;
  private final LiveInbox live;
  private final ApplicationEventPublisher events;

  DeliveryFollowUp(
      EntryRepository entries,
      ConversationRepository conversations,
      Sending sending,
      LiveInbox live,
      ApplicationEventPublisher events) {
    this.events = events;
    this.entries = entries;
    this.conversations = conversations;
    this.sending = sending;
    this.live = live;
  }

  @EventListener
  void on(DeliveryChanged change) {
    var entryId = entries.entrySentAs(change.reference());
    if (entryId.isEmpty()) {
      return;
    }
    TimelineEntry entry = entries.find(entryId.get()).orElseThrow();
    String error =
        change.errorCode() == null
            ? null
            : change.errorCode() + (change.errorTitle() == null ? "" : " " + change.errorTitle());
    if (!entries.delivery(entry.id(), change.status(), error)) {
      return;
    }
    TimelineEntry moved = entries.find(entry.id()).orElseThrow();
    live.entryAdded(moved.conversation(), moved.seq());
    TimelineEntry resent = null;
    if (change.status() == DeliveryStatus.FAILED) {
      Conversation c = conversations.lock(moved.conversation()).orElseThrow();
      boolean isTemplate = moved.data().containsKey("template");
      switch (change.fallback()) {
        case TEMPLATE -> {
          if (!isTemplate) {
            sending.reopenFor(c, moved);
          }
        }
        case OTHER_CHANNEL -> resent = sending.resendElsewhere(c, moved).orElse(null);
        case NONE -> {}
      }
    }
    events.publishEvent(
        new MessageDeliveryChanged(
            moved.id(),
            moved.conversation(),
            change.channel(),
            change.status(),
            error,
            moved.data(),
            resent));
  }
}
