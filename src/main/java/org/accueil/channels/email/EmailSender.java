package org.accueil.channels.email;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
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
    mime.setSubject(
        messages.getMessage("email.subject", new Object[] {practiceName}, language),
        StandardCharsets.UTF_8.name());
    mime.setSentDate(Date.from(clock.instant()));
    mime.setText(body(message.content(), practiceName, language), StandardCharsets.UTF_8.name());
    mime.saveChanges();
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
