package org.accueil.integration.mapping;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The links between our records and other systems' ({@code integration_link}): one remote id per
 * record of ours and system, and one record of ours per remote id.
 */
@Service
public class IntegrationLinks {

  /** "fhir", "hl7v2", "athena": lower case, digits, - and _. */
  public static final Pattern SYSTEM = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

  /**
   * Printable ASCII without spaces, quotes, angle brackets, semicolons or backslashes: FHIR logical
   * ids ({@code [A-Za-z0-9.-]{1,64}}) and HL7 v2 identifiers (with their {@code ^ & ~} separators).
   */
  public static final Pattern REMOTE_ID =
      Pattern.compile("[A-Za-z0-9._:/|^~&+=@#$%*!(),?-]{1,200}");

  /** A FHIR meta.versionId, or an ETag's value without W/ and quotes. */
  public static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final JdbcClient jdbc;
  private final Clock clock;

  IntegrationLinks(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<IntegrationLink> byLocal(String system, LinkedResource resource, UUID localId) {
    return jdbc.sql(
            """
            SELECT * FROM integration_link
             WHERE system = :system AND resource_type = :type AND local_id = :local
            """)
        .param("system", system)
        .param("type", resource.code())
        .param("local", localId)
        .query(IntegrationLinks::link)
        .optional();
  }

  public Optional<IntegrationLink> byRemote(
      String system, LinkedResource resource, String remoteId) {
    return jdbc.sql(
            """
            SELECT * FROM integration_link
             WHERE system = :system AND resource_type = :type AND remote_id = :remote
            """)
        .param("system", system)
        .param("type", resource.code())
        .param("remote", remoteId)
        .query(IntegrationLinks::link)
        .optional();
  }

  /** Their id for our record, if linked. */
  public Optional<String> remoteId(String system, LinkedResource resource, UUID localId) {
    return byLocal(system, resource, localId).map(IntegrationLink::remoteId);
  }

  /** Our id for their record, if linked. */
  public Optional<UUID> localId(String system, LinkedResource resource, String remoteId) {
    return byRemote(system, resource, remoteId).map(IntegrationLink::localId);
  }

  /**
   * Links our record to theirs, replacing the record's previous link in that system, and records
   * their version; refused (nothing written) when their id is already linked to another record of
   * ours.
   *
   * @throws IllegalArgumentException when system, remote id or version break their grammar
   */
  @Transactional
  public LinkResult link(
      String system,
      LinkedResource resource,
      UUID localId,
      String remoteId,
      @Nullable String version) {
    check("system", system, SYSTEM);
    check("remote id", remoteId, REMOTE_ID);
    if (version != null) {
      check("version", version, VERSION);
    }
    // Two writers linking the same remote id to different records at once: the second waits here
    // and then sees the first's link, instead of failing on the unique constraint (which would
    // abort the caller's whole transaction).
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:lock, 0))")
        .param("lock", "integration_link " + system + " " + resource.code() + " " + remoteId)
        .query((rs, n) -> 1)
        .list();
    Optional<IntegrationLink> taken = byRemote(system, resource, remoteId);
    if (taken.isPresent() && !taken.get().localId().equals(localId)) {
      return new LinkResult.RemoteIdTaken(taken.get());
    }
    IntegrationLink written =
        jdbc.sql(
                """
                INSERT INTO integration_link
                  (system, resource_type, local_id, remote_id, version, last_synced)
                VALUES (:system, :type, :local, :remote, :version, :now)
                ON CONFLICT (system, resource_type, local_id) DO UPDATE
                   SET remote_id = excluded.remote_id, version = excluded.version,
                       last_synced = excluded.last_synced
                RETURNING *
                """)
            .param("system", system)
            .param("type", resource.code())
            .param("local", localId)
            .param("remote", remoteId)
            .param("version", version)
            .param("now", clock.instant().atOffset(ZoneOffset.UTC))
            .query(IntegrationLinks::link)
            .single();
    return new LinkResult.Linked(written);
  }

  /** Removes our record's link in {@code system}; false when there was none. */
  @Transactional
  public boolean unlink(String system, LinkedResource resource, UUID localId) {
    return jdbc.sql(
                """
                DELETE FROM integration_link
                 WHERE system = :system AND resource_type = :type AND local_id = :local
                """)
            .param("system", system)
            .param("type", resource.code())
            .param("local", localId)
            .update()
        == 1;
  }

  /** Links by system and type (nulls: all), ordered by system, type and our id. */
  public List<IntegrationLink> list(
      @Nullable String system, @Nullable LinkedResource resource, int limit, int offset) {
    return jdbc.sql(
            """
            SELECT * FROM integration_link
             WHERE (CAST(:system AS text) IS NULL OR system = :system)
               AND (CAST(:type AS text) IS NULL OR resource_type = :type)
             ORDER BY system, resource_type, local_id
             LIMIT :limit OFFSET :offset
            """)
        .param("system", system)
        .param("type", resource == null ? null : resource.code())
        .param("limit", limit)
        .param("offset", offset)
        .query(IntegrationLinks::link)
        .list();
  }

  private static void check(String what, String value, Pattern grammar) {
    if (!grammar.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "Not a valid " + what + " for a link: \"" + value + "\" (expected " + grammar + ")");
    }
  }

  private static IntegrationLink link(ResultSet rs, int n) throws SQLException {
    return new IntegrationLink(
        rs.getString("system"),
        LinkedResource.ofCode(rs.getString("resource_type")).orElseThrow(),
        rs.getObject("local_id", UUID.class),
        rs.getString("remote_id"),
        rs.getString("version"),
        rs.getObject("last_synced", OffsetDateTime.class).toInstant());
  }
}
