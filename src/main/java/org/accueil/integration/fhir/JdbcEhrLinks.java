package org.accueil.integration.fhir;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@link EhrLinks} on the {@code integration_link} table, under the system {@code fhir}. */
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
  public Optional<Link> byLocal(String resourceType, UUID localId) {
    return jdbc.sql(
            """
            SELECT resource_type, local_id, remote_id, version, last_synced FROM integration_link
             WHERE system = :system AND resource_type = :type AND local_id = :local
            """)
        .param("system", FhirConnectorProperties.SYSTEM)
        .param("type", resourceType)
        .param("local", localId)
        .query(LINK)
        .optional();
  }

  @Override
  public Optional<Link> byRemote(String resourceType, String remoteId) {
    return jdbc.sql(
            """
            SELECT resource_type, local_id, remote_id, version, last_synced FROM integration_link
             WHERE system = :system AND resource_type = :type AND remote_id = :remote
            """)
        .param("system", FhirConnectorProperties.SYSTEM)
        .param("type", resourceType)
        .param("remote", remoteId)
        .query(LINK)
        .optional();
  }

  @Override
  public void link(String resourceType, UUID localId, String remoteId, @Nullable String version) {
    // One remote resource is one of ours: a pair naming it under another local id goes first.
    jdbc.sql(
            """
            DELETE FROM integration_link
             WHERE system = :system AND resource_type = :type AND remote_id = :remote
               AND local_id <> :local
            """)
        .param("system", FhirConnectorProperties.SYSTEM)
        .param("type", resourceType)
        .param("remote", remoteId)
        .param("local", localId)
        .update();
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
        .param("type", resourceType)
        .param("local", localId)
        .param("remote", remoteId)
        .param("version", version)
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .update();
  }

  @Override
  public void unlink(String resourceType, UUID localId) {
    jdbc.sql(
            "DELETE FROM integration_link WHERE system = :system AND resource_type = :type"
                + " AND local_id = :local")
        .param("system", FhirConnectorProperties.SYSTEM)
        .param("type", resourceType)
        .param("local", localId)
        .update();
  }
}
