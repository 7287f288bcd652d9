package org.accueil.integration.fhir;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * {@link EhrLinks} on the {@code integration_link} table, under the system {@code fhir}. To be
 * replaced by an adapter over {@code integration.mapping.IntegrationLinks} once both are merged:
 * same table, same rules.
 */
@Repository
class JdbcEhrLinks implements EhrLinks {

  private static final RowMapper<Link> LINK =
      (rs, n) ->
          new Link(
              rs.getString("resource_type"),
              rs.getObject("local_id", UUID.class),
              rs.getString("remote_id"),
              rs.getString("version"),
              rs.getTimestamp("last_synced").toInstant());

  private final JdbcClient jdbc;
  private final Clock clock;

  JdbcEhrLinks(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  @Override
  public Optional<Link> byLocal(String resource, UUID localId) {
    return jdbc.sql(
            """
            SELECT resource_type, local_id, remote_id, version, last_synced FROM integration_link
             WHERE system = :system AND resource_type = :type AND local_id = :local
            """)
        .param("system", FhirConnectorProperties.SYSTEM)
        .param("type", resource)
        .param("local", localId)
        .query(LINK)
        .optional();
  }

  @Override
  public Optional<Link> byRemote(String resource, String remoteId) {
    return jdbc.sql(
            """
            SELECT resource_type, local_id, remote_id, version, last_synced FROM integration_link
             WHERE system = :system AND resource_type = :type AND remote_id = :remote
            """)
        .param("system", FhirConnectorProperties.SYSTEM)
        .param("type", resource)
        .param("remote", remoteId)
        .query(LINK)
        .optional();
  }

  @Override
  public boolean link(String resource, UUID localId, String remoteId, @Nullable String version) {
    // Two writers linking one remote id to two records at once: the second waits for the first
    // and then sees its link, rather than failing on the unique constraint mid-transaction.
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:lock, 0))")
        .param("lock", "integration_link fhir " + resource + " " + remoteId)
        .query((rs, n) -> 1)
        .list();
    Optional<Link> taken = byRemote(resource, remoteId);
    if (taken.isPresent() && !taken.get().localId().equals(localId)) {
      return false;
    }
    jdbc.sql(
            """
            INSERT INTO integration_link (system, resource_type, local_id, remote_id, version,
                                          last_synced)
            VALUES (:system, :type, :local, :remote, :version, :now)
            ON CONFLICT (system, resource_type, local_id)
            DO UPDATE SET remote_id = EXCLUDED.remote_id, version = EXCLUDED.version,
                          last_synced = EXCLUDED.last_synced
            """)
        .param("system", FhirConnectorProperties.SYSTEM)
        .param("type", resource)
        .param("local", localId)
        .param("remote", remoteId)
        .param("version", version)
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .update();
    return true;
  }

  @Override
  public void unlink(String resource, UUID localId) {
    jdbc.sql(
            "DELETE FROM integration_link WHERE system = :system AND resource_type = :type"
                + " AND local_id = :local")
        .param("system", FhirConnectorProperties.SYSTEM)
        .param("type", resource)
        .param("local", localId)
        .update();
  }
}
