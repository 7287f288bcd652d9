package org.accueil.channels.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * GreenMail, the real SMTP and IMAP server of the e-mail tests, once per test JVM, behind relays
 * that a test can cut. The practice's mailbox is {@link #CLINIC}; a mail GreenMail receives for any
 * other address lands in that address's own mailbox (a patient's).
 */
public final class MailServer {

  public static final String REPLY_DOMAIN = "reply.accueil.test";
  public static final String CLINIC = "clinic@accueil.test";
  static final String CLINIC_LOGIN = "clinic";
  static final String CLINIC_PASSWORD = "clinic-secret";

  private static MailServer instance;

  public final GreenMail greenMail;
  final Relay smtp;
  final Relay imap;
  final GreenMailUser clinic;

  private MailServer() {
    int smtpPort = Relay.freePort();
    int imapPort = Relay.freePort();
    greenMail =
        new GreenMail(
                new ServerSetup[] {
                  new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                  new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
                })
            .withConfiguration(GreenMailConfiguration.aConfig());
    greenMail.start();
    clinic = greenMail.setUser(CLINIC, CLINIC_LOGIN, CLINIC_PASSWORD);
    smtp = new Relay(smtpPort);
    imap = new Relay(imapPort);
  }

  public static synchronized MailServer get() {
    if (instance == null) {
      instance = new MailServer();
    }
    return instance;
  }

  /** Every mailbox empty, every relay open. */
  public void reset() throws Exception {
    smtp.restore();
    imap.restore();
    greenMail.purgeEmailFromAllMailboxes();
  }

  /** What a mail server does with a mail sent to the reply domain: it lands in the clinic's box. */
  public void deliverToClinic(MimeMessage message) {
    clinic.deliver(message);
  }

  /**
   * Marks every mail of the clinic's box unseen again, as a crash before marking would leave it.
   */
  void markClinicMailUnseen() throws MessagingException {
    Properties p = new Properties();
    try (Store store = Session.getInstance(p).getStore("imap")) {
      store.connect("127.0.0.1", greenMail.getImap().getPort(), CLINIC_LOGIN, CLINIC_PASSWORD);
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_WRITE);
      for (Message m : inbox.getMessages()) {
        m.setFlag(Flags.Flag.SEEN, false);
      }
      inbox.close(false);
    }
  }

  /** How many of the clinic's mails are not seen. */
  int unseenAtClinic() throws MessagingException {
    Properties p = new Properties();
    p.setProperty("mail.imap.peek", "true");
    try (Store store = Session.getInstance(p).getStore("imap")) {
      store.connect("127.0.0.1", greenMail.getImap().getPort(), CLINIC_LOGIN, CLINIC_PASSWORD);
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      int unseen = inbox.getUnreadMessageCount();
      inbox.close(false);
      return unseen;
    }
  }

  /** The e-mail channel of the test application, pointed at this server through the relays. */
  @org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
  public static class Settings {
    @Bean
    DynamicPropertyRegistrar emailChannelSettings() {
      return registry -> {
        MailServer server = get();
        registry.add("accueil.channels.email.enabled", () -> "true");
        registry.add("accueil.channels.email.reply-domain", () -> REPLY_DOMAIN);
        registry.add("accueil.channels.email.smtp.host", () -> "127.0.0.1");
        registry.add("accueil.channels.email.smtp.port", () -> server.smtp.port());
        registry.add("accueil.channels.email.smtp.security", () -> "none");
        registry.add("accueil.channels.email.smtp.from-address", () -> CLINIC);
        registry.add("accueil.channels.email.smtp.timeout", () -> "5s");
        registry.add("accueil.channels.email.imap.host", () -> "127.0.0.1");
        registry.add("accueil.channels.email.imap.port", () -> server.imap.port());
        registry.add("accueil.channels.email.imap.security", () -> "none");
        registry.add("accueil.channels.email.imap.username", () -> CLINIC_LOGIN);
        registry.add("accueil.channels.email.imap.password", () -> CLINIC_PASSWORD);
        registry.add("accueil.channels.email.imap.timeout", () -> "5s");
      };
    }
  }
}
