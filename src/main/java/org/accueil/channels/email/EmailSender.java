package org.accueil.channels.email;

import jakarta.activation.DataHandler;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentDisposition;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.accueil.channels.ChannelSender;
import org.accueil.channels.DeliveryChanged.Fallback;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.OutboundContent;
import org.accueil.channels.OutboundMessage;
import org.accueil.channels.email.EmailProperties.Security;
import org.accueil.channels.email.EmailProperties.Smtp;
import org.accueil.channels.email.EmailThreads.MailThread;
import org.accueil.patients.Channel;
import org.accueil.practice.PracticeDirectory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Sends over SMTP, threaded: our own Message-ID ({@code <reference@reply-domain>}, the same on
 * every retry), In-Reply-To the thread's last message, References the thread's ids, and a Reply-To
 * carrying the conversation's opaque token, so the patient's reply comes back to its conversation.
 */
@Component
class EmailSender implements ChannelSender {

  private static final Logger log = LoggerFactory.getLogger(EmailSender.class);
  private static final Set<String> LANGUAGES = Set.of("fr", "en", "it");
  private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"']+@[^\\s<>\"']+");

  private final MailSettings settings;
  private final EmailThreads threads;
  private final PracticeDirectory practice;
  private final MessageSource messages;
  private final Clock clock;

  EmailSender(
      MailSettings settings,
      EmailThreads threads,
      PracticeDirectory practice,
      MessageSource messages,
      Clock clock) {
    this.settings = settings;
    this.threads = threads;
    this.practice = practice;
    this.messages = messages;
    this.clock = clock;
  }

  @Override
  public Channel channel() {
    return Channel.EMAIL;
  }

  @Override
  public boolean enabled() {
    return settings.sends();
  }

  @Override
  public Outcome send(OutboundMessage message) {
    Smtp smtp = settings.smtp();
    String domain = requireNonNull(settings.replyDomain());
    String messageId = "<" + message.reference() + "@" + domain + ">";
    String token = message.thread();
    Optional<MailThread> thread = token == null ? Optional.empty() : threads.find(token);
    Session session =
        Session.getInstance(
            MailSettings.session(
                protocol(smtp), smtp.security(), smtp.timeout(), smtp.username() != null));
    ThreadedMimeMessage mime = new ThreadedMimeMessage(session, messageId);
    try {
      InternetAddress to;
      try {
        to = new InternetAddress(message.to(), true);
      } catch (AddressException e) {
        return new Outcome.Rejected(
            "invalid-address", "Not an e-mail address", Fallback.OTHER_CHANNEL);
      }
      compose(mime, message, smtp, domain, to, token, thread);
    } catch (MessagingException | UnsupportedEncodingException e) {
      // Our own settings (the from address) are wrong: the staff must fix them; retried meanwhile.
      return new Outcome.RetryLater(null, "smtp-configuration", scrubbed(e.getMessage()));
    }
    try (Transport transport = session.getTransport(protocol(smtp))) {
      transport.connect(smtp.host(), smtp.port(), smtp.username(), smtp.password());
      transport.sendMessage(mime, mime.getAllRecipients());
    } catch (MessagingException e) {
      return outcomeOf(e);
    }
    remember(token, messageId, thread);
    return new Outcome.Accepted(messageId, DeliveryStatus.SENT);
  }

  private void compose(
      ThreadedMimeMessage mime,
      OutboundMessage message,
      Smtp smtp,
      String domain,
      InternetAddress to,
      @Nullable String token,
      Optional<MailThread> thread)
      throws MessagingException, UnsupportedEncodingException {
    String practiceName = practice.snapshot().profile().name();
    Locale language = language(message.language());
    String fromName = smtp.fromName() == null ? practiceName : smtp.fromName();
    mime.setFrom(
        new InternetAddress(
            requireNonNull(smtp.fromAddress()), fromName, StandardCharsets.UTF_8.name()));
    mime.setRecipient(Message.RecipientType.TO, to);
    if (token != null) {
      mime.setReplyTo(
          new Address[] {
            new InternetAddress(
                "reply+" + token + "@" + domain, practiceName, StandardCharsets.UTF_8.name())
          });
    }
    if (thread.isPresent()) {
      mime.setHeader("In-Reply-To", thread.get().lastMessageId());
      mime.setHeader("References", String.join(" ", thread.get().messageIds()));
    }
    OutboundContent content = message.content();
    String subject =
        content instanceof OutboundContent.Text text && text.subject() != null
            ? text.subject()
            : messages.getMessage("email.subject", new Object[] {practiceName}, language);
    // One line: a line break in a header would start another header.
    mime.setSubject(subject.replaceAll("\\s+", " ").strip(), StandardCharsets.UTF_8.name());
    mime.setSentDate(Date.from(clock.instant()));
    String body = body(content, practiceName, language);
    List<OutboundContent.Attachment> attachments =
        content instanceof OutboundContent.Text text ? text.attachments() : List.of();
    if (attachments.isEmpty()) {
      mime.setText(body, StandardCharsets.UTF_8.name());
    } else {
      mime.setContent(withAttachments(body, attachments));
    }
    mime.saveChanges();
  }

  /** The words first, then each file (RFC 2046 §5.1.3: the parts of a mixed body are in order). */
  private static MimeMultipart withAttachments(
      String body, List<OutboundContent.Attachment> attachments) throws MessagingException {
    MimeMultipart mixed = new MimeMultipart("mixed");
    MimeBodyPart text = new MimeBodyPart();
    text.setText(body, StandardCharsets.UTF_8.name());
    mixed.addBodyPart(text);
    for (OutboundContent.Attachment attachment : attachments) {
      mixed.addBodyPart(part(attachment));
    }
    return mixed;
  }

  /**
   * One file. A text type without a charset is said to be UTF-8, and a calendar keeps its {@code
   * method} parameter: Gmail, Outlook and Apple Mail show their "add to calendar" card from it (RFC
   * 6047 §2.4). The file name is RFC 2231-encoded when it is not ASCII; the content goes in base64,
   * so the file arrives byte for byte, CRLF line ends included.
   */
  private static MimeBodyPart part(OutboundContent.Attachment attachment)
      throws MessagingException {
    ContentType given = new ContentType(attachment.mediaType());
    ParameterList typeParameters =
        given.getParameterList() == null ? new ParameterList() : given.getParameterList();
    if (given.getPrimaryType().equalsIgnoreCase("text") && given.getParameter("charset") == null) {
      typeParameters.set("charset", StandardCharsets.UTF_8.name());
    }
    typeParameters.set("name", attachment.filename(), StandardCharsets.UTF_8.name());
    ContentType type = new ContentType(given.getPrimaryType(), given.getSubType(), typeParameters);
    ParameterList dispositionParameters = new ParameterList();
    dispositionParameters.set("filename", attachment.filename(), StandardCharsets.UTF_8.name());
    ContentDisposition disposition = new ContentDisposition(Part.ATTACHMENT, dispositionParameters);
    MimeBodyPart part = new MimeBodyPart();
    part.setDataHandler(
        new DataHandler(new ByteArrayDataSource(attachment.content(), type.toString())));
    part.setHeader("Content-Type", type.toString());
    part.setHeader("Content-Disposition", disposition.toString());
    part.setHeader("Content-Transfer-Encoding", "base64");
    return part;
  }

  /** The message as plain text: choices as numbered lines, then a short footer. */
  String body(OutboundContent content, String practiceName, Locale language) {
    StringBuilder body = new StringBuilder(content.text().strip()).append("\n");
    List<OutboundContent.Choice> choices =
        switch (content) {
          case OutboundContent.Buttons b -> b.choices();
          case OutboundContent.Menu m -> m.choices();
          case OutboundContent.Text t -> List.of();
          case OutboundContent.Template t -> List.of();
        };
    if (!choices.isEmpty()) {
      body.append("\n").append(messages.getMessage("email.choices", null, language)).append("\n");
      for (int i = 0; i < choices.size(); i++) {
        OutboundContent.Choice choice = choices.get(i);
        body.append(i + 1).append(". ").append(choice.title());
        if (choice.description() != null) {
          body.append(" (").append(choice.description()).append(")");
        }
        body.append("\n");
      }
    }
    // "-- " is the signature separator (RFC 3676 §4.3): mail clients leave the footer out of the
    // quote in the patient's reply.
    body.append("\n-- \n")
        .append(messages.getMessage("email.footer", new Object[] {practiceName}, language))
        .append("\n");
    return body.toString();
  }

  private void remember(@Nullable String token, String messageId, Optional<MailThread> thread) {
    if (token == null) {
      return;
    }
    Instant now = clock.instant();
    try {
      threads.add(token, messageId, thread.map(MailThread::messageIds).orElse(List.of()), now);
    } catch (RuntimeException e) {
      // The mail went out: failing here would send it again. A reply still finds its
      // conversation through the reply address.
      log.warn("Sent {} but could not record it in its thread: {}", messageId, e.toString());
    }
  }

  /**
   * What an SMTP failure means for the message. A 5xx reply (550 mailbox unknown, 553 address
   * refused, 554 rejected) is final: another channel may reach the patient. A 4xx reply (451 local
   * error, 452 storage full, greylisting) and a server that cannot be reached are an outage.
   */
  static Outcome outcomeOf(MessagingException failure) {
    int code = replyCode(failure);
    String reason = scrubbed(failure.getMessage());
    if (code >= 500 && code < 600) {
      return new Outcome.Rejected("smtp-" + code, reason, Fallback.OTHER_CHANNEL);
    }
    if (code >= 400 && code < 500) {
      return new Outcome.RetryLater(null, "smtp-" + code, reason);
    }
    if (failure instanceof AuthenticationFailedException) {
      return new Outcome.RetryLater(null, "smtp-authentication", reason);
    }
    return new Outcome.RetryLater(null, "smtp-unreachable", reason);
  }

  /** The SMTP reply code in the failure or the failures it chains, 0 when there is none. */
  private static int replyCode(MessagingException failure) {
    int code = 0;
    for (Throwable t = failure; t != null; ) {
      int found =
          switch (t) {
            case SMTPAddressFailedException e -> e.getReturnCode();
            case SMTPSenderFailedException e -> e.getReturnCode();
            case SMTPSendFailedException e -> e.getReturnCode();
            default -> 0;
          };
      code = Math.max(code, found);
      Throwable next = t instanceof MessagingException m ? m.getNextException() : t.getCause();
      t = next == t ? null : next;
    }
    return code;
  }

  /** A server's reply often quotes the address: it goes to logs and the timeline without it. */
  static String scrubbed(@Nullable String reason) {
    String text = reason == null ? "SMTP failure" : reason.strip();
    text = ADDRESS.matcher(text).replaceAll("<address>");
    return text.length() > 300 ? text.substring(0, 300) : text;
  }

  private static String protocol(Smtp smtp) {
    return smtp.security() == Security.SSL ? "smtps" : "smtp";
  }

  private static Locale language(Locale requested) {
    String code = requested.getLanguage();
    return Locale.of(LANGUAGES.contains(code) ? code : "en");
  }

  private static String requireNonNull(@Nullable String value) {
    if (value == null) {
      throw new IllegalStateException("The e-mail channel is not configured");
    }
    return value;
  }
}
