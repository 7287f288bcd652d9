package org.accueil.integration.webhooks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Each endpoint's delivery log ({@code webhook_delivery}): what every attempt got back. Never the
 * payload, the headers or the signature: the payload is the outbox row's, the rest would help
 * nobody but someone forging messages.
 */
final class DeliveryLog {

  /** How much of an endpoint's answer is kept: enough for its error message. */
  static final int RESPONSE_CHARS = 1000;

  private final JdbcClient jdbc;

  DeliveryLog(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  void record(UUID endpoint, WebhookDelivery attempt) {
    jdbc.sql(
            """
            INSERT INTO webhook_delivery (endpoint_id, message_id, webhook_id, event_type, attempt,
                                          attempted_at, duration_ms, status_code, outcome, error,
                                          response_body)
            SELECT :endpoint, :message, :webhookId, :type, :attempt, :at, :duration, :status,
                   :outcome, :error, :body
             WHERE EXISTS (SELECT 1 FROM webhook_endpoint WHERE id = :endpoint)
            """)
        // WHERE EXISTS: the endpoint may have been deleted while its message was in flight.
        .param("endpoint", endpoint)
        .param("message", attempt.messageId())
        .param("webhookId", attempt.webhookId())
        .param("type", attempt.eventType())
        .param("attempt", attempt.attempt())
        .param("at", attempt.attemptedAt().atOffset(ZoneOffset.UTC))
        .param("duration", attempt.durationMs())
        .param("status", attempt.statusCode())
        .param("outcome", attempt.outcome())
        .param("error", truncated(attempt.error()))
        .param("body", truncated(attempt.responseBody()))
        .update();
  }

  /** The latest attempts, newest first. */
  List<WebhookDelivery> latest(UUID endpoint, int limit) {
    return jdbc.sql(
            """
            SELECT id, message_id, webhook_id, event_type, attempt, attempted_at, duration_ms,
                   status_code, outcome, error, response_body
              FROM webhook_delivery
             WHERE endpoint_id = :endpoint
             ORDER BY id DESC
             LIMIT :limit
            """)
        .param("endpoint", endpoint)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new WebhookDelivery(
                    rs.getLong("id"),
                    rs.getLong("message_id"),
                    rs.getString("webhook_id"),
                    rs.getString("event_type"),
                    rs.getInt("attempt"),
                    rs.getObject("attempted_at", OffsetDateTime.class).toInstant(),
                    rs.getInt("duration_ms"),
                    rs.getObject("status_code", Integer.class),
                    rs.getString("outcome"),
                    rs.getString("error"),
                    rs.getString("response_body")))
        .list();
  }

  /** Deletes the attempts made before {@code before}; returns how many. */
  int prune(Instant before) {
    return jdbc.sql("DELETE FROM webhook_delivery WHERE attempted_at < :before")
        .param("before", before.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** At most {@link #RESPONSE_CHARS}, and storable: an endpoint may answer anything. */
  static @Nullable String truncated(@Nullable String text) {
    if (text == null) {
      return null;
    }
    int end = Math.min(text.length(), RESPONSE_CHARS);
    if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    StringBuilder kept = new StringBuilder(end + 1);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      boolean paired =
          Character.isHighSurrogate(c)
              ? i + 1 < end && Character.isLowSurrogate(text.charAt(i + 1))
              : !Character.isLowSurrogate(c)
                  || (i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
      boolean control =
          Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r';
      kept.append(control || !paired ? '\uFFFD' : c);
    }
    return end < text.length() ? kept.append('…').toString() : kept.toString();
  }
}
