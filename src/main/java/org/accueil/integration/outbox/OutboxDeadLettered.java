package org.accueil.integration.outbox;

import java.time.Instant;

/**
 * A row will not be delivered without a person: its destination refused it ({@link
 * Delivery.Failed}) or its backoff ran out. Published in the transaction that marks it dead, so a
 * listener can alert the staff in that same transaction. The row stays in the delivery log until an
 * administrator replays it ({@code POST /api/v1/integration/deliveries/{id}/replay}).
 *
 * @param id the outbox row
 * @param destination where it was going ("fhir", "webhook:&lt;endpoint id&gt;")
 * @param key its ordering key ("appointment:&lt;id&gt;"): later rows of this key are still
 *     delivered
 * @param kind what happened ("appointment.booked")
 * @param attempts how often it was tried
 * @param lastError the last attempt's error: a status and a short reason, never the payload
 * @param at when it was marked dead
 */
public record OutboxDeadLettered(
    long id,
    String destination,
    String key,
    String kind,
    int attempts,
    String lastError,
    Instant at) {}
