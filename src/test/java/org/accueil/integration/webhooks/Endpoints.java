package org.accueil.integration.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.integration.outbox.OutboxMessage;
import org.accueil.testing.Api;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The test's webhook endpoints, registered through the API, and the outbox rows written for them.
 * Removed after each test: the context is shared, and an endpoint left enabled would receive every
 * other test's events.
 */
final class Endpoints {

  /** An endpoint as created: its id and the secret shown once. */
  record Created(UUID id, String secret) {
    String destination() {
      return "webhook:" + id;
    }
  }

  private final Api api;
  private final JdbcClient jdbc;
  private final List<UUID> created = new ArrayList<>();

  Endpoints(Api api, JdbcClient jdbc) {
    this.api = api;
    this.jdbc = jdbc;
  }

  Created create(String url, String... eventTypes) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("url", url);
    body.put("description", "Test receiver");
    body.put("eventTypes", List.of(eventTypes));
    var answer = api.post("/api/v1/webhooks", body);
    assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    UUID id = UUID.fromString(answer.string("id"));
    created.add(id);
    return new Created(id, answer.string("secret"));
  }

  /**
   * The rows written for the endpoint, oldest first, each as the dispatcher hands it over on its
   * first attempt.
   */
  List<OutboxMessage> enqueued(Created endpoint) {
    return jdbc.sql(
            """
            SELECT id, destination, key, kind, payload::text AS payload, idempotency_key,
                   created_at
              FROM integration_outbox WHERE destination = :destination ORDER BY id
            """)
        .param("destination", endpoint.destination())
        .query(
            (rs, n) ->
                new OutboxMessage(
                    rs.getLong("id"),
                    rs.getString("destination"),
                    rs.getString("key"),
                    rs.getString("kind"),
                    rs.getString("payload"),
                    rs.getObject("idempotency_key", UUID.class),
                    1,
                    rs.getObject("created_at", OffsetDateTime.class).toInstant()))
        .list();
  }

  /** The one row written for the endpoint of {@code kind}. */
  OutboxMessage single(Created endpoint, String kind) {
    List<OutboxMessage> rows =
        enqueued(endpoint).stream().filter(m -> m.kind().equals(kind)).toList();
    assertThat(rows).as("rows of kind " + kind).hasSize(1);
    return rows.getFirst();
  }

  static OutboxMessage attempt(OutboxMessage message, int attempt) {
    return new OutboxMessage(
        message.id(),
        message.destination(),
        message.key(),
        message.kind(),
        message.payload(),
        message.idempotencyKey(),
        attempt,
        message.createdAt());
  }

  void removeAll() {
    for (UUID id : created) {
      api.delete("/api/v1/webhooks/" + id);
    }
    created.clear();
  }

  static Instant seconds(String timestamp) {
    return Instant.ofEpochSecond(Long.parseLong(timestamp));
  }
}
