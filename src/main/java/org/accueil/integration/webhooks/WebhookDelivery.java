package org.accueil.integration.webhooks;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One delivery attempt to an endpoint, as its log shows it.
 *
 * @param messageId the outbox row delivered (the same through every retry)
 * @param webhookId the {@code webhook-id} header sent, the receiver's key to drop duplicates
 * @param statusCode what the endpoint answered; null when no answer came (timeout, refused)
 * @param outcome {@code delivered}, {@code retry} (tried again later) or {@code failed} (not again)
 * @param responseBody the first kilobyte of the answer
 */
public record WebhookDelivery(
    long id,
    long messageId,
    String webhookId,
    String eventType,
    int attempt,
    Instant attemptedAt,
    int durationMs,
    @Nullable Integer statusCode,
    String outcome,
    @Nullable String error,
    @Nullable String responseBody) {}
