package org.accueil.patients.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.Merge;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Merges and what each moved, for the grace period in which they can be undone. */
@Repository
public class MergeRepository {

  private static final String COLUMNS =
      "id, survivor_id, duplicate_id, reason, moved, merged_at, merged_by, unmergeable_until,"
          + " unmerged_at, unmerged_by, unmerge_reason";

  private static final TypeReference<Map<String, List<String>>> MOVED = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Sealer sealer;

  MergeRepository(JdbcClient jdbc, JsonMapper json, Sealer sealer) {
    this.jdbc = jdbc;
    this.json = json;
    this.sealer = sealer;
  }

  /**
   * @param survivorBefore the survivor's details the merge changed, as JSON (sealed here)
   */
  public void insert(Merge merge, PatientStatus duplicateStatus, @Nullable String survivorBefore) {
    jdbc.sql(
            """
            INSERT INTO patient_merge (id, survivor_id, duplicate_id, duplicate_status, reason,
                                       moved, survivor_before, merged_at, merged_by,
                                       unmergeable_until)
            VALUES (:id, :survivor, :duplicate, :status, :reason, CAST(:moved AS jsonb), :before,
                    :at, :by, :until)
            """)
        .param("id", merge.id())
        .param("survivor", merge.survivor().value())
        .param("duplicate", merge.duplicate().value())
        .param("status", duplicateStatus.code())
        .param("reason", merge.reason())
        .param("moved", json.writeValueAsString(merge.moved()))
        .param("before", sealer.seal(survivorBefore, ContactEncryption.SURVIVOR_BEFORE))
        .param("at", merge.mergedAt().atOffset(ZoneOffset.UTC))
        .param("by", merge.mergedBy())
        .param("until", merge.unmergeableUntil().atOffset(ZoneOffset.UTC))
        .update();
  }

  public Optional<Merge> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM patient_merge WHERE id = :id")
        .param("id", id)
        .query(this::merge)
        .optional();
  }

  /** Locks the merge's row: an unmerge and a second unmerge of it queue. */
  public Optional<Merge> lock(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM patient_merge WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(this::merge)
        .optional();
  }

  /** The merges into or of {@code patient}, newest first. */
  public List<Merge> of(UUID patient) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM patient_merge WHERE survivor_id = :id OR duplicate_id = :id"
                + " ORDER BY merged_at DESC, id")
        .param("id", patient)
        .query(this::merge)
        .list();
  }

  /** The merge that made {@code duplicate} a tombstone, if it stands. */
  public Optional<Merge> standing(UUID duplicate) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM patient_merge WHERE duplicate_id = :id AND unmerged_at IS NULL")
        .param("id", duplicate)
        .query(this::merge)
        .optional();
  }

  public PatientStatus duplicateStatus(UUID id) {
    return PatientStatus.ofCode(
            jdbc.sql("SELECT duplicate_status FROM patient_merge WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single())
        .orElseThrow();
  }

  public @Nullable String survivorBefore(UUID id) {
    List<byte[]> sealed =
        jdbc.sql(
                "SELECT survivor_before FROM patient_merge"
                    + " WHERE id = :id AND survivor_before IS NOT NULL")
            .param("id", id)
            .query((rs, n) -> rs.getBytes(1))
            .list();
    return sealed.isEmpty()
        ? null
        : sealer.open(sealed.getFirst(), ContactEncryption.SURVIVOR_BEFORE);
  }

  public void markUnmerged(UUID id, String by, String reason, Instant at) {
    jdbc.sql(
            """
            UPDATE patient_merge SET unmerged_at = :at, unmerged_by = :by, unmerge_reason = :reason
             WHERE id = :id
            """)
        .param("id", id)
        .param("by", by)
        .param("reason", reason)
        .param("at", at.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** An erased person's merges keep their ids, not the survivor's former details. */
  public void forgetDetails(List<UUID> patients) {
    jdbc.sql(
            "UPDATE patient_merge SET survivor_before = NULL"
                + " WHERE survivor_id IN (:ids) OR duplicate_id IN (:ids)")
        .param("ids", patients)
        .update();
  }

  private Merge merge(ResultSet rs, int n) throws SQLException {
    return new Merge(
        rs.getObject("id", UUID.class),
        PatientId.of(rs.getObject("survivor_id", UUID.class)),
        PatientId.of(rs.getObject("duplicate_id", UUID.class)),
        rs.getString("reason"),
        json.readValue(rs.getString("moved"), MOVED),
        rs.getObject("merged_at", OffsetDateTime.class).toInstant(),
        rs.getString("merged_by"),
        rs.getObject("unmergeable_until", OffsetDateTime.class).toInstant(),
        instant(rs.getObject("unmerged_at", OffsetDateTime.class)),
        rs.getString("unmerged_by"),
        rs.getString("unmerge_reason"));
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}
