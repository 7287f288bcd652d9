package org.accueil.channels.email;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelInbox.Receipt;
import org.accueil.channels.email.EmailProperties.Imap;
import org.accueil.channels.email.EmailProperties.Security;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The IMAP mailbox patients' replies arrive in. A pass reads the unseen messages, stores each
 * through the {@link ChannelInbox}, and marks it {@code \Seen} only once that is committed: a crash
 * or an outage between the two leaves it unseen, and the next pass stores it again as a duplicate,
 * which the inbox drops. Nothing is lost, nothing is stored twice.
 */
@Component
public class Mailbox {

  private static final Logger log = LoggerFactory.getLogger(Mailbox.class);

  private final MailSettings settings;
  private final EmailThreads threads;
  private final ChannelInbox inbox;
  private final TransactionTemplate transactions;
  private final Clock clock;
  private final ReentrantLock reading = new ReentrantLock();

  Mailbox(
      MailSettings settings,
      EmailThreads threads,
      ChannelInbox inbox,
      PlatformTransactionManager transactions,
      Clock clock) {
    this.settings = settings;
    this.threads = threads;
    this.inbox = inbox;
    this.transactions = new TransactionTemplate(transactions);
    this.clock = clock;
  }

  /**
   * What a pass did.
   *
   * @param stored mails new to the inbox
   * @param duplicates mails stored before (read again after a crash or an outage)
   * @param skipped auto-replies and mails that could not be read, marked seen and left for a person
   *     to look at in the mailbox
   * @param failure why the pass stopped early (the server could not be reached), null when it ran
   *     to its end
   */
  public record Pass(int stored, int duplicates, int skipped, @Nullable String failure) {}

  /** Reads what is new, once, if the mailbox is configured; never throws for an outage. */
  public Pass readNew() {
    if (!settings.reads()) {
      return new Pass(0, 0, 0, "not configured");
    }
    // One pass at a time on this node; db-scheduler runs the recurring pass on one node at a time.
    reading.lock();
    try {
      return pass(settings.imap(), settings.replyDomain());
    } finally {
      reading.unlock();
    }
  }

  private Pass pass(Imap imap, @Nullable String replyDomain) {
    int stored = 0;
    int duplicates = 0;
    int skipped = 0;
    String protocol = imap.security() == Security.SSL ? "imaps" : "imap";
    Properties properties = MailSettings.session(protocol, imap.security(), imap.timeout(), true);
    // Reading a body with BODY.PEEK leaves it unseen: it is marked only once stored.
    properties.setProperty("mail." + protocol + ".peek", "true");
    Session session = Session.getInstance(properties);
    try (Store store = session.getStore(protocol)) {
      store.connect(imap.host(), imap.port(), imap.username(), imap.password());
      Folder folder = store.getFolder(imap.folder());
      folder.open(Folder.READ_WRITE);
      try {
        Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        for (Message message : Arrays.copyOf(unseen, Math.min(unseen.length, imap.batchSize()))) {
          switch (take((MimeMessage) message, replyDomain == null ? "" : replyDomain)) {
            case STORED -> stored++;
            case DUPLICATE -> duplicates++;
            case SKIPPED -> skipped++;
          }
        }
      } finally {
        folder.close(false);
      }
      return new Pass(stored, duplicates, skipped, null);
    } catch (MessagingException e) {
      log.warn(
          "Reading the mailbox {} on {} failed, trying again at the next pass: {}",
          imap.folder(),
          imap.host(),
          e.toString());
      return new Pass(stored, duplicates, skipped, e.toString());
    }
  }

  private enum Taken {
    STORED,
    DUPLICATE,
    SKIPPED
  }

  private Taken take(MimeMessage message, String replyDomain) throws MessagingException {
    Instant now = clock.instant();
    IncomingMail mail;
    try {
      mail = IncomingMail.read(message, replyDomain, now);
    } catch (IOException | MessagingException | RuntimeException e) {
      if (e instanceof MessagingException m && isConnectionLost(m)) {
        throw m;
      }
      // Reading it again will fail again: flagged for a person, so it does not block the mailbox.
      log.warn("A mail could not be read and is flagged in the mailbox: {}", e.toString());
      message.setFlags(new Flags(Flags.Flag.FLAGGED), true);
      message.setFlag(Flags.Flag.SEEN, true);
      return Taken.SKIPPED;
    }
    if (mail.automatic() || mail.from() == null) {
      // An out-of-office answer to our message must not start a conversation with the assistant,
      // which would answer it, and so on.
      log.info("Skipped an automatic mail {}", mail.messageId());
      message.setFlag(Flags.Flag.SEEN, true);
      return Taken.SKIPPED;
    }
    Receipt receipt = transactions.execute(status -> store(mail, now));
    // Committed: marking it seen can fail now (the connection dropped) at no cost.
    message.setFlag(Flags.Flag.SEEN, true);
    return receipt == Receipt.STORED ? Taken.STORED : Taken.DUPLICATE;
  }

  /**
   * Stores a mail read from the mailbox or posted by Mailgun, in the caller's transaction: its
   * thread (the reply address's token, else the thread its References name) and the message.
   */
  Receipt store(IncomingMail mail, Instant now) {
    String token =
        mail.threadToken() != null
            ? mail.threadToken()
            : threads.tokenOf(mail.references()).orElse(null);
    if (token != null) {
      threads.add(token, mail.messageId(), mail.references(), now);
    }
    return inbox.store(mail.toInbound(token));
  }

  private static boolean isConnectionLost(MessagingException e) {
    return e instanceof jakarta.mail.FolderClosedException
        || e instanceof jakarta.mail.StoreClosedException;
  }
}
