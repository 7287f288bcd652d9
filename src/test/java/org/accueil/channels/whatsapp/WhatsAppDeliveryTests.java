package org.accueil.channels.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.OutboundContent;
import org.accueil.channels.OutboundMessage;
import org.accueil.channels.whatsapp.MetaRecorder.Answer;
import org.accueil.patients.Channel;
import org.accueil.testing.Api;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A message sent through the outbox, then Meta's status webhooks about it, in any order. */
@WhatsAppTest
class WhatsAppDeliveryTests {

  @Autowired ChannelOutbox outbox;
  @Autowired ChannelInbox inbox;
  @Autowired MetaRecorder meta;
  @Autowired TransactionTemplate transactions;
  @Autowired JdbcClient jdbc;
  @Autowired Api api;

  @Test
  void statusesArrivingOutOfOrderEndAtTheFurthestOne() {
    String to = WhatsAppSenderTests.number();
    String wamid = "wamid.HBgLMzM2" + Tags.letters().toUpperCase();
    UUID reference = sent(to, wamid, "Votre rendez-vous est confirmé.");
    assertThat(meta.requestsTo(to)).hasSize(1);

    // Meta: "read" may come before "delivered", and a late "sent" after both.
    for (String status : List.of("read", "delivered", "sent")) {
      deliver(MetaWebhooks.status(wamid, status, String.valueOf(Instant.now().getEpochSecond())));
    }
    inbox.handlePending();
    await(() -> handled(wamid) == 3);

    assertThat(outbox.statusOf(reference)).contains(DeliveryStatus.READ);
  }

  @Test
  void aFailureReportedAfterDeliveryDoesNotUndoIt() {
    String to = WhatsAppSenderTests.number();
    String wamid = "wamid.HBgLMzM2" + Tags.letters().toUpperCase();
    UUID reference = sent(to, wamid, "Rappel : rendez-vous demain.");

    deliver(MetaWebhooks.status(wamid, "delivered", "1749416501"));
    deliver(
        """
        {"id":"%s","status":"failed","timestamp":"1749416502","recipient_id":"%s",
         "errors":[{"code":131026,"title":"Message undeliverable"}]}"""
            .formatted(wamid, to));
    inbox.handlePending();
    await(() -> handled(wamid) == 2);

    assertThat(outbox.statusOf(reference)).contains(DeliveryStatus.DELIVERED);
  }

  /** A text queued to {@code to} and sent, Meta answering with {@code wamid}. */
  private UUID sent(String to, String wamid, String text) {
    meta.answer(to, Answer.accepted(to, wamid));
    UUID reference = UUID.randomUUID();
    transactions.executeWithoutResult(
        status ->
            outbox.enqueue(
                new OutboundMessage(
                    reference,
                    Channel.WHATSAPP,
                    "+" + to,
                    new OutboundContent.Text(text),
                    null,
                    Locale.FRENCH)));
    outbox.sendPending();
    // The outbox's own worker may have sent it first: either way Meta answered our wamid.
    await(() -> outbox.statusOf(reference).orElseThrow() == DeliveryStatus.SENT);
    return reference;
  }

  private void deliver(String status) {
    byte[] body =
        MetaWebhooks.statuses(WhatsAppTest.PHONE_NUMBER_ID, status)
            .getBytes(StandardCharsets.UTF_8);
    var answer =
        api.anonymous()
            .with(WebhookSignature.HEADER, WebhookSignature.of(WhatsAppTest.APP_SECRET, body))
            .post("/channels/whatsapp/webhook", "application/json", body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
  }

  private int handled(String wamid) {
    return jdbc.sql(
            "SELECT count(*) FROM channel_inbound WHERE channel = 'whatsapp' AND kind = 'delivery'"
                + " AND provider_key LIKE :key AND handled_at IS NOT NULL")
        .param("key", wamid + "/%")
        .query(Integer.class)
        .single();
  }

  /** The outbox and inbox also run on their own workers: wait for them, up to 20 s. */
  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not reached within 20 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
