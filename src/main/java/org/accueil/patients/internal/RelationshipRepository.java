package org.accueil.patients.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.patients.Relationship;
import org.accueil.patients.RelationshipKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Who books and speaks for whom. */
@Repository
public class RelationshipRepository {

  private final JdbcClient jdbc;

  RelationshipRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Records the link, or changes its kind when it exists. */
  public void link(Relationship relationship, String by, Instant at) {
    jdbc.sql(
            """
            INSERT INTO patient_relationship (guardian_id, dependent_id, kind, created_at,
                                              created_by)
            VALUES (:guardian, :dependent, :kind, :at, :by)
            ON CONFLICT (guardian_id, dependent_id) DO UPDATE SET kind = EXCLUDED.kind
            """)
        .param("guardian", relationship.guardian().value())
        .param("dependent", relationship.dependent().value())
        .param("kind", relationship.kind().code())
        .param("at", at.atOffset(ZoneOffset.UTC))
        .param("by", by)
        .update();
  }

  public boolean unlink(UUID guardian, UUID dependent) {
    return jdbc.sql(
                "DELETE FROM patient_relationship"
                    + " WHERE guardian_id = :guardian AND dependent_id = :dependent")
            .param("guardian", guardian)
            .param("dependent", dependent)
            .update()
        == 1;
  }

  public List<Relationship> guardiansOf(UUID dependent) {
    return jdbc.sql(
            "SELECT guardian_id, dependent_id, kind FROM patient_relationship"
                + " WHERE dependent_id = :id ORDER BY created_at, guardian_id")
        .param("id", dependent)
        .query(RelationshipRepository::relationship)
        .list();
  }

  public List<Relationship> dependentsOf(UUID guardian) {
    return jdbc.sql(
            "SELECT guardian_id, dependent_id, kind FROM patient_relationship"
                + " WHERE guardian_id = :id ORDER BY created_at, dependent_id")
        .param("id", guardian)
        .query(RelationshipRepository::relationship)
        .list();
  }

  /** Whether one of the two speaks for the other. */
  public boolean related(UUID a, UUID b) {
    return jdbc.sql(
            """
            SELECT EXISTS (SELECT 1 FROM patient_relationship
                            WHERE (guardian_id = :a AND dependent_id = :b)
                               OR (guardian_id = :b AND dependent_id = :a))
            """)
        .param("a", a)
        .param("b", b)
        .query(Boolean.class)
        .single();
  }

  /**
   * Moves {@code from}'s links to {@code to}, but those {@code to} has already; returns the links
   * moved, as {@code guardian/dependent} after the move.
   */
  public List<String> moveAll(UUID from, UUID to) {
    List<String> moved =
        jdbc.sql(
                """
                UPDATE patient_relationship r SET guardian_id = :to
                 WHERE r.guardian_id = :from
                   AND NOT EXISTS (SELECT 1 FROM patient_relationship o
                                    WHERE o.guardian_id = :to AND o.dependent_id = r.dependent_id)
                RETURNING guardian_id || '/' || dependent_id
                """)
            .param("from", from)
            .param("to", to)
            .query(String.class)
            .list();
    List<String> asDependent =
        jdbc.sql(
                """
                UPDATE patient_relationship r SET dependent_id = :to
                 WHERE r.dependent_id = :from
                   AND NOT EXISTS (SELECT 1 FROM patient_relationship o
                                    WHERE o.dependent_id = :to AND o.guardian_id = r.guardian_id)
                RETURNING guardian_id || '/' || dependent_id
                """)
            .param("from", from)
            .param("to", to)
            .query(String.class)
            .list();
    return java.util.stream.Stream.concat(moved.stream(), asDependent.stream()).toList();
  }

  /**
   * The links listed (as {@link #moveAll} returned them) go back from {@code from} to {@code to}.
   */
  public void moveBack(Collection<String> links, UUID from, UUID to) {
    for (String link : links) {
      String[] ids = link.split("/");
      UUID guardian = UUID.fromString(ids[0]);
      UUID dependent = UUID.fromString(ids[1]);
      jdbc.sql(
              """
              UPDATE patient_relationship
                 SET guardian_id = CASE WHEN guardian_id = :from THEN :to ELSE guardian_id END,
                     dependent_id = CASE WHEN dependent_id = :from THEN :to ELSE dependent_id END
               WHERE guardian_id = :guardian AND dependent_id = :dependent
              """)
          .param("from", from)
          .param("to", to)
          .param("guardian", guardian)
          .param("dependent", dependent)
          .update();
    }
  }

  public void deleteAll(Collection<UUID> patients) {
    jdbc.sql(
            "DELETE FROM patient_relationship"
                + " WHERE guardian_id IN (:patients) OR dependent_id IN (:patients)")
        .param("patients", patients)
        .update();
  }

  private static Relationship relationship(java.sql.ResultSet rs, int n)
      throws java.sql.SQLException {
    return new Relationship(
        PatientId.of(rs.getObject("guardian_id", UUID.class)),
        PatientId.of(rs.getObject("dependent_id", UUID.class)),
        RelationshipKind.ofCode(rs.getString("kind")).orElseThrow());
  }
}
