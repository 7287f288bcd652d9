package org.accueil.integration.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * One row to deliver.
 *
 * @param destination where it goes ("fhir", "hl7v2", "webhook:&lt;endpoint id&gt;")
 * @param key the ordering key: rows with the same destination and key are delivered one at a time
 *     in the order they were written ("appointment:&lt;id&gt;", "patient:&lt;id&gt;")
 * @param kind what happened ("appointment.booked", "appointment.cancelled", "patient.created")
 * @param payload JSON, the facts the destination needs (ids and scheduling facts, no clinical
 *     content)
 * @param idempotencyKey stable across attempts; sent to receivers that dedupe (webhook-id)
 * @param attempt 1 for the first attempt
 */
public record OutboxMessage(
    long id,
    String destination,
    String key,
    String kind,
    String payload,
    UUID idempotencyKey,
    int attempt,
    Instant createdAt) {}
