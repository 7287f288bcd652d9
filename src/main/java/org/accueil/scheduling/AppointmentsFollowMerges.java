package org.accueil.scheduling;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.accueil.patients.MergeParticipant;
import org.accueil.patients.PatientId;
import org.accueil.platform.ProblemException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged patient's appointments (past, future, cancelled, holds) become the survivor's, and go
 * back on an unmerge. Two visits of the two records at the same time cannot become one person's:
 * the merge is refused, naming both, and the exclusion constraint refuses it anyway if a booking
 * races the merge.
 */
@Component
class AppointmentsFollowMerges implements MergeParticipant {

  private final JdbcClient jdbc;

  AppointmentsFollowMerges(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String records() {
    return "appointments";
  }

  @Override
  public List<UUID> move(PatientId duplicate, PatientId survivor) {
    jdbc.sql(
            """
            SELECT d.id AS theirs, s.id AS ours FROM appointment d
              JOIN appointment s
                ON s.patient_id = :survivor
               AND tstzrange(s.starts_at, s.ends_at) && tstzrange(d.starts_at, d.ends_at)
               AND s.status IN ('proposed', 'pending', 'booked', 'arrived', 'checked-in',
                                'fulfilled')
             WHERE d.patient_id = :duplicate
               AND d.status IN ('proposed', 'pending', 'booked', 'arrived', 'checked-in',
                                'fulfilled')
             LIMIT 1
            """)
        .param("survivor", survivor.value())
        .param("duplicate", duplicate.value())
        .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)})
        .optional()
        .ifPresent(
            pair -> {
              throw ProblemException.of(HttpStatus.CONFLICT, "merge-overlapping-visits")
                  .detail(
                      "The two records have visits at the same time ({0} and {1}): one person"
                          + " cannot attend both. Cancel the one that is a copy, then merge.",
                      pair[0], pair[1])
                  .with("appointments", List.of(pair[0].toString(), pair[1].toString()))
                  .build();
            });
    return jdbc.sql(
            """
            UPDATE appointment SET patient_id = :survivor, updated_at = now(), version = version + 1
             WHERE patient_id = :duplicate
            RETURNING id
            """)
        .param("survivor", survivor.value())
        .param("duplicate", duplicate.value())
        .query(UUID.class)
        .list();
  }

  @Override
  public void moveBack(Collection<UUID> ids, PatientId survivor, PatientId duplicate) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            UPDATE appointment SET patient_id = :duplicate, updated_at = now(),
                                   version = version + 1
             WHERE id IN (:ids) AND patient_id = :survivor
            """)
        .param("ids", ids)
        .param("survivor", survivor.value())
        .param("duplicate", duplicate.value())
        .update();
  }
}
