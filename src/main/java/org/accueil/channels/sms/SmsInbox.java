package org.accueil.channels.sms;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelInbox.Receipt;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.DeliveryUpdate;
import org.accueil.channels.InboundMessage;
import org.accueil.channels.twilio.TwilioAccount;
import org.accueil.channels.twilio.TwilioForm;
import org.accueil.channels.twilio.Twiml;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.patients.Patients;
import org.accueil.patients.PhoneNumbers;
import org.accueil.privacy.ConsentChannel;
import org.accueil.privacy.ConsentPurpose;
import org.accueil.privacy.ConsentSource;
import org.accueil.privacy.ConsentWording;
import org.accueil.privacy.Consents;
import org.accueil.privacy.RecordConsent;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What Twilio's SMS webhooks deliver: a patient's text, stored before Twilio is answered, with its
 * keyword applied in the same transaction; and the reports on what we sent.
 */
@Service
public class SmsInbox {

  /** More holders of one number than a family shares: the rest are not looked at. */
  private static final int MAX_HOLDERS = 20;

  private final ChannelInbox inbox;
  private final Consents consents;
  private final Patients patients;
  private final TwilioAccount account;
  private final MessageSource messages;
  private final Clock clock;

  SmsInbox(
      ChannelInbox inbox,
      Consents consents,
      Patients patients,
      TwilioAccount account,
      MessageSource messages,
      Clock clock) {
    this.inbox = inbox;
    this.consents = consents;
    this.patients = patients;
    this.account = account;
    this.messages = messages;
    this.clock = clock;
  }

  /**
   * Stores the text and, when it is a keyword, applies it to every patient holding the number: a
   * STOP is honoured by every node once this returns (the TCPA and GDPR art. 7(3) ask for no
   * delay). A redelivered text is stored once and its keyword applied once; the reply is repeated,
   * since Twilio did not get the first one.
   *
   * @return the TwiML to answer Twilio with
   */
  @Transactional
  public String receive(TwilioForm form) {
    String from = form.required("From");
    String body = form.get("Body");
    Receipt receipt =
        inbox.store(
            new InboundMessage(
                Channel.SMS,
                form.required("MessageSid"),
                from,
                null,
                body,
                null,
                attachments(form),
                clock.instant(),
                null,
                null,
                null));
    Optional<SmsKeyword> keyword = SmsKeyword.of(body, form.get("OptOutType"));
    if (keyword.isEmpty()) {
      return Twiml.empty();
    }
    boolean first = receipt == Receipt.STORED;
    List<Patient> holders = holdersOf(from);
    Locale language =
        keyword.get().language() != null
            ? keyword.get().language()
            : holders.stream()
                .map(Patient::preferredLanguage)
                .filter(l -> l != null)
                .findFirst()
                .map(l -> TwilioAccount.supported(l, Locale.ENGLISH))
                .orElse(Locale.ENGLISH);
    return switch (keyword.get().kind()) {
      case STOP -> {
        if (first) {
          for (Patient patient : holders) {
            for (ConsentPurpose purpose : ConsentPurpose.values()) {
              consents.optOut(patient.id(), ConsentChannel.SMS, purpose, ConsentSource.SMS_KEYWORD);
            }
          }
        }
        yield Twiml.message(text("sms.stop.confirmed", language));
      }
      case START -> {
        List<Patient> optedOut =
            holders.stream()
                .filter(
                    p ->
                        !consents.permits(
                            p.id(), ConsentChannel.SMS, ConsentPurpose.APPOINTMENT_MESSAGES))
                .toList();
        if (SmsKeyword.isYes(body) && form.get("OptOutType") == null && optedOut.isEmpty()) {
          // "Yes" from someone who never stopped answers a question (a reminder's "reply YES to
          // confirm"): a message for the conversation, not a keyword.
          yield Twiml.empty();
        }
        String confirmation = text("sms.start.confirmed", language);
        if (first) {
          for (Patient patient : optedOut) {
            // Only the messages about their own appointments: marketing and surveys need a
            // consent given knowingly, which one word in reply to a confirmation is not.
            consents.record(
                new RecordConsent(
                    patient.id(),
                    ConsentChannel.SMS,
                    ConsentPurpose.APPOINTMENT_MESSAGES,
                    true,
                    ConsentSource.SMS_KEYWORD,
                    ConsentWording.of(confirmation, language.getLanguage())));
          }
        }
        yield Twiml.message(confirmation);
      }
      case HELP ->
          Twiml.message(
              account
                  .transferNumber()
                  .map(phone -> text("sms.help.phone", language, phone))
                  .orElseGet(() -> text("sms.help.reply", language)));
    };
  }

  /**
   * Stores a status callback as a delivery report; statuses that say nothing new about a message we
   * sent (a text received) are dropped.
   */
  public void report(TwilioForm form) {
    String sid = form.required("MessageSid");
    Optional<DeliveryStatus> status = SmsStatuses.of(form.required("MessageStatus"));
    if (status.isEmpty()) {
      return;
    }
    String errorCode = status.get() == DeliveryStatus.FAILED ? form.get("ErrorCode") : null;
    inbox.store(
        new DeliveryUpdate(
            Channel.SMS,
            sid,
            status.get(),
            clock.instant(),
            errorCode,
            errorCode == null ? null : "Twilio error " + errorCode));
  }

  private List<Patient> holdersOf(String from) {
    if (PhoneNumbers.toE164(from, "FR").isEmpty()) {
      // A short code or a sender name: nobody's phone.
      return List.of();
    }
    return patients.search(null, null, null, from, null, null, Patients.LIVE, MAX_HOLDERS);
  }

  private static List<InboundMessage.Attachment> attachments(TwilioForm form) {
    List<InboundMessage.Attachment> attachments = new ArrayList<>();
    for (int n = 0; form.get("MediaUrl" + n) != null; n++) {
      String type = form.get("MediaContentType" + n);
      attachments.add(
          new InboundMessage.Attachment(
              type == null ? "application/octet-stream" : type,
              null,
              form.required("MediaUrl" + n)));
    }
    return attachments;
  }

  private String text(String key, Locale language, Object... more) {
    Object[] arguments = new Object[more.length + 1];
    arguments[0] = account.practiceName();
    System.arraycopy(more, 0, arguments, 1, more.length);
    return messages.getMessage(key, arguments, language);
  }
}
