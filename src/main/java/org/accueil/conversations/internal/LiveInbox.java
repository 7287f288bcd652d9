package org.accueil.conversations.internal;

import java.util.UUID;
import org.accueil.channels.WebChatHistory;
import org.accueil.platform.LiveNotifications;
import org.springframework.stereotype.Component;

/**
 * Announces changes to every node's open inboxes and chat windows once the transaction commits:
 * {@code accueil_timeline} for a new or changed entry, {@code accueil_inbox} for a conversation's
 * state, priority or assignment. Payloads are ids only.
 */
@Component
public class LiveInbox {

  public static final String TIMELINE = WebChatHistory.TOPIC;
  public static final String INBOX = "accueil_inbox";

  private final LiveNotifications notifications;

  LiveInbox(LiveNotifications notifications) {
    this.notifications = notifications;
  }

  public void entryAdded(UUID conversation, long seq) {
    notifications.publish(
        TIMELINE, "{\"conversation\":\"" + conversation + "\",\"seq\":" + seq + "}");
  }

  public void conversationChanged(UUID conversation) {
    notifications.publish(INBOX, "{\"conversation\":\"" + conversation + "\"}");
  }
}
