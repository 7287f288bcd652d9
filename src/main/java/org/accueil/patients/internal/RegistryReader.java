package org.accueil.patients.internal;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.accueil.patients.Identifier;
import org.accueil.patients.Patient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The whole live registry, one record at a time, for an export: records that are people now (not
 * the tombstones of merges, not erased patients), each with its identifiers, in id order (creation
 * order: ids are time-ordered).
 */
@Repository
public class RegistryReader {

  /** Rows the driver fetches at a time: a cursor, so 200,000 records never sit in memory. */
  private static final int FETCH = 500;

  private final JdbcClient jdbc;
  private final PatientRepository patients;
  private final Sealer sealer;
  private final TransactionTemplate reads;

  RegistryReader(
      JdbcClient jdbc,
      PatientRepository patients,
      Sealer sealer,
      PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.patients = patients;
    this.sealer = sealer;
    this.reads = new TransactionTemplate(transactionManager);
    // PostgreSQL's driver fetches with a cursor only inside a transaction; one snapshot, too.
    reads.setReadOnly(true);
  }

  /** The identifier systems the live registry holds, sorted. */
  public List<String> identifierSystems() {
    return jdbc.sql(
            """
            SELECT DISTINCT i.system FROM patient_identifier i JOIN patient p ON p.id = i.patient_id
             WHERE p.status <> 'merged' AND p.erased_at IS NULL
             ORDER BY i.system
            """)
        .query(String.class)
        .list();
  }

  public void forEachLive(BiConsumer<Patient, List<Identifier>> each) {
    reads.executeWithoutResult(
        status ->
            jdbc.sql(
                    "SELECT "
                        + PatientRepository.COLUMNS
                        + ", ARRAY(SELECT i.system FROM patient_identifier i"
                        + "   WHERE i.patient_id = patient.id ORDER BY i.created_at, i.id)"
                        + "   AS identifier_systems,"
                        + " ARRAY(SELECT i.value_ciphertext FROM patient_identifier i"
                        + "   WHERE i.patient_id = patient.id ORDER BY i.created_at, i.id)"
                        + "   AS identifier_values"
                        + " FROM patient WHERE status <> 'merged' AND erased_at IS NULL ORDER BY id")
                .withFetchSize(FETCH)
                .query(
                    rs -> {
                      each.accept(patients.patient(rs, 0), identifiers(rs));
                    }));
  }

  private List<Identifier> identifiers(java.sql.ResultSet rs) throws SQLException {
    String[] systems = (String[]) rs.getArray("identifier_systems").getArray();
    Array values = rs.getArray("identifier_values");
    Object[] sealed = (Object[]) values.getArray();
    List<Identifier> identifiers = new ArrayList<>(systems.length);
    for (int i = 0; i < systems.length; i++) {
      identifiers.add(
          new Identifier(
              systems[i], sealer.open((byte[]) sealed[i], ContactEncryption.IDENTIFIER)));
    }
    return identifiers;
  }
}
