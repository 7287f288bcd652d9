package org.accueil.web.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.whatsapp.MetaWebhooks;
import org.accueil.channels.whatsapp.WebhookSignature;
import org.accueil.channels.whatsapp.WhatsAppTest;
import org.accueil.testing.Api;
import org.accueil.testing.TestClock;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Patients writing on WhatsApp through Meta's signed webhook, as the WhatsApp tests send it, each
 * from a number of their own; returns the conversation their message landed in.
 */
final class WhatsAppPatients {

  private final Api api;
  private final ChannelInbox inbox;
  private final JdbcClient jdbc;
  private final TestClock clock;

  WhatsAppPatients(Api api, ChannelInbox inbox, JdbcClient jdbc, TestClock clock) {
    this.api = api;
    this.inbox = inbox;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A new number's digits, as Meta writes them (no +). */
  static String newNumber() {
    return "3361" + (1000000 + (int) (Math.random() * 8999999));
  }

  /** The message reaches Accueil now (by the test clock); returns its conversation's id. */
  UUID writes(String digits, String name, String text) {
    String wamid = "wamid." + UUID.randomUUID();
    sendWebhook(digits, name, wamid, text);
    return awaitConversationOf(wamid);
  }

  /** Only delivers the webhook: the node's own workers put it on the timeline. */
  String sendWebhook(String digits, String name, String wamid, String text) {
    String json = text.replace("\\", "\\\\").replace("\"", "\\\"");
    byte[] body =
        MetaWebhooks.messages(
                WhatsAppTest.PHONE_NUMBER_ID,
                MetaWebhooks.contact(name, digits),
                "{\"from\":\""
                    + digits
                    + "\",\"id\":\""
                    + wamid
                    + "\",\"timestamp\":\""
                    + clock.instant().getEpochSecond()
                    + "\",\"type\":\"text\",\"text\":{\"body\":\""
                    + json
                    + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    var delivered =
        api.anonymous()
            .with(WebhookSignature.HEADER, WebhookSignature.of(WhatsAppTest.APP_SECRET, body))
            .post("/channels/whatsapp/webhook", "application/json", body);
    assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
    return wamid;
  }

  UUID awaitConversationOf(String wamid) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (true) {
      inbox.handlePending();
      var conversation =
          jdbc.sql(
                  "SELECT conversation_id FROM conversation_entry WHERE provider_key = :k"
                      + " OR provider_key LIKE '%' || :k")
              .param("k", wamid)
              .query(UUID.class)
              .optional();
      if (conversation.isPresent()) {
        return conversation.get();
      }
      assertThat(Instant.now()).as("the message is on a timeline within 20 s").isBefore(deadline);
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
