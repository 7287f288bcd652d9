package org.accueil.integration.webhooks;

import java.time.Instant;
import java.util.Map;

/**
 * The body of every webhook, as Standard Webhooks recommends it.
 *
 * @param type the event type, e.g. {@code appointment.booked}
 * @param timestamp when the event happened (ISO 8601, UTC); the {@code webhook-timestamp} header is
 *     when the attempt was made
 * @param data ids and scheduling facts, never clinical content
 */
public record WebhookMessage(String type, String timestamp, Map<String, Object> data) {

  static WebhookMessage of(String type, Instant at, Map<String, Object> data) {
    return new WebhookMessage(type, at.toString(), data);
  }
}
