package org.accueil.conversations.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.channels.WebChatHistory;
import org.accueil.conversations.Conversation;
import org.accueil.conversations.TimelineEntry;
import org.accueil.patients.Channel;
import org.accueil.patients.ChannelIdentities;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a web chat visitor reads back: the messages of their conversation (never notes or events);
 * an anonymous visitor only those said in the web chat, since their browser's token proves nothing
 * about who they are.
 */
@Component
class WebChatTimeline implements WebChatHistory {

  private final ChannelIdentities identities;
  private final ConversationRepository conversations;
  private final EntryRepository entries;

  WebChatTimeline(
      ChannelIdentities identities, ConversationRepository conversations, EntryRepository entries) {
    this.identities = identities;
    this.conversations = conversations;
    this.entries = entries;
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<UUID> conversationOf(String visitorToken) {
    return conversationOfToken(visitorToken).map(Conversation::id);
  }

  @Override
  @Transactional(readOnly = true)
  public List<Line> messages(String visitorToken, boolean verified, long afterSeq, int limit) {
    Optional<Conversation> conversation = conversationOfToken(visitorToken);
    if (conversation.isEmpty()) {
      return List.of();
    }
    return entries
        .messagesAfter(conversation.get().id(), afterSeq, verified ? null : Channel.WEBCHAT, limit)
        .stream()
        .map(WebChatTimeline::line)
        .toList();
  }

  private Optional<Conversation> conversationOfToken(String token) {
    return identities.patientsAt(Channel.WEBCHAT, token).stream()
        .findFirst()
        .flatMap(conversations::byPatient);
  }

  private static Line line(TimelineEntry e) {
    return new Line(
        e.seq(),
        e.id(),
        e.author().code(),
        e.channel() == null ? Channel.WEBCHAT.code() : e.channel().code(),
        e.text(),
        e.at(),
        e.delivery() == null ? null : e.delivery().code(),
        e.choices());
  }
}
