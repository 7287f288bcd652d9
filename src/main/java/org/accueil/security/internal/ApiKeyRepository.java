package org.accueil.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.platform.Ids;
import org.accueil.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** API keys as the database keeps them: a SHA-256 of the secret, never the secret itself. */
@Repository
class ApiKeyRepository {

  record ActiveKey(UUID id, String name, List<Role> roles) {}

  private final JdbcClient jdbc;

  ApiKeyRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<ActiveKey> findActive(String secret) {
    return jdbc.sql(
            """
            SELECT id, name, roles FROM api_key
             WHERE secret_sha256 = :hash AND revoked_at IS NULL
            """)
        .param("hash", sha256(secret))
        .query(
            (rs, n) ->
                new ActiveKey(
                    rs.getObject("id", UUID.class),
                    rs.getString("name"),
                    Arrays.stream((String[]) rs.getArray("roles").getArray())
                        .map(Role::valueOf)
                        .toList()))
        .optional();
  }

  void touch(UUID id, Instant now) {
    jdbc.sql("UPDATE api_key SET last_used_at = :now WHERE id = :id")
        .param("now", now.atOffset(ZoneOffset.UTC))
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
    jdbc.sql("UPDATE api_key SET revoked_at = :now WHERE bootstrap AND revoked_at IS NULL")
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
    jdbc.sql(
            """
            INSERT INTO api_key (id, name, prefix, secret_sha256, roles, bootstrap, created_at)
            VALUES (:id, 'Bootstrap administrator key', :prefix, :hash, '{ADMIN}', true, :now)
            ON CONFLICT (secret_sha256) DO UPDATE SET revoked_at = NULL, bootstrap = true, roles = '{ADMIN}'
            """)
        .param("id", Ids.newId())
        .param("prefix", secret.substring(0, Math.min(4, secret.length())))
        .param("hash", hash)
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
    return true;
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
