package org.accueil.channels.email;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.accueil.channels.ChannelSender.Outcome;
import org.accueil.channels.DeliveryChanged.Fallback;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/**
 * What an SMTP server's refusal means for the message, as Jakarta Mail reports it: the exceptions
 * below are the ones its SMTP transport throws for each reply.
 */
class EmailSmtpFailureTests {

  @Test
  void aMailboxThatDoesNotExistIsRejectedForAnotherChannelWithoutItsAddress() throws Exception {
    InternetAddress to = new InternetAddress("anna@patients.test");
    var unknown =
        new SMTPAddressFailedException(
            to, "RCPT TO", 550, "550 5.1.1 <anna@patients.test>: Recipient address rejected");
    var failure =
        new SendFailedException(
            "Invalid Addresses",
            unknown,
            new InternetAddress[0],
            new InternetAddress[0],
            new InternetAddress[] {to});

    Outcome outcome = EmailSender.outcomeOf(failure);

    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    var rejected = (Outcome.Rejected) outcome;
    assertThat(rejected.errorCode()).isEqualTo("smtp-550");
    assertThat(rejected.fallback()).isEqualTo(Fallback.OTHER_CHANNEL);
    assertThat(rejected.reason()).doesNotContain("anna@patients.test");
  }

  @Test
  void aServerThatIsBusyOrGreylistsIsRetriedLater() throws Exception {
    var busy =
        new SMTPSendFailedException(
            "DATA", 451, "451 4.7.1 Greylisted, try again later", null, null, null, null);

    Outcome outcome = EmailSender.outcomeOf(busy);

    assertThat(outcome).isInstanceOf(Outcome.RetryLater.class);
    assertThat(((Outcome.RetryLater) outcome).errorCode()).isEqualTo("smtp-451");
  }

  @Test
  void aMessageRefusedForGoodIsRejected() {
    var spam =
        new SMTPSendFailedException(
            "DATA", 554, "554 5.7.1 Message rejected", null, null, null, null);

    assertThat(EmailSender.outcomeOf(spam)).isInstanceOf(Outcome.Rejected.class);
  }
}
