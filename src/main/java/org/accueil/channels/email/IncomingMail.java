package org.accueil.channels.email;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accueil.channels.InboundMessage;
import org.accueil.channels.InboundMessage.Attachment;
import org.accueil.patients.Channel;
import org.jspecify.annotations.Nullable;

/**
 * A patient's mail as the channel understands it: who wrote, what they wrote without the quote of
 * ours, what they attached, and the reply token or Message-IDs that tie it to a conversation.
 *
 * @param messageId its Message-ID, or a hash of the whole message when it has none: the same mail
 *     read twice has the same one
 * @param threadToken the token of a {@code reply+<token>@<reply-domain>} recipient, if any
 * @param references its In-Reply-To and References, oldest first
 * @param automatic an auto-reply or bulk mail (RFC 3834), which must not be answered
 */
record IncomingMail(
    String messageId,
    @Nullable String from,
    @Nullable String senderName,
    @Nullable String text,
    List<Attachment> attachments,
    Instant sentAt,
    @Nullable String threadToken,
    List<String> references,
    boolean automatic) {

  /** The opaque tokens the conversations module writes: base64url or hex, never an id. */
  private static final Pattern REPLY_ADDRESS =
      Pattern.compile("reply\\+([A-Za-z0-9_-]{8,200})@(.+)", Pattern.CASE_INSENSITIVE);

  /** Headers where a forwarding server leaves the address the mail was sent to. */
  private static final List<String> ENVELOPE_HEADERS =
      List.of("Delivered-To", "X-Original-To", "Envelope-To", "X-Forwarded-To");

  static IncomingMail read(MimeMessage message, String replyDomain, Instant receivedAt)
      throws MessagingException, IOException {
    String messageId = messageId(message);
    InternetAddress sender = sender(message);
    Body body = new Body();
    body.walk(message, messageId);
    String text =
        body.plain != null ? body.plain : body.html == null ? null : HtmlText.of(body.html);
    if (text != null) {
      text = QuotedReply.strip(text);
      if (text.isBlank()) {
        text = null;
      }
    }
    Instant sentAt = message.getSentDate() != null ? message.getSentDate().toInstant() : receivedAt;
    List<String> references = new ArrayList<>();
    references.addAll(EmailThreads.messageIds(headers(message, "References")));
    for (String id : EmailThreads.messageIds(headers(message, "In-Reply-To"))) {
      if (!references.contains(id)) {
        references.add(id);
      }
    }
    return new IncomingMail(
        messageId,
        sender == null ? null : sender.getAddress(),
        sender == null ? null : sender.getPersonal(),
        text,
        body.attachments,
        sentAt,
        threadToken(message, replyDomain).orElse(null),
        references,
        automatic(message));
  }

  InboundMessage toInbound(@Nullable String thread) {
    return new InboundMessage(
        Channel.EMAIL,
        messageId,
        from == null ? "" : from,
        senderName,
        text,
        null,
        attachments,
        sentAt,
        thread,
        null,
        null);
  }

  private static String messageId(MimeMessage message) throws MessagingException, IOException {
    List<String> ids = EmailThreads.messageIds(headers(message, "Message-ID"));
    if (!ids.isEmpty()) {
      return ids.getFirst();
    }
    // Without a Message-ID, the raw bytes identify the mail: read again, it hashes the same.
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    message.writeTo(raw);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw.toByteArray());
      return "sha256:" + HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static @Nullable InternetAddress sender(MimeMessage message) throws MessagingException {
    Address[] from = message.getFrom();
    if (from != null) {
      for (Address a : from) {
        if (a instanceof InternetAddress address) {
          return address;
        }
      }
    }
    return null;
  }

  private static Optional<String> threadToken(MimeMessage message, String replyDomain)
      throws MessagingException {
    List<String> candidates = new ArrayList<>();
    Address[] recipients = message.getAllRecipients();
    if (recipients != null) {
      for (Address a : recipients) {
        if (a instanceof InternetAddress address) {
          candidates.add(address.getAddress());
        }
      }
    }
    for (String header : ENVELOPE_HEADERS) {
      for (String value : headers(message, header)) {
        for (String part : value.split(",")) {
          candidates.add(part.replaceAll("[<>\\s]", ""));
        }
      }
    }
    for (String candidate : candidates) {
      if (candidate == null) {
        continue;
      }
      Matcher m = REPLY_ADDRESS.matcher(candidate.strip());
      if (m.matches() && m.group(2).equalsIgnoreCase(replyDomain)) {
        return Optional.of(m.group(1));
      }
    }
    return Optional.empty();
  }

  /** RFC 3834: an auto-reply says so; a list or bulk mail says Precedence. */
  private static boolean automatic(MimeMessage message) throws MessagingException {
    for (String value : headers(message, "Auto-Submitted")) {
      if (!value.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
        return true;
      }
    }
    for (String value : headers(message, "Precedence")) {
      String p = value.strip().toLowerCase(Locale.ROOT);
      if (p.equals("bulk") || p.equals("junk") || p.equals("list") || p.equals("auto_reply")) {
        return true;
      }
    }
    return false;
  }

  private static List<String> headers(Part part, String name) throws MessagingException {
    String[] values = part.getHeader(name);
    return values == null ? List.of() : List.of(values);
  }

  /** The first text/plain and text/html parts that are not attachments, and the attachments. */
  private static final class Body {
    @Nullable String plain;
    @Nullable String html;
    final List<Attachment> attachments = new ArrayList<>();
    private int index;

    void walk(Part part, String messageId) throws MessagingException, IOException {
      int current = index++;
      if (part.isMimeType("multipart/*")) {
        Multipart multipart = (Multipart) part.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
          BodyPart child = multipart.getBodyPart(i);
          walk(child, messageId);
        }
        return;
      }
      if (part.isMimeType("message/rfc822") || isAttachment(part)) {
        attachments.add(
            new Attachment(
                new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT),
                fileName(part),
                messageId + "#" + current));
        return;
      }
      if (part.isMimeType("text/plain") && plain == null) {
        plain = part.getContent().toString();
      } else if (part.isMimeType("text/html") && html == null) {
        html = part.getContent().toString();
      }
    }

    private static boolean isAttachment(Part part) throws MessagingException {
      if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
        return true;
      }
      // An inline image or file: not text a person wrote.
      return !part.isMimeType("text/plain") && !part.isMimeType("text/html");
    }

    private static @Nullable String fileName(Part part) throws MessagingException {
      String name = part.getFileName();
      if (name == null) {
        return null;
      }
      try {
        return MimeUtility.decodeText(name);
      } catch (java.io.UnsupportedEncodingException e) {
        return name;
      }
    }
  }
}
