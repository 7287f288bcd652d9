package org.accueil.integration.hl7v2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.accueil.integration.outbox.Outbox;
import org.accueil.integration.outbox.OutboxMessage;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox of the HL7 tests, until the integration module's own is merged: rows are kept in
 * memory when (and only when) the writer's transaction commits, as the real one keeps them.
 */
@TestConfiguration(proxyBeanMethods = false)
@Primary
class RecordingOutbox implements Outbox {

  private final JsonMapper json;
  private final AtomicLong ids = new AtomicLong();
  private final List<OutboxMessage> rows = new ArrayList<>();

  RecordingOutbox(JsonMapper json) {
    this.json = json;
  }

  @Override
  public long enqueue(String destination, String key, String kind, Object payload) {
    if (!TransactionSynchronizationManager.isActualTransactionActive()) {
      throw new IllegalStateException("Outbox.enqueue needs the writer's transaction");
    }
    long id = ids.incrementAndGet();
    OutboxMessage row =
        new OutboxMessage(
            id,
            destination,
            key,
            kind,
            json.writeValueAsString(payload),
            UUID.randomUUID(),
            1,
            Instant.now());
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            synchronized (rows) {
              rows.add(row);
            }
          }
        });
    return id;
  }

  /** The rows written for {@code key}, in order. */
  List<OutboxMessage> rowsOf(String key) {
    synchronized (rows) {
      return rows.stream().filter(r -> r.key().equals(key)).toList();
    }
  }

  List<OutboxMessage> all() {
    synchronized (rows) {
      return List.copyOf(rows);
    }
  }

  /** The same row, as the dispatcher hands it over at its {@code attempt}th attempt. */
  static OutboxMessage attempt(OutboxMessage row, int attempt) {
    return new OutboxMessage(
        row.id(),
        row.destination(),
        row.key(),
        row.kind(),
        row.payload(),
        row.idempotencyKey(),
        attempt,
        row.createdAt());
  }
}
