package org.accueil.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

/**
 * A message whose Message-ID is ours: {@code saveChanges()} would otherwise replace it with a
 * random one, and a reply's In-Reply-To could no longer be matched to the thread.
 */
final class ThreadedMimeMessage extends MimeMessage {

  private final String messageId;

  ThreadedMimeMessage(Session session, String messageId) {
    super(session);
    this.messageId = messageId;
  }

  @Override
  protected void updateMessageID() throws MessagingException {
    setHeader("Message-ID", messageId);
  }
}
