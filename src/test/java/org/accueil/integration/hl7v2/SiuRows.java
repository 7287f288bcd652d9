package org.accueil.integration.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.accueil.integration.outbox.OutboxMessage;
import org.accueil.integration.outbox.internal.OutboxDispatcher;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox rows written for the HL7 peer ({@code hl7v2}) about one appointment, as the delivery
 * log holds them, and waiting for the node's dispatcher to get them somewhere.
 */
final class SiuRows {

  /** One row with what the log says of it. */
  record Row(
      long id, String kind, String state, int attempts, String lastError, OutboxMessage message) {

    /** Its {@code attempt}th attempt is over and recorded (not claimed for the next one). */
    boolean settledAfter(int attempt) {
      return attempts == attempt && !state.equals("delivering");
    }
  }

  private final JdbcClient jdbc;
  private final OutboxDispatcher dispatcher;

  SiuRows(JdbcClient jdbc, OutboxDispatcher dispatcher) {
    this.jdbc = jdbc;
    this.dispatcher = dispatcher;
  }

  /** The rows of appointment {@code id}, oldest first. */
  List<Row> of(Object id) {
    return jdbc.sql(
            """
            SELECT id, destination, key, kind, payload::text AS payload, idempotency_key, state,
                   attempts, last_error, created_at
              FROM integration_outbox WHERE destination = :destination AND key = :key ORDER BY id
            """)
        .param("destination", SiuOutboxWriter.DESTINATION)
        .param("key", "appointment:" + id)
        .query(
            (rs, n) ->
                new Row(
                    rs.getLong("id"),
                    rs.getString("kind"),
                    rs.getString("state"),
                    rs.getInt("attempts"),
                    rs.getString("last_error"),
                    new OutboxMessage(
                        rs.getLong("id"),
                        rs.getString("destination"),
                        rs.getString("key"),
                        rs.getString("kind"),
                        rs.getString("payload"),
                        rs.getObject("idempotency_key", UUID.class),
                        Math.max(1, rs.getInt("attempts")),
                        rs.getObject("created_at", java.time.OffsetDateTime.class).toInstant())))
        .list();
  }

  /** The delivery log's outcome of each attempt at row {@code id}, oldest first. */
  List<String> outcomes(long id) {
    return jdbc.sql(
            "SELECT outcome FROM integration_delivery_attempt WHERE outbox_id = :id ORDER BY id")
        .param("id", id)
        .query(String.class)
        .list();
  }

  /** Waits (helping the node's workers) until every row of each appointment is delivered. */
  void awaitDelivered(List<?> appointments) {
    await(appointments, rows -> rows.stream().allMatch(r -> r.state().equals("delivered")));
  }

  /** Waits (helping the node's workers) until the rows of each appointment pass {@code test}. */
  void await(List<?> appointments, Predicate<List<Row>> test) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (true) {
      List<List<Row>> rows = appointments.stream().map(this::of).toList();
      if (rows.stream().allMatch(r -> !r.isEmpty() && test.test(r))) {
        return;
      }
      assertThat(Instant.now())
          .as("the outbox rows got there within 20 s: %s", rows)
          .isBefore(deadline);
      dispatcher.drain();
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
