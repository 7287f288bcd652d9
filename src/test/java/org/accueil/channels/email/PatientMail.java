package org.accueil.channels.email;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/** A mail as a patient's client writes it. */
public final class PatientMail {

  private final MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
  private @Nullable String messageId;
  private boolean withoutMessageId;

  private PatientMail() {}

  public static PatientMail from(String address, String name) {
    PatientMail mail = new PatientMail();
    try {
      mail.message.setFrom(new InternetAddress(address, name, "UTF-8"));
      mail.message.setSubject("Re: New message", "UTF-8");
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new IllegalStateException(e);
    }
    return mail;
  }

  public PatientMail to(String address) throws MessagingException {
    message.setRecipients(Message.RecipientType.TO, address);
    return this;
  }

  PatientMail messageId(String id) {
    this.messageId = id;
    return this;
  }

  /** As some scripts and old clients send: no Message-ID at all. */
  PatientMail withoutMessageId() {
    this.withoutMessageId = true;
    return this;
  }

  public PatientMail header(String name, String value) throws MessagingException {
    message.setHeader(name, value);
    return this;
  }

  public PatientMail text(String text) throws MessagingException {
    message.setText(text, "UTF-8");
    return this;
  }

  public MimeMessage build() throws MessagingException {
    message.saveChanges();
    if (messageId != null) {
      message.setHeader("Message-ID", messageId);
    }
    if (withoutMessageId) {
      message.removeHeader("Message-ID");
    }
    return message;
  }
}
