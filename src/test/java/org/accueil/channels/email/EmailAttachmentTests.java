package org.accueil.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.ChannelSender.Outcome;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.OutboundContent;
import org.accueil.channels.OutboundContent.Attachment;
import org.accueil.channels.OutboundMessage;
import org.accueil.patients.Channel;
import org.accueil.practice.PracticeDirectory;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * A text with an e-mail's extras (a subject, a calendar file) through the outbox and a real SMTP
 * server, read back as the patient's mail client reads it.
 */
@EmailTest
class EmailAttachmentTests {

  /** A calendar file as the notifications module writes one: CRLF lines, UTF-8, one folded. */
  static final byte[] INVITE =
      ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Accueil//Appointments//EN\r\n"
              + "METHOD:PUBLISH\r\nBEGIN:VEVENT\r\nUID:appt-1@accueil.test\r\nSEQUENCE:0\r\n"
              + "DTSTAMP:20270301T090000Z\r\nDTSTART:20270312T080000Z\r\n"
              + "DTEND:20270312T083000Z\r\nSUMMARY:Consultation\\, Dr Müller\r\n"
              + "DESCRIPTION:Apportez votre carte Vitale et l'ordonnance de l'hôpital — \r\n"
              + " 診察券 🩺\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
          .getBytes(StandardCharsets.UTF_8);

  @Autowired EmailSender sender;
  @Autowired ChannelOutbox outbox;
  @Autowired TransactionTemplate transactions;
  @Autowired PracticeDirectory practice;
  @Autowired JsonMapper json;

  MailServer server = MailServer.get();
  String patient;
  String token;

  @BeforeEach
  void emptyMailboxes() throws Exception {
    server.reset();
    patient = "anna." + Tags.letters() + "@patients.test";
    token = "tok" + Tags.letters() + Tags.letters();
  }

  @Test
  void aConfirmationGoesOutWithItsSubjectItsWordsAndItsCalendarFileByteForByte() throws Exception {
    UUID reference = UUID.randomUUID();
    OutboundContent.Text confirmation =
        new OutboundContent.Text(
            "Votre rendez-vous est confirmé le 12 mars à 9 h.",
            "Rendez-vous confirmé – 12 mars",
            List.of(new Attachment("rendez-vous.ics", "text/calendar; method=PUBLISH", INVITE)));

    // Through the outbox, so the content also survives its JSON in channel_outbound.
    transactions.executeWithoutResult(
        t ->
            outbox.enqueue(
                new OutboundMessage(
                    reference, Channel.EMAIL, patient, confirmation, token, Locale.FRENCH)));
    outbox.sendPending();

    MimeMessage mail = awaitMailTo(patient);
    assertThat(mail.getSubject()).isEqualTo("Rendez-vous confirmé – 12 mars");
    assertThat(mail.getMessageID())
        .isEqualTo("<" + reference + "@" + MailServer.REPLY_DOMAIN + ">");
    assertThat(((InternetAddress) mail.getReplyTo()[0]).getAddress())
        .isEqualTo("reply+" + token + "@" + MailServer.REPLY_DOMAIN);
    assertThat(new ContentType(mail.getContentType()).getBaseType()).isEqualTo("multipart/mixed");

    Multipart parts = (Multipart) mail.getContent();
    assertThat(parts.getCount()).isEqualTo(2);
    BodyPart words = parts.getBodyPart(0);
    assertThat(new ContentType(words.getContentType()).getBaseType()).isEqualTo("text/plain");
    assertThat(words.getDisposition()).isNull();
    assertThat(words.getContent().toString().replace("\r\n", "\n"))
        .startsWith("Votre rendez-vous est confirmé le 12 mars à 9 h.\n")
        .contains("\n-- \nEnvoyé par " + practice.snapshot().profile().name() + ".");

    BodyPart file = parts.getBodyPart(1);
    assertThat(file.getDisposition()).isEqualTo(Part.ATTACHMENT);
    assertThat(file.getFileName()).isEqualTo("rendez-vous.ics");
    ContentType type = new ContentType(file.getContentType());
    assertThat(type.getBaseType()).isEqualTo("text/calendar");
    assertThat(type.getParameter("method")).isEqualTo("PUBLISH");
    assertThat(type.getParameter("charset")).isEqualToIgnoringCase("UTF-8");
    try (var in = file.getInputStream()) {
      assertThat(in.readAllBytes()).isEqualTo(INVITE);
    }
    assertThat(awaitSent(reference)).isEqualTo(DeliveryStatus.SENT);
  }

