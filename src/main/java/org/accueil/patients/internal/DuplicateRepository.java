package org.accueil.patients.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.patients.PossibleDuplicate;
import org.accueil.patients.matching.Comparison;
import org.accueil.platform.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The pairs of records waiting for the staff to say whether they are one person. */
@Repository
public class DuplicateRepository {

  private static final String COLUMNS =
      "id, patient_id, candidate_id, explanation, status, found_at, decided_at, decided_by";

  private final JdbcClient jdbc;
  private final JsonMapper json;

  DuplicateRepository(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Records the pair, unless it was recorded before (whatever was decided then: a pair said to be
   * two people is not asked again).
   */
  public void record(UUID patient, UUID candidate, Comparison comparison, Instant at) {
    jdbc.sql(
            """
            INSERT INTO patient_duplicate (id, patient_id, candidate_id, score, explanation,
                                           found_at)
            VALUES (:id, :patient, :candidate, :score, CAST(:explanation AS jsonb), :at)
            ON CONFLICT ((least(patient_id, candidate_id)), (greatest(patient_id, candidate_id)))
              DO NOTHING
            """)
        .param("id", Ids.newId())
        .param("patient", patient)
        .param("candidate", candidate)
        .param("score", comparison.score())
        .param("explanation", json.writeValueAsString(comparison))
        .param("at", at.atOffset(ZoneOffset.UTC))
        .update();
  }

  public Optional<PossibleDuplicate> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM patient_duplicate WHERE id = :id")
        .param("id", id)
        .query(this::duplicate)
        .optional();
  }

  /** Open pairs whose two records are both still live (neither merged nor erased), oldest first. */
  public List<PossibleDuplicate> open(int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + """
                 FROM patient_duplicate d
                 WHERE d.status = 'open'
                   AND NOT EXISTS (SELECT 1 FROM patient p
                                    WHERE p.id IN (d.patient_id, d.candidate_id)
                                      AND (p.status = 'merged' OR p.erased_at IS NOT NULL))
                 ORDER BY d.found_at, d.id
                 LIMIT :limit
                """)
        .param("limit", limit)
        .query(this::duplicate)
        .list();
  }

  /** Closes the open pair of {@code a} and {@code b}, if there is one. */
  public boolean decide(UUID a, UUID b, String status, String by, Instant at) {
    return jdbc.sql(
                """
                UPDATE patient_duplicate SET status = :status, decided_at = :at, decided_by = :by
                 WHERE least(patient_id, candidate_id) = least(CAST(:a AS uuid), CAST(:b AS uuid))
                   AND greatest(patient_id, candidate_id)
                       = greatest(CAST(:a AS uuid), CAST(:b AS uuid))
                   AND status = 'open'
                """)
            .param("a", a)
            .param("b", b)
            .param("status", status)
            .param("by", by)
            .param("at", at.atOffset(ZoneOffset.UTC))
            .update()
        == 1;
  }

  /** After an unmerge: the two are two people, whatever the pair said before. */
  public void markDistinct(UUID a, UUID b, Comparison comparison, String by, Instant at) {
    int updated =
        jdbc.sql(
                """
                UPDATE patient_duplicate SET status = 'distinct', decided_at = :at,
                                             decided_by = :by
                 WHERE least(patient_id, candidate_id) = least(CAST(:a AS uuid), CAST(:b AS uuid))
                   AND greatest(patient_id, candidate_id)
                       = greatest(CAST(:a AS uuid), CAST(:b AS uuid))
                """)
            .param("a", a)
            .param("b", b)
            .param("by", by)
            .param("at", at.atOffset(ZoneOffset.UTC))
            .update();
    if (updated == 0) {
      jdbc.sql(
              """
              INSERT INTO patient_duplicate (id, patient_id, candidate_id, score, explanation,
                                             status, found_at, decided_at, decided_by)
              VALUES (:id, :a, :b, :score, CAST(:explanation AS jsonb), 'distinct', :at, :at, :by)
              """)
          .param("id", Ids.newId())
          .param("score", comparison.score())
          .param("explanation", json.writeValueAsString(comparison))
          .param("a", a)
          .param("b", b)
          .param("by", by)
          .param("at", at.atOffset(ZoneOffset.UTC))
          .update();
    }
  }

  private PossibleDuplicate duplicate(ResultSet rs, int n) throws SQLException {
    return new PossibleDuplicate(
        rs.getObject("id", UUID.class),
        PatientId.of(rs.getObject("patient_id", UUID.class)),
        PatientId.of(rs.getObject("candidate_id", UUID.class)),
        json.readValue(rs.getString("explanation"), Comparison.class),
        rs.getString("status"),
        rs.getObject("found_at", OffsetDateTime.class).toInstant(),
        instant(rs.getObject("decided_at", OffsetDateTime.class)),
        rs.getString("decided_by"));
  }

  private static @Nullable Instant instant(@Nullable OffsetDateTime at) {
    return at == null ? null : at.toInstant();
  }
}
