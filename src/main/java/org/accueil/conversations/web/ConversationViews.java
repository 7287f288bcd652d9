package org.accueil.conversations.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.InboundMessage.Attachment;
import org.accueil.channels.OutboundContent.Choice;
import org.accueil.conversations.Author;
import org.accueil.conversations.Conversation;
import org.accueil.conversations.ConversationState;
import org.accueil.conversations.Conversations.InboxItem;
import org.accueil.conversations.Priority;
import org.accueil.conversations.TimelineEntry;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.jspecify.annotations.Nullable;

/** What the conversations API answers. */
final class ConversationViews {

  private ConversationViews() {}

  /** The patient a conversation is with, as the inbox names them. */
  record PatientSummary(
      UUID id, @Nullable String givenName, @Nullable String familyName, String status) {
    static @Nullable PatientSummary of(@Nullable Patient p) {
      return p == null
          ? null
          : new PatientSummary(p.id().value(), p.givenName(), p.familyName(), p.status().code());
    }
  }

  /**
   * @param whatsappWindowUntil until when a free-text WhatsApp reply is delivered; after it, the
   *     practice's approved template goes first
   * @param unread whether something was added since the caller last marked it read
   */
  record ConversationView(
      UUID id,
      @Nullable UUID patientId,
      @Nullable PatientSummary patient,
      ConversationState state,
      Priority priority,
      @Nullable String assignee,
      @Nullable Instant snoozedUntil,
      @Nullable Channel lastChannel,
      @Nullable Instant lastInboundAt,
      @Nullable Instant lastEntryAt,
      @Nullable Instant whatsappWindowUntil,
      long lastSeq,
      @Nullable Boolean unread) {

    static ConversationView of(
        Conversation c, @Nullable Patient patient, @Nullable Boolean unread) {
      return new ConversationView(
          c.id(),
          c.patient() == null ? null : c.patient().value(),
          PatientSummary.of(patient),
          c.state(),
          c.priority(),
          c.assignee(),
          c.snoozedUntil(),
          c.lastChannel(),
          c.lastInboundAt(),
          c.lastEntryAt(),
          c.whatsappWindowUntil(),
          c.lastSeq(),
          unread);
    }

    static ConversationView of(InboxItem item) {
      return of(item.conversation(), item.patient(), item.unread());
    }
  }

  /**
   * One timeline entry.
   *
   * @param text what was written or said; also given as {@code body}
   */
  record EntryView(
      UUID id,
      UUID conversationId,
      long seq,
      Instant at,
      TimelineEntry.Kind kind,
      @Nullable Channel channel,
      TimelineEntry.@Nullable Direction direction,
      Author author,
      @Nullable String authorRef,
      @Nullable String text,
      @Nullable String body,
      @Nullable String event,
      Map<String, Object> data,
      List<Attachment> attachments,
      List<Choice> choices,
      @Nullable DeliveryStatus delivery,
      @Nullable String deliveryError) {

    static EntryView of(TimelineEntry e) {
      return new EntryView(
          e.id(),
          e.conversation(),
          e.seq(),
          e.at(),
          e.kind(),
          e.channel(),
          e.direction(),
          e.author(),
          e.authorRef(),
          e.text(),
          e.text(),
          e.event(),
          e.data(),
          e.attachments(),
          e.choices(),
          e.delivery(),
          e.deliveryError());
    }
  }
}
