package org.accueil.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.whatsapp.MetaRecorder;
import org.accueil.channels.whatsapp.MetaWebhooks;
import org.accueil.channels.whatsapp.WebhookSignature;
import org.accueil.channels.whatsapp.WhatsAppTest;
import org.accueil.testing.Api;
import org.accueil.testing.TestClock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A patient on WhatsApp, through Meta's signed webhooks, reading what Accueil sent them from the
 * {@link MetaRecorder}: each message waits until it is handled and the answer is sent.
 */
public final class WhatsAppPatient {

  private final Api api;
  private final TestClock clock;
  private final JdbcClient jdbc;
  private final ChannelInbox inbox;
  private final ChannelOutbox outbox;
  private final MetaRecorder meta;
  final String digits;

  public WhatsAppPatient(
      Api api,
      TestClock clock,
      JdbcClient jdbc,
      ChannelInbox inbox,
      ChannelOutbox outbox,
      MetaRecorder meta,
      String phone) {
    this.api = api;
    this.clock = clock;
    this.jdbc = jdbc;
    this.inbox = inbox;
    this.outbox = outbox;
    this.meta = meta;
    this.digits = phone.substring(1);
  }

  /** Writes, and returns the body of the next request Accueil sends to this number. */
  public String writes(String text) {
    return deliver("\"type\":\"text\",\"text\":{\"body\":\"" + text.replace("\"", "\\\"") + "\"}");
  }

  /** Taps a reply button. */
  public String taps(String id, String title) {
    return deliver(
        "\"type\":\"interactive\",\"interactive\":{\"type\":\"button_reply\",\"button_reply\":"
            + "{\"id\":\""
            + id
            + "\",\"title\":\""
            + title
            + "\"}}");
  }

  /** Picks a row of a list message. */
  public String picks(String id, String title) {
    return deliver(
        "\"type\":\"interactive\",\"interactive\":{\"type\":\"list_reply\",\"list_reply\":"
            + "{\"id\":\""
            + id
            + "\",\"title\":\""
            + title
            + "\"}}");
  }

  public List<MetaRecorder.Request> received() {
    return meta.requestsTo(digits);
  }

  /**
   * What was sent to this number since {@code before} requests, once the outbox is drained: the
   * bodies, one per line; "" when nothing came.
   */
  public String next(int before) {
    int idle = 0;
    for (int i = 0; i < 200 && idle < 12; i++) {
      outbox.sendPending();
      // What is due or on its way now: a message another test queued under a later clock (the
      // clock moves back between tests) is not this patient's and will not go before its time.
      Integer queued =
          jdbc.sql(
                  """
                  SELECT count(*) FROM channel_outbound
                   WHERE status = 'queued' AND (next_attempt_at <= :now OR claimed_until > :now)
                  """)
              .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
              .query(Integer.class)
              .single();
      idle = queued == 0 ? idle + 1 : 0;
      if (queued == 0 && received().size() > before && idle > 2) {
        break;
      }
      sleep();
    }
    List<MetaRecorder.Request> all = received();
    return String.join(
        "\n",
        all.subList(Math.min(before, all.size()), all.size()).stream().map(r -> r.body()).toList());
  }

  private String deliver(String message) {
    int before = received().size();
    byte[] body =
        MetaWebhooks.message(
                WhatsAppTest.PHONE_NUMBER_ID,
                "Patient",
                digits,
                clock.instant().getEpochSecond(),
                message)
            .getBytes(StandardCharsets.UTF_8);
    var delivered =
        api.anonymous()
            .with(WebhookSignature.HEADER, WebhookSignature.of(WhatsAppTest.APP_SECRET, body))
            .post("/channels/whatsapp/webhook", "application/json", body);
    assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
    for (int i = 0; i < 200; i++) {
      inbox.handlePending();
      Integer pending =
          jdbc.sql(
                  "SELECT count(*) FROM channel_inbound WHERE handled_at IS NULL"
                      + " AND channel = 'whatsapp'")
              .query(Integer.class)
              .single();
      if (pending == 0) {
        break;
      }
      sleep();
    }
    return next(before);
  }

  static void sleep() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
