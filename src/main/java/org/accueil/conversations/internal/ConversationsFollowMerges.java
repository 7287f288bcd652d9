package org.accueil.conversations.internal;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.accueil.conversations.Conversation;
import org.accueil.conversations.ConversationState;
import org.accueil.conversations.Priority;
import org.accueil.patients.MergeParticipant;
import org.accueil.patients.PatientId;
import org.springframework.stereotype.Component;

/**
 * A merge puts the duplicate's timeline into the survivor's conversation, entry by entry, so that
 * an unmerge can hand exactly those entries back.
 */
@Component
class ConversationsFollowMerges implements MergeParticipant {

  private final ConversationRepository conversations;
  private final EntryRepository entries;
  private final LiveInbox live;
  private final Clock clock;

  ConversationsFollowMerges(
      ConversationRepository conversations, EntryRepository entries, LiveInbox live, Clock clock) {
    this.conversations = conversations;
    this.entries = entries;
    this.live = live;
    this.clock = clock;
  }

  @Override
  public String records() {
    return "conversation-entries";
  }

  @Override
  public List<UUID> move(PatientId duplicate, PatientId survivor) {
    var from = conversations.byPatient(duplicate);
    if (from.isEmpty()) {
      return List.of();
    }
    Conversation source = from.get();
    Conversation target = conversations.ofPatient(survivor, source.state(), clock.instant());
    List<UUID> moved = entries.moveAll(source.id(), target.id());
    // The survivor's conversation takes the more pressing state of the two.
    if (target.state() == ConversationState.RESOLVED
        && source.state() != ConversationState.RESOLVED) {
      conversations.setState(target.id(), source.state(), source.snoozedUntil(), clock.instant());
      if (target.assignee() == null) {
        conversations.setAssignee(target.id(), source.assignee(), clock.instant());
      }
    }
    if (source.priority() == Priority.URGENT) {
      conversations.setPriority(target.id(), Priority.URGENT, clock.instant());
    }
    conversations.setState(source.id(), ConversationState.RESOLVED, null, clock.instant());
    conversations.refreshFromEntries(source.id());
    conversations.refreshFromEntries(target.id());
    live.conversationChanged(target.id());
    live.conversationChanged(source.id());
    return moved;
  }

  @Override
  public void moveBack(Collection<UUID> ids, PatientId survivor, PatientId duplicate) {
    var target = conversations.byPatient(survivor);
    var source = conversations.byPatient(duplicate);
    if (target.isEmpty() || source.isEmpty()) {
      return;
    }
    entries.moveBack(ids, target.get().id(), source.get().id());
    conversations.setState(
        source.get().id(), ConversationState.WAITING_FOR_STAFF, null, clock.instant());
    conversations.refreshFromEntries(source.get().id());
    conversations.refreshFromEntries(target.get().id());
    live.conversationChanged(target.get().id());
    live.conversationChanged(source.get().id());
  }
}
