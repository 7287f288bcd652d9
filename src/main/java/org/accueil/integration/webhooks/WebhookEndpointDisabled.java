package org.accueil.integration.webhooks;

import java.time.Instant;
import java.util.UUID;

/**
 * An endpoint stopped receiving events without an administrator asking: it answered 410 Gone, or
 * every attempt at a message failed. Published in the transaction that disabled it, for whoever
 * tells the practice; the endpoint's {@code disabledReason} says the same to the API.
 */
public record WebhookEndpointDisabled(UUID endpoint, String url, String reason, Instant at) {}
