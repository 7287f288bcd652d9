package org.accueil.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.util.Properties;
import org.accueil.channels.InboundMessage;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** Reading the practice's mailbox: each mail stored once, none lost, whatever fails meanwhile. */
@EmailTest
class EmailMailboxTests {

  @Autowired Mailbox mailbox;
  @Autowired JdbcClient jdbc;
  @Autowired FieldCipher cipher;
  @Autowired JsonMapper json;

  MailServer server = MailServer.get();
  StoredMail stored;
  String patient;

  @BeforeEach
  void emptyMailboxes() throws Exception {
    server.reset();
    stored = new StoredMail(jdbc, cipher, json);
    patient = "marc." + Tags.letters() + "@patients.test";
  }

  @Test
  void aMailReadAgainAfterACrashBeforeItWasMarkedSeenIsStoredOnce() throws Exception {
    String id = newMail("Can I move my appointment?");

    assertThat(mailbox.readNew().stored()).isEqualTo(1);
    server.markClinicMailUnseen();
    Mailbox.Pass again = mailbox.readNew();

    assertThat(again.stored()).isZero();
    assertThat(again.duplicates()).isEqualTo(1);
    assertThat(stored.byMessageId(id)).hasSize(1);
    assertThat(server.unseenAtClinic()).isZero();
  }

  @Test
  void aMailboxThatIsDownLeavesTheMailUnseenAndItIsReadOnTheNextPass() throws Exception {
    String id = newMail("Is the practice open on Saturday?");
    server.imap.cut();

    Mailbox.Pass down = mailbox.readNew();

    assertThat(down.failure()).isNotNull();
    assertThat(stored.byMessageId(id)).isEmpty();
    assertThat(server.unseenAtClinic()).isEqualTo(1);

    server.imap.restore();
    Mailbox.Pass up = mailbox.readNew();

    assertThat(up.failure()).isNull();
    assertThat(stored.only(id).text()).isEqualTo("Is the practice open on Saturday?");
    assertThat(server.unseenAtClinic()).isZero();
  }

  @Test
  void aMailWithoutMessageIdIsStoredOnceUnderTheHashOfItsBytes() throws Exception {
    server.deliverToClinic(
        PatientMail.from(patient, "Marc")
            .to(MailServer.CLINIC)
            .withoutMessageId()
            .text("No id here.")
            .build());

    mailbox.readNew();
    server.markClinicMailUnseen();
    mailbox.readNew();

    var rows =
        jdbc.sql(
                "SELECT provider_key FROM channel_inbound WHERE channel = 'email'"
                    + " AND provider_key LIKE 'sha256:%' AND received_at > now() - interval '1 minute'")
            .query(String.class)
            .list();
    assertThat(rows).hasSize(1);
    assertThat(stored.only(rows.getFirst()).text()).isEqualTo("No id here.");
  }

  @Test
  void anAutomaticReplyIsMarkedSeenAndNotStored() throws Exception {
    String id = "<" + Tags.letters() + "@patients.test>";
    server.deliverToClinic(
        PatientMail.from(patient, "Marc")
            .to(MailServer.CLINIC)
            .messageId(id)
            .header("Auto-Submitted", "auto-replied")
            .text("I am out of the office until Monday.")
            .build());

    Mailbox.Pass pass = mailbox.readNew();

    assertThat(pass.skipped()).isEqualTo(1);
    assertThat(stored.byMessageId(id)).isEmpty();
    assertThat(server.unseenAtClinic()).isZero();
  }

  @Test
  void anHtmlOnlyMailIsReadAsTextWithoutItsQuoteAndItsAttachmentsAreListed() throws Exception {
    String id = "<" + Tags.letters() + "@patients.test>";
    MimeMessage mail =
        new MimeMessage(Session.getInstance(new Properties())) {
          @Override
          protected void updateMessageID() throws jakarta.mail.MessagingException {
            setHeader("Message-ID", id);
          }
        };
    mail.setFrom(patient);
    mail.setRecipients(MimeMessage.RecipientType.TO, MailServer.CLINIC);
    MimeBodyPart html = new MimeBodyPart();
    html.setContent(
        "<html><head><style>p{color:red}</style></head><body><p>Here is my prescription&nbsp;"
            + "&amp; my card.</p><div class=\"gmail_quote\">Le lun. 3 mars, Cabinet a écrit :"
            + "<blockquote>Please send your prescription.</blockquote></div></body></html>",
        "text/html; charset=UTF-8");
    MimeBodyPart scan = new MimeBodyPart();
    scan.setContent(new byte[] {37, 80, 68, 70}, "application/pdf");
    scan.setFileName("ordonnance.pdf");
    scan.setDisposition(MimeBodyPart.ATTACHMENT);
    mail.setContent(new MimeMultipart(html, scan));
    mail.saveChanges();
    server.deliverToClinic(mail);

    mailbox.readNew();

    InboundMessage read = stored.only(id);
    assertThat(read.text()).isEqualTo("Here is my prescription & my card.");
    assertThat(read.attachments())
        .containsExactly(
            new InboundMessage.Attachment("application/pdf", "ordonnance.pdf", id + "#2"));
  }

  private String newMail(String text) throws Exception {
    String id = "<" + Tags.letters() + "@patients.test>";
    server.deliverToClinic(
        PatientMail.from(patient, "Marc").to(MailServer.CLINIC).messageId(id).text(text).build());
    return id;
  }
}
