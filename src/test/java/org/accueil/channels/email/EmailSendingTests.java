package org.accueil.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.accueil.channels.ChannelSender.Outcome;
import org.accueil.channels.DeliveryChanged.Fallback;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.InboundMessage;
import org.accueil.channels.OutboundContent;
import org.accueil.channels.OutboundMessage;
import org.accueil.patients.Channel;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.practice.PracticeDirectory;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Mail to patients through a real SMTP server, and their replies back into their thread. */
@EmailTest
class EmailSendingTests {

  @Autowired EmailSender sender;
  @Autowired Mailbox mailbox;
  @Autowired PracticeDirectory practice;
  @Autowired JdbcClient jdbc;
  @Autowired FieldCipher cipher;
  @Autowired JsonMapper json;

  MailServer server = MailServer.get();
  StoredMail stored;
  String patient;
  String token;

  @BeforeEach
  void emptyMailboxes() throws Exception {
    server.reset();
    stored = new StoredMail(jdbc, cipher, json);
    patient = "anna." + Tags.letters() + "@patients.test";
    token = "tok" + Tags.letters() + Tags.letters() + "_-Z9";
  }

  @Test
  void
      aMailCarriesOurMessageIdAndAReplyAddressWithTheConversationTokenAndNoHealthDetailInItsSubject()
          throws Exception {
    UUID reference = UUID.randomUUID();

    Outcome outcome = sender.send(message(reference, "Votre résultat de glycémie est prêt.", "fr"));

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Accepted(
                "<" + reference + "@" + MailServer.REPLY_DOMAIN + ">", DeliveryStatus.SENT));
    MimeMessage mail = receivedBy(patient).getFirst();
    String practiceName = practice.snapshot().profile().name();
    assertThat(mail.getMessageID()).isEqualTo("<" + reference + "@reply.accueil.test>");
    InternetAddress replyTo = (InternetAddress) mail.getReplyTo()[0];
    assertThat(replyTo.getAddress()).isEqualTo("reply+" + token + "@reply.accueil.test");
    assertThat(replyTo.getPersonal()).isEqualTo(practiceName);
    assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo(MailServer.CLINIC);
    assertThat(mail.getSubject()).isEqualTo("Nouveau message de " + practiceName);
    assertThat(mail.getHeader("In-Reply-To")).isNull();
    assertThat(mail.getContentType()).startsWith("text/plain");
    assertThat(text(mail))
        .startsWith("Votre résultat de glycémie est prêt.\n")
        .contains("\n-- \nEnvoyé par " + practiceName + ".");
  }

  @Test
  void theSubjectIsInThePatientsLanguageAndEnglishWhenWeDoNotSpeakIt() throws Exception {
    sender.send(message(UUID.randomUUID(), "Hello", "it"));
    sender.send(message(UUID.randomUUID(), "Hello", "de"));

    String practiceName = practice.snapshot().profile().name();
    assertThat(receivedBy(patient))
        .extracting(MimeMessage::getSubject)
        .containsExactlyInAnyOrder(
            "Nuovo messaggio da " + practiceName, "New message from " + practiceName);
  }

  @Test
  void aReplyToOurMailLandsInItsThreadAndOurNextMailAnswersIt() throws Exception {
    UUID first = UUID.randomUUID();
    sender.send(message(first, "Can you come on Tuesday at 9:00?", "en"));
    String ourId = receivedBy(patient).getFirst().getMessageID();

    String replyId = "<reply-" + Tags.letters() + "@patients.test>";
    server.deliverToClinic(
        PatientMail.from(patient, "Anna Rossi")
            .to("Cabinet <reply+" + token + "@reply.accueil.test>")
            .messageId(replyId)
            .header("In-Reply-To", ourId)
            .header("References", ourId)
            .text(
                """
                Yes, Tuesday is fine.

                On Mon, 3 Mar 2025 at 10:00, My practice <clinic@accueil.test> wrote:
                > Can you come on Tuesday at 9:00?
                """)
            .build());
    Mailbox.Pass pass = mailbox.readNew();

    assertThat(pass.failure()).isNull();
    assertThat(pass.stored()).isEqualTo(1);
    InboundMessage reply = stored.only(replyId);
    assertThat(reply.channel()).isEqualTo(Channel.EMAIL);
    assertThat(reply.thread()).isEqualTo(token);
    assertThat(reply.from()).isEqualTo(patient);
    assertThat(reply.senderName()).isEqualTo("Anna Rossi");
    assertThat(reply.text()).isEqualTo("Yes, Tuesday is fine.");
    assertThat(server.unseenAtClinic()).isZero();

    UUID next = UUID.randomUUID();
    sender.send(message(next, "See you on Tuesday.", "en"));

    MimeMessage answer =
        receivedBy(patient).stream()
            .filter(m -> id(m).equals("<" + next + "@reply.accueil.test>"))
            .findFirst()
            .orElseThrow();
    assertThat(answer.getHeader("In-Reply-To", null)).isEqualTo(replyId);
    assertThat(answer.getHeader("References", null)).isEqualTo(ourId + " " + replyId);
  }

  @Test
  void aReplyWithoutOurReplyAddressIsMatchedToItsThreadByItsReferences() throws Exception {
    sender.send(message(UUID.randomUUID(), "Your appointment is confirmed.", "en"));
    String ourId = receivedBy(patient).getFirst().getMessageID();
    String replyId = "<" + Tags.letters() + "@patients.test>";

    // The patient's client answered the From address rather than Reply-To.
    server.deliverToClinic(
        PatientMail.from(patient, "Anna")
            .to(MailServer.CLINIC)
            .messageId(replyId)
            .header("In-Reply-To", ourId)
            .text("Thank you!")
            .build());
    mailbox.readNew();

    assertThat(stored.only(replyId).thread()).isEqualTo(token);
  }

  @Test
  void aMailToNoKnownThreadIsStoredWithoutOne() throws Exception {
    String id = "<" + Tags.letters() + "@patients.test>";
    server.deliverToClinic(
        PatientMail.from(patient, "Anna")
            .to(MailServer.CLINIC)
            .messageId(id)
            .header("In-Reply-To", "<unknown-" + Tags.letters() + "@elsewhere.test>")
            .text("Hello, I would like an appointment.")
            .build());

    mailbox.readNew();

    assertThat(stored.only(id).thread()).isNull();
  }

  @Test
  void aSecondMailInAThreadAnswersTheFirst() throws Exception {
    UUID first = UUID.randomUUID();
    UUID second = UUID.randomUUID();

    sender.send(message(first, "One", "en"));
    sender.send(message(second, "Two", "en"));

    MimeMessage two =
        receivedBy(patient).stream()
            .filter(m -> id(m).contains(second.toString()))
            .findFirst()
            .orElseThrow();
    String firstId = "<" + first + "@reply.accueil.test>";
    assertThat(two.getHeader("In-Reply-To", null)).isEqualTo(firstId);
    assertThat(two.getHeader("References", null)).isEqualTo(firstId);
  }

  @Test
  void choicesAreSentAsNumberedLines() throws Exception {
    var buttons =
        new OutboundContent.Buttons(
            "Shall we keep your appointment?",
            List.of(
                new OutboundContent.Choice("keep", "Keep it"),
                new OutboundContent.Choice("cancel", "Cancel it")));

    sender.send(
        new OutboundMessage(
            UUID.randomUUID(), Channel.EMAIL, patient, buttons, token, Locale.ENGLISH));

    assertThat(text(receivedBy(patient).getFirst()))
        .contains(
            "Shall we keep your appointment?\n\nReply with the number of your choice:\n"
                + "1. Keep it\n2. Cancel it\n");
  }

  @Test
  void anSmtpServerThatCannotBeReachedIsRetriedLater() {
    server.smtp.cut();

    Outcome outcome = sender.send(message(UUID.randomUUID(), "Hello", "en"));

    assertThat(outcome).isInstanceOf(Outcome.RetryLater.class);
    assertThat(((Outcome.RetryLater) outcome).errorCode()).isEqualTo("smtp-unreachable");
  }

  @Test
  void anAddressThatIsNotOneIsRejectedForAnotherChannel() {
    Outcome outcome =
        sender.send(
            new OutboundMessage(
                UUID.randomUUID(),
                Channel.EMAIL,
                "not an address",
                new OutboundContent.Text("Hello"),
                token,
                Locale.ENGLISH));

    assertThat(outcome)
        .isEqualTo(
            new Outcome.Rejected(
                "invalid-address", "Not an e-mail address", Fallback.OTHER_CHANNEL));
  }

  private OutboundMessage message(UUID reference, String text, String language) {
    return new OutboundMessage(
        reference,
        Channel.EMAIL,
        patient,
        new OutboundContent.Text(text),
        token,
        Locale.of(language));
  }

  private List<MimeMessage> receivedBy(String address) throws Exception {
    return List.of(server.greenMail.getReceivedMessages()).stream()
        .filter(m -> recipients(m).contains(address))
        .toList();
  }

  private static String recipients(MimeMessage m) {
    try {
      return InternetAddress.toString(m.getAllRecipients());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The body as the patient reads it (SMTP carries lines ended by CRLF). */
  private static String text(MimeMessage m) throws Exception {
    return m.getContent().toString().replace("\r\n", "\n");
  }

  private static String id(MimeMessage m) {
    try {
      return m.getMessageID();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