  @Test
  void aFileNameThatIsNotAsciiIsEncodedAsRfc2231Says() throws Exception {
    byte[] pdf = {'%', 'P', 'D', 'F', '-', '1', '.', '7', '\n', (byte) 0xE2, (byte) 0xE3};
    OutboundContent.Text text =
        new OutboundContent.Text(
            "Voici votre ordonnance.",
            null,
            List.of(new Attachment("ordonnance-médecin.pdf", "application/pdf", pdf)));

    Outcome outcome = sender.send(message(text));

    assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
    MimeMessage mail = awaitMailTo(patient);
    BodyPart file = ((Multipart) mail.getContent()).getBodyPart(1);
    assertThat(file.getHeader("Content-Disposition")[0].replaceAll("\\s+", ""))
        .containsIgnoringCase("filename*=UTF-8''ordonnance-m%C3%A9decin.pdf");
    assertThat(file.getFileName()).isEqualTo("ordonnance-médecin.pdf");
    assertThat(new ContentType(file.getContentType()).getBaseType()).isEqualTo("application/pdf");
    assertThat(new ContentType(file.getContentType()).getParameter("charset")).isNull();
    try (var in = file.getInputStream()) {
      assertThat(in.readAllBytes()).isEqualTo(pdf);
    }
    assertThat(mail.getSubject())
        .as("no subject of its own: the usual one")
        .isEqualTo("Nouveau message de " + practice.snapshot().profile().name());
  }

  @Test
  void aSubjectWithoutAttachmentsIsPlainTextOnOneLine() throws Exception {
    sender.send(
        message(
            new OutboundContent.Text("À bientôt.", "Votre rendez-vous\r\nBcc: x@y.test", null)));

    MimeMessage mail = awaitMailTo(patient);
    assertThat(mail.getSubject()).isEqualTo("Votre rendez-vous Bcc: x@y.test");
    assertThat(mail.getHeader("Bcc")).isNull();
    assertThat(mail.getContentType()).startsWith("text/plain");
  }

  @Test
  void aTextWithItsExtrasSurvivesTheOutboxJson() {
    OutboundMessage message =
        message(
            new OutboundContent.Text(
                "Confirmé.",
                "Rendez-vous confirmé",
                List.of(
                    new Attachment("rendez-vous.ics", "text/calendar; method=PUBLISH", INVITE))));

    OutboundMessage read = json.readValue(json.writeValueAsString(message), OutboundMessage.class);

    assertThat(read).usingRecursiveComparison().isEqualTo(message);
    OutboundContent.Text text = (OutboundContent.Text) read.content();
    assertThat(text.subject()).isEqualTo("Rendez-vous confirmé");
    assertThat(text.attachments()).hasSize(1);
    assertThat(text.attachments().getFirst().content()).isEqualTo(INVITE);
  }

  @Test
  void aTextStoredBeforeItHadExtrasStillReads() {
    String stored =
        """
        {"reference":"0b7d8f3e-1c2a-4b5d-9e6f-7a8b9c0d1e2f","channel":"email",
         "to":"anna@patients.test","content":{"type":"text","text":"Bonjour"},
         "thread":null,"language":"fr"}
        """;

    OutboundMessage read = json.readValue(stored, OutboundMessage.class);

    assertThat(read.content()).isInstanceOf(OutboundContent.Text.class);
    OutboundContent.Text text = (OutboundContent.Text) read.content();
    assertThat(text.text()).isEqualTo("Bonjour");
    assertThat(text.subject()).isNull();
    assertThat(text.attachments()).isEmpty();
  }

  private OutboundMessage message(OutboundContent content) {
    return new OutboundMessage(
        UUID.randomUUID(), Channel.EMAIL, patient, content, token, Locale.FRENCH);
  }

  /** The one mail to the address, once GreenMail has it (the outbox's worker may send it). */
  private MimeMessage awaitMailTo(String address) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      List<MimeMessage> received =
          List.of(server.greenMail.getReceivedMessages()).stream()
              .filter(m -> to(m).contains(address))
              .toList();
      if (!received.isEmpty()) {
        assertThat(received).hasSize(1);
        return received.getFirst();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("No mail to " + address);
  }

  /**
   * The message's status once the outbox recorded what SMTP answered: the outbox's own worker,
   * woken by the commit, may be the one sending, and record it just after the mail arrives.
   */
  private DeliveryStatus awaitSent(UUID reference) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    DeliveryStatus status = outbox.statusOf(reference).orElseThrow();
    while (status == DeliveryStatus.QUEUED && System.nanoTime() < deadline) {
      Thread.sleep(20);
      status = outbox.statusOf(reference).orElseThrow();
    }
    return status;
  }

  private static String to(MimeMessage m) {
    try {
      return InternetAddress.toString(m.getAllRecipients());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
