package org.accueil.scheduling;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.accueil.patients.MergeParticipant;
import org.accueil.patients.PatientId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A merged patient's waitlist entries (and the offers made to them) become the survivor's, and go
 * back on an unmerge. An entry the survivor already has the same of (same type and provider, both
 * waiting) stays the duplicate's: the survivor keeps their own place in the queue, and the copy is
 * offered nothing since the duplicate is no longer a current record.
 */
@Component
class WaitlistFollowsMerges implements MergeParticipant {

  private final JdbcClient jdbc;

  WaitlistFollowsMerges(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public String records() {
    return "waitlist-entries";
  }

  @Override
  public List<UUID> move(PatientId duplicate, PatientId survivor) {
    List<UUID> moved =
        jdbc.sql(
                """
                UPDATE waitlist_entry d SET patient_id = :survivor
                 WHERE d.patient_id = :duplicate
                   AND NOT (d.status = 'active' AND EXISTS (
                     SELECT 1 FROM waitlist_entry s
                      WHERE s.patient_id = :survivor AND s.status = 'active'
                        AND s.appointment_type_id = d.appointment_type_id
                        AND s.provider_id IS NOT DISTINCT FROM d.provider_id))
                RETURNING d.id
                """)
            .param("survivor", survivor.value())
            .param("duplicate", duplicate.value())
            .query(UUID.class)
            .list();
    offersOf(moved, survivor);
    return moved;
  }

  @Override
  public void moveBack(Collection<UUID> ids, PatientId survivor, PatientId duplicate) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql(
            "UPDATE waitlist_entry SET patient_id = :duplicate"
                + " WHERE id IN (:ids) AND patient_id = :survivor")
        .param("ids", ids)
        .param("survivor", survivor.value())
        .param("duplicate", duplicate.value())
        .update();
    offersOf(ids, duplicate);
  }

  private void offersOf(Collection<UUID> entries, PatientId patient) {
    if (entries.isEmpty()) {
      return;
    }
    jdbc.sql("UPDATE waitlist_offer SET patient_id = :patient WHERE entry_id IN (:entries)")
        .param("patient", patient.value())
        .param("entries", entries)
        .update();
  }
}
