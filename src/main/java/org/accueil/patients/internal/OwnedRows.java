package org.accueil.patients.internal;

import java.util.Collection;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What every table of a patient's own rows (their other contacts, identifiers, channel identities)
 * does alike, keyed by {@code id} and owned through {@code patient_id}: remove one, remove all of
 * an erased person's, and put back rows a merge moved.
 *
 * @param table one of the registry's own tables, never caller input
 */
record OwnedRows(JdbcClient jdbc, String table) {

  /** Removes the row, if it is the patient's. */
  boolean delete(UUID patient, UUID id) {
    return jdbc.sql("DELETE FROM " + table + " WHERE id = :id AND patient_id = :patient")
            .param("id", id)
            .param("patient", patient)
            .update()
        == 1;
  }

  void deleteAll(Collection<UUID> patients) {
    jdbc.sql("DELETE FROM " + table + " WHERE patient_id IN (:patients)")
        .param("patients", patients)
        .update();
  }

  /** Those of {@code ids} still on {@code from} go to {@code to}. */
  void moveBack(Collection<UUID> ids, UUID from, UUID to) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql("UPDATE " + table + " SET patient_id = :to WHERE id IN (:ids) AND patient_id = :from")
        .param("ids", ids)
        .param("from", from)
        .param("to", to)
        .update();
  }
}
