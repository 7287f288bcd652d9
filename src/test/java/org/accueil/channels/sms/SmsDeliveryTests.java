package org.accueil.channels.sms;

import static org.accueil.channels.twilio.TwilioWebhookClient.params;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.DeliveryUpdate;
import org.accueil.channels.OutboundContent;
import org.accueil.channels.OutboundMessage;
import org.accueil.channels.twilio.TwilioFixtures;
import org.accueil.channels.twilio.TwilioFixtures.Inbox;
import org.accueil.channels.twilio.TwilioRecorder;
import org.accueil.channels.twilio.TwilioTest;
import org.accueil.channels.twilio.TwilioTestConfiguration;
import org.accueil.channels.twilio.TwilioWebhookClient;
import org.accueil.patients.Channel;
import org.accueil.platform.crypto.FieldCipher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/** A message's way through the outbox to Twilio and back through its status callbacks. */
@TwilioTest
class SmsDeliveryTests {

  static final String STATUS = "/channels/twilio/sms/status";

  @Autowired ChannelOutbox outbox;
  @Autowired ChannelInbox inbox;
  @Autowired TwilioRecorder twilio;
  @Autowired TwilioWebhookClient webhooks;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired FieldCipher cipher;
  @Autowired JsonMapper json;

  String to;
  UUID reference;

  @BeforeEach
  void aMessageOfOurOwn() {
    to = TwilioFixtures.mobile();
    reference = UUID.randomUUID();
  }

  @Test
  void aQueuedMessageIsSentOnceAndKnownBySidAsSent() {
    String sid = send();

    assertThat(twilio.sentTo(to)).hasSize(1);
    assertThat(sid).startsWith("SM");
    assertThat(outbox.statusOf(reference)).contains(DeliveryStatus.SENT);
  }

  @Test
  void deliveredArrivingBeforeSentEndsAtDelivered() {
    String sid = send();

    assertThat(webhooks.post(STATUS, status(sid, "delivered")).status()).isEqualTo(200);
    assertThat(webhooks.post(STATUS, status(sid, "sent")).status()).isEqualTo(200);
    handleReportsOn(sid);

    assertThat(outbox.statusOf(reference)).contains(DeliveryStatus.DELIVERED);
  }

  @Test
  void aFailureAfterDeliveryDoesNotUndoIt() {
    String sid = send();
    webhooks.post(STATUS, status(sid, "delivered"));
    var failed = status(sid, "failed");
    failed.put("ErrorCode", "30008");

    webhooks.post(STATUS, failed);
    handleReportsOn(sid);

    assertThat(outbox.statusOf(reference)).contains(DeliveryStatus.DELIVERED);
  }

  @Test
  void anUndeliveredMessageFailsWithTwiliosErrorCode() {
    String sid = send();
    var undelivered = status(sid, "undelivered");
    undelivered.put("ErrorCode", "30006");

    webhooks.post(STATUS, undelivered);
    handleReportsOn(sid);

    assertThat(outbox.statusOf(reference)).contains(DeliveryStatus.FAILED);
    DeliveryUpdate stored =
        new Inbox(jdbc, cipher, json)
            .read("sms", "delivery", sid + "/failed", DeliveryUpdate.class);
    assertThat(stored.errorCode()).isEqualTo("30006");
    assertThat(stored.status()).isEqualTo(DeliveryStatus.FAILED);
  }

  @Test
  void aStatusCallbackIsStoredOnceHoweverOftenTwilioSendsIt() {
    String sid = TwilioFixtures.sid("SM");

    webhooks.post(STATUS, status(sid, "delivered"));
    webhooks.post(STATUS, status(sid, "delivered"));

    assertThat(new Inbox(jdbc, cipher, json).count("sms", "delivery", sid + "/delivered"))
        .isEqualTo(1);
  }

  @Test
  void anUnsignedStatusCallbackIsRefusedAndNotStored() {
    String sid = TwilioFixtures.sid("SM");

    assertThat(webhooks.post(STATUS, status(sid, "delivered"), null).status()).isEqualTo(401);
    assertThat(webhooks.post(STATUS, status(sid, "delivered"), "bm90IGEgc2lnbmF0dXJl").status())
        .isEqualTo(403);
    assertThat(new Inbox(jdbc, cipher, json).count("sms", "delivery", sid + "/delivered")).isZero();
  }

  /** Queues the message as a sender does, sends what is due, returns the sid Twilio gave. */
  private String send() {
    transactions.executeWithoutResult(
        t ->
            outbox.enqueue(
                new OutboundMessage(
                    reference,
                    Channel.SMS,
                    to,
                    new OutboundContent.Text("Votre rendez-vous est confirmé."),
                    null,
                    Locale.FRENCH)));
    outbox.sendPending();
    // The outbox's own worker, woken by the commit, may have sent it first.
    TwilioRecorder.Request sent = twilio.awaitSentTo(to, 1).getFirst();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (outbox.statusOf(reference).orElseThrow() == DeliveryStatus.QUEUED
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    return sent.answer().sid();
  }

  /**
   * Hands the stored reports on, here or by the inbox's own worker (woken by each webhook's
   * commit), until none about {@code sid} is left.
   */
  private void handleReportsOn(String sid) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      inbox.handlePending();
      long left =
          jdbc.sql(
                  """
                  SELECT count(*) FROM channel_inbound
                   WHERE channel = 'sms' AND kind = 'delivery' AND provider_key LIKE :sid
                     AND handled_at IS NULL
                  """)
              .param("sid", sid + "/%")
              .query(Long.class)
              .single();
      if (left == 0) {
        return;
      }
      Thread.onSpinWait();
    }
    throw new AssertionError("The reports on " + sid + " were not handled");
  }

  private java.util.Map<String, String> status(String sid, String status) {
    return params(
        "SmsSid", sid,
        "SmsStatus", status,
        "MessageStatus", status,
        "To", to,
        "MessageSid", sid,
        "AccountSid", TwilioTestConfiguration.ACCOUNT_SID,
        "From", TwilioTestConfiguration.SMS_NUMBER,
        "ApiVersion", "2010-04-01");
  }
}
