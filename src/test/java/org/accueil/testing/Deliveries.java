package org.accueil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.Inbound;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits for what a channel stored to be handled: by this thread's own drain, or by the node's
 * dispatcher threads, which may have claimed it first.
 */
public final class Deliveries {

  private Deliveries() {}

  /** Stores the item, then waits until the dispatcher handled it. */
  public static void deliver(ChannelInbox inbox, JdbcClient jdbc, Inbound item) {
    inbox.store(item);
    awaitHandled(inbox, jdbc, item);
  }

  /**
   * A web chat visitor writes through the widget's endpoint; returns the stored message's provider
   * key once the dispatcher handled it.
   */
  public static String webChat(
      Api api, ChannelInbox inbox, JdbcClient jdbc, String visitorToken, String text) {
    String clientId = java.util.UUID.randomUUID().toString();
    var sent =
        api.anonymous()
            .with("X-Visitor-Token", visitorToken)
            .post(
                "/channels/webchat/messages",
                java.util.Map.of("clientMessageId", clientId, "text", text));
    assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
    String key =
        jdbc.sql(
                "SELECT provider_key FROM channel_inbound WHERE channel = 'webchat'"
                    + " AND provider_key LIKE :suffix")
            .param("suffix", "%:" + clientId)
            .query(String.class)
            .single();
    awaitHandled(
        inbox,
        jdbc,
        org.accueil.channels.InboundMessage.text(
            org.accueil.patients.Channel.WEBCHAT, key, visitorToken, text, Instant.now()));
    return key;
  }

  public static void awaitHandled(ChannelInbox inbox, JdbcClient jdbc, Inbound item) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (true) {
      inbox.handlePending();
      Boolean handled =
          jdbc.sql(
                  "SELECT handled_at IS NOT NULL FROM channel_inbound"
                      + " WHERE channel = :channel AND provider_key = :key")
              .param("channel", item.channel().code())
              .param("key", item.deduplicationKey())
              .query(Boolean.class)
              .optional()
              .orElse(false);
      if (handled) {
        return;
      }
      assertThat(Instant.now()).as("handled within 15 s").isBefore(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
