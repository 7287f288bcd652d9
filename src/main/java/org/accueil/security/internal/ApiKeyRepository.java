package org.accueil.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.platform.Ids;
import org.accueil.security.ApiKeys.KeyView;
import org.accueil.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** API keys as the database keeps them: a SHA-256 of the secret, never the secret itself. */
@Repository
public class ApiKeyRepository {

  record ActiveKey(UUID id, String name, List<Role> roles, List<String> scopes) {}

  private static final String VIEW_COLUMNS =
      "id, name, prefix, roles, scopes, bootstrap, created_at, created_by, expires_at,"
          + " revoked_at, revoked_by, last_used_at";

  private final JdbcClient jdbc;

  ApiKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<ActiveKey> findActive(String secret, Instant now) {
    return jdbc.sql(
            """
            SELECT id, name, roles, scopes FROM api_key
             WHERE secret_sha256 = :hash AND revoked_at IS NULL
               AND (expires_at IS NULL OR expires_at > :now)
            """)
        .param("hash", sha256(secret))
        .param("now", now.atOffset(ZoneOffset.UTC))
        .query(
            (rs, n) ->
                new ActiveKey(
                    rs.getObject("id", UUID.class),
                    rs.getString("name"),
                    strings(rs, "roles").stream().map(Role::valueOf).toList(),
                    strings(rs, "scopes")))
        .optional();
  }

  void touch(UUID id, Instant now) {
    jdbc.sql("UPDATE api_key SET last_used_at = :now WHERE id = :id")
        .param("now", now.atOffset(ZoneOffset.UTC))
        .param("id", id)
        .update();
  }

  public void insert(
      UUID id,
      String name,
      String prefix,
      String secret,
      List<Role> roles,
      List<String> scopes,
      @Nullable Instant expiresAt,
      String createdBy,
      Instant now) {
    jdbc.sql(
            """
            INSERT INTO api_key (id, name, prefix, secret_sha256, roles, scopes, created_at,
                                 created_by, expires_at)
            VALUES (:id, :name, :prefix, :hash, :roles, :scopes, :now, :by, :expires)
            """)
        .param("id", id)
        .param("name", name)
        .param("prefix", prefix)
        .param("hash", sha256(secret))
        .param("roles", roles.stream().map(Role::name).toArray(String[]::new))
        .param("scopes", scopes.toArray(String[]::new))
        .param("now", now.atOffset(ZoneOffset.UTC))
        .param("by", createdBy)
        .param("expires", expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC))
        .update();
  }

  public List<KeyView> list(boolean includeRevoked) {
    return jdbc.sql(
            "SELECT "
                + VIEW_COLUMNS
                + " FROM api_key WHERE :all OR revoked_at IS NULL ORDER BY created_at, id")
        .param("all", includeRevoked)
        .query(ApiKeyRepository::view)
        .list();
  }

  public Optional<KeyView> find(UUID id) {
    return jdbc.sql("SELECT " + VIEW_COLUMNS + " FROM api_key WHERE id = :id")
        .param("id", id)
        .query(ApiKeyRepository::view)
        .optional();
  }

  /** Revokes once: a second call leaves the first revocation's time and author in place. */
  public void revoke(UUID id, String by, Instant now) {
    jdbc.sql(
            "UPDATE api_key SET revoked_at = :now, revoked_by = :by"
                + " WHERE id = :id AND revoked_at IS NULL")
        .param("now", now.atOffset(ZoneOffset.UTC))
        .param("by", by)
        .param("id", id)
        .update();
  }

  /**
   * Makes {@code secret} the one active bootstrap admin key: kept if it already is, otherwise the
   * previous bootstrap key is revoked and this one created.
   */
  @Transactional
  boolean ensureBootstrapKey(String secret, Instant now) {
    byte[] hash = sha256(secret);
    boolean current =
        jdbc.sql(
                    "SELECT count(*) FROM api_key WHERE bootstrap AND revoked_at IS NULL"
                        + " AND secret_sha256 = :hash")
                .param("hash", hash)
                .query(Integer.class)
                .single()
            > 0;
    if (current) {
      return false;
    }
    jdbc.sql(
            "UPDATE api_key SET revoked_at = :now, revoked_by = 'system:bootstrap'"
                + " WHERE bootstrap AND revoked_at IS NULL")
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
    jdbc.sql(
            """
            INSERT INTO api_key (id, name, prefix, secret_sha256, roles, bootstrap, created_at,
                                 created_by)
            VALUES (:id, 'Bootstrap administrator key', :prefix, :hash, '{ADMIN}', true, :now,
                    'system:bootstrap')
            ON CONFLICT (secret_sha256) DO UPDATE
               SET revoked_at = NULL, revoked_by = NULL, bootstrap = true, roles = '{ADMIN}'
            """)
        .param("id", Ids.newId())
        .param("prefix", secret.substring(0, Math.min(4, secret.length())))
        .param("hash", hash)
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
    return true;
  }

  private static KeyView view(ResultSet rs, int n) throws SQLException {
    return new KeyView(
        rs.getObject("id", UUID.class),
        rs.getString("name"),
        rs.getString("prefix"),
        strings(rs, "roles").stream().map(Role::valueOf).toList(),
        strings(rs, "scopes"),
        rs.getBoolean("bootstrap"),
        instant(rs, "created_at"),
        rs.getString("created_by"),
        instant(rs, "expires_at"),
        instant(rs, "revoked_at"),
        rs.getString("revoked_by"),
        instant(rs, "last_used_at"));
  }

  private static List<String> strings(ResultSet rs, String column) throws SQLException {
    return Arrays.asList((String[]) rs.getArray(column).getArray());
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
