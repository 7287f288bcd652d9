package org.accueil.integration.webhooks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.platform.crypto.EncryptedColumn;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code webhook_endpoint} rows; secrets are sealed on the way in and opened on the way out.
 */
final class EndpointRepository {

  static final String SECRET = "webhook_endpoint.secret";
  static final String PREVIOUS_SECRET = "webhook_endpoint.previous_secret";

  static EncryptedColumn secretColumn() {
    return EncryptedColumn.of("webhook_endpoint", "id", "secret", SECRET);
  }

  static EncryptedColumn previousSecretColumn() {
    return EncryptedColumn.of("webhook_endpoint", "id", "previous_secret", PREVIOUS_SECRET);
  }

  /** The secrets to sign with at {@code now}: the current one first. */
  record Signing(WebhookEndpoint endpoint, List<String> secrets) {}

  private static final String COLUMNS =
      """
      id, url, description, event_types, enabled, disabled_reason, disabled_at,
      previous_secret_until, created_at, updated_at
      """;

  private final JdbcClient jdbc;
  private final FieldCipher cipher;

  EndpointRepository(JdbcClient jdbc, FieldCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  void insert(
      UUID id, String url, String description, List<String> eventTypes, String secret, Instant at) {
    jdbc.sql(
            """
            INSERT INTO webhook_endpoint (id, url, description, event_types, secret, enabled,
                                          created_at, updated_at)
            VALUES (:id, :url, :description, :types, :secret, true, :at, :at)
            """)
        .param("id", id)
        .param("url", url)
        .param("description", description)
        .param("types", eventTypes.toArray(String[]::new))
        .param("secret", cipher.encrypt(secret, SECRET))
        .param("at", utc(at))
        .update();
  }

  boolean update(UUID id, String url, String description, List<String> eventTypes, Instant at) {
    return jdbc.sql(
                """
                UPDATE webhook_endpoint
                   SET url = :url, description = :description, event_types = :types,
                       updated_at = :at
                 WHERE id = :id
                """)
            .param("id", id)
            .param("url", url)
            .param("description", description)
            .param("types", eventTypes.toArray(String[]::new))
            .param("at", utc(at))
            .update()
        == 1;
  }

  boolean delete(UUID id) {
    return jdbc.sql("DELETE FROM webhook_endpoint WHERE id = :id").param("id", id).update() == 1;
  }

  Optional<WebhookEndpoint> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id = :id")
        .param("id", id)
        .query(EndpointRepository::endpoint)
        .optional();
  }

  /** Locks the row: a rotation or a change of state waits for the one under way. */
  Optional<WebhookEndpoint> lock(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoint WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(EndpointRepository::endpoint)
        .optional();
  }

  List<WebhookEndpoint> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_endpoint ORDER BY created_at, id")
        .query(EndpointRepository::endpoint)
        .list();
  }

  /** The enabled endpoints that take events of {@code type}. */
  List<UUID> subscribers(String type) {
    return jdbc.sql(
            """
            SELECT id FROM webhook_endpoint
             WHERE enabled AND (cardinality(event_types) = 0 OR :type = ANY (event_types))
             ORDER BY id
            """)
        .param("type", type)
        .query(UUID.class)
        .list();
  }

  /** The endpoint and the secrets to sign with at {@code now}, opened. */
  Optional<Signing> signing(UUID id, Instant now) {
    return jdbc.sql(
            "SELECT " + COLUMNS + ", secret, previous_secret FROM webhook_endpoint WHERE id = :id")
        .param("id", id)
        .query(
            (rs, n) -> {
              WebhookEndpoint endpoint = endpoint(rs, n);
              List<String> secrets = new ArrayList<>();
              secrets.add(cipher.decrypt(rs.getBytes("secret"), SECRET));
              byte[] previous = rs.getBytes("previous_secret");
              Instant until = endpoint.previousSecretUntil();
              if (previous != null && until != null && now.isBefore(until)) {
                secrets.add(cipher.decrypt(previous, PREVIOUS_SECRET));
              }
              return new Signing(endpoint, List.copyOf(secrets));
            })
        .optional();
  }

  /** The new secret becomes current; the current one is still used until {@code overlapUntil}. */
  void rotate(UUID id, String secret, Instant overlapUntil, Instant at) {
    String current =
        jdbc.sql("SELECT secret FROM webhook_endpoint WHERE id = :id")
            .param("id", id)
            .query((rs, n) -> cipher.decrypt(rs.getBytes(1), SECRET))
            .single();
    jdbc.sql(
            """
            UPDATE webhook_endpoint
               SET secret = :secret, previous_secret = :previous,
                   previous_secret_until = :until, updated_at = :at
             WHERE id = :id
            """)
        .param("id", id)
        .param("secret", cipher.encrypt(secret, SECRET))
        // Sealed again under its own context: a value copied between columns does not open.
        .param("previous", cipher.encrypt(current, PREVIOUS_SECRET))
        .param("until", utc(overlapUntil))
        .param("at", utc(at))
        .update();
  }

  void enable(UUID id, Instant at) {
    jdbc.sql(
            """
            UPDATE webhook_endpoint
               SET enabled = true, disabled_reason = NULL, disabled_at = NULL, updated_at = :at
             WHERE id = :id
            """)
        .param("id", id)
        .param("at", utc(at))
        .update();
  }

  /**
   * Disables the endpoint unless it already is.
   *
   * @return whether this call disabled it (false: disabled before, or deleted)
   */
  boolean disable(UUID id, String reason, Instant at) {
    return jdbc.sql(
                """
                UPDATE webhook_endpoint
                   SET enabled = false, disabled_reason = :reason, disabled_at = :at,
                       updated_at = :at
                 WHERE id = :id AND enabled
                """)
            .param("id", id)
            .param("reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason)
            .param("at", utc(at))
            .update()
        == 1;
  }

  private static WebhookEndpoint endpoint(ResultSet rs, int n) throws SQLException {
    return new WebhookEndpoint(
        rs.getObject("id", UUID.class),
        rs.getString("url"),
        rs.getString("description"),
        Arrays.asList((String[]) rs.getArray("event_types").getArray()),
        rs.getBoolean("enabled"),
        rs.getString("disabled_reason"),
        instant(rs, "disabled_at"),
        instant(rs, "previous_secret_until"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
