package org.accueil.integration.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.accueil.integration.outbox.internal.OutboxDispatcher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Writing outbox rows as a module does, and waiting for the dispatcher to get them somewhere. */
final class OutboxRows {

  private final Outbox outbox;
  private final TransactionTemplate transactions;
  private final JdbcClient jdbc;
  private final OutboxDispatcher dispatcher;

  OutboxRows(
      Outbox outbox,
      TransactionTemplate transactions,
      JdbcClient jdbc,
      OutboxDispatcher dispatcher) {
    this.outbox = outbox;
    this.transactions = transactions;
    this.jdbc = jdbc;
    this.dispatcher = dispatcher;
  }

  /** One row, in a transaction of its own that commits. */
  long write(String destination, String key, String kind) {
    Long id =
        transactions.execute(
            status -> outbox.enqueue(destination, key, kind, Map.of("key", key, "kind", kind)));
    return id == null ? -1 : id;
  }

  String state(long id) {
    return jdbc.sql("SELECT state FROM integration_outbox WHERE id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  int attempts(long id) {
    return jdbc.sql("SELECT attempts FROM integration_outbox WHERE id = :id")
        .param("id", id)
        .query(Integer.class)
        .single();
  }

  /** The delivery log of a row, oldest attempt first: outcome per attempt. */
  List<String> outcomes(long id) {
    return jdbc.sql(
            "SELECT outcome FROM integration_delivery_attempt WHERE outbox_id = :id ORDER BY id")
        .param("id", id)
        .query(String.class)
        .list();
  }

  List<Instant> attemptStarts(long id) {
    return jdbc.sql(
            "SELECT started_at FROM integration_delivery_attempt WHERE outbox_id = :id ORDER BY id")
        .param("id", id)
        .query((rs, n) -> rs.getObject(1, java.time.OffsetDateTime.class).toInstant())
        .list();
  }

  /** Drains (this thread helps the node's workers) until the row is in {@code state}. */
  void awaitState(long id, String state) {
    awaitState(id, state, Duration.ofSeconds(15));
  }

  void awaitState(long id, String state, Duration within) {
    Instant deadline = Instant.now().plus(within);
    while (!state(id).equals(state)) {
      assertThat(Instant.now())
          .as("row %d %s within %s (it is %s)", id, state, within, state(id))
          .isBefore(deadline);
      dispatcher.drain();
      pause(Duration.ofMillis(20));
    }
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
