package org.accueil.patients.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.Identifier;
import org.accueil.patients.PatientIdentifier;
import org.accueil.platform.Ids;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Patients' identifiers by system, sealed; one value belongs to one patient per system. */
@Repository
public class IdentifierRepository {

  private final JdbcClient jdbc;
  private final Sealer sealer;
  private final OwnedRows rows;

  IdentifierRepository(JdbcClient jdbc, Sealer sealer) {
    this.jdbc = jdbc;
    this.sealer = sealer;
    this.rows = new OwnedRows(jdbc, "patient_identifier");
  }

  /**
   * @param identifier with its value normalised
   */
  public PatientIdentifier add(UUID patient, Identifier identifier, String by, Instant at) {
    UUID id = Ids.newId();
    jdbc.sql(
            """
            INSERT INTO patient_identifier (id, patient_id, system, value_ciphertext, value_index,
                                            created_at, created_by)
            VALUES (:id, :patient, :system, :sealed, :index, :at, :by)
            """)
        .param("id", id)
        .param("patient", patient)
        .param("system", identifier.system())
        .param("sealed", sealer.seal(identifier.value(), ContactEncryption.IDENTIFIER))
        .param("index", sealer.index(identifier.value(), ContactEncryption.IDENTIFIER))
        .param("at", at.atOffset(ZoneOffset.UTC))
        .param("by", by)
        .update();
    return new PatientIdentifier(id, identifier.system(), identifier.value(), at, by);
  }

  /** Who holds {@code identifier} (value normalised), if anyone. */
  public Optional<UUID> holder(Identifier identifier) {
    return jdbc.sql(
            "SELECT patient_id FROM patient_identifier WHERE system = :system"
                + " AND value_index IN (:indexes)")
        .param("system", identifier.system())
        .param("indexes", sealer.candidates(identifier.value(), ContactEncryption.IDENTIFIER))
        .query(UUID.class)
        .optional();
  }

  public List<PatientIdentifier> of(UUID patient) {
    return jdbc.sql(
            "SELECT id, system, value_ciphertext, created_at, created_by FROM patient_identifier"
                + " WHERE patient_id = :patient ORDER BY created_at, id")
        .param("patient", patient)
        .query(this::identifier)
        .list();
  }

  public boolean delete(UUID patient, UUID id) {
    return rows.delete(patient, id);
  }

  public void deleteAll(Collection<UUID> patients) {
    rows.deleteAll(patients);
  }

  /** Identifiers are unique per system across the registry: all of them can move. */
  public List<UUID> moveAll(UUID from, UUID to) {
    return jdbc.sql(
            "UPDATE patient_identifier SET patient_id = :to WHERE patient_id = :from RETURNING id")
        .param("from", from)
        .param("to", to)
        .query(UUID.class)
        .list();
  }

  public void moveBack(Collection<UUID> ids, UUID from, UUID to) {
    rows.moveBack(ids, from, to);
  }

  private PatientIdentifier identifier(ResultSet rs, int n) throws SQLException {
    return new PatientIdentifier(
        rs.getObject("id", UUID.class),
        rs.getString("system"),
        Objects.requireNonNull(
            sealer.open(rs.getBytes("value_ciphertext"), ContactEncryption.IDENTIFIER)),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getString("created_by"));
  }
}
