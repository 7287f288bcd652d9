package org.accueil.patients.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.ContactPoint;
import org.accueil.platform.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A patient's phone numbers and e-mail addresses beyond their main ones, sealed and indexed. */
@Repository
public class ContactPointRepository {

  private final JdbcClient jdbc;
  private final Sealer sealer;
  private final OwnedRows rows;

  ContactPointRepository(JdbcClient jdbc, Sealer sealer) {
    this.jdbc = jdbc;
    this.sealer = sealer;
    this.rows = new OwnedRows(jdbc, "patient_telecom");
  }

  /**
   * Records the number or address, unless the patient has it already.
   *
   * @param value E.164 or a lower-cased e-mail
   * @return the contact point, new or as it was
   */
  public ContactPoint add(
      UUID patient, String system, String value, @Nullable String use, java.time.Instant at) {
    boolean phone = system.equals(ContactPoint.PHONE);
    String column = phone ? "phone" : "email";
    String purpose = phone ? ContactEncryption.PHONE : ContactEncryption.EMAIL;
    Optional<ContactPoint> known = find(patient, system, value);
    if (known.isPresent()) {
      return known.get();
    }
    UUID id = Ids.newId();
    jdbc.sql(
            "INSERT INTO patient_telecom (id, patient_id, "
                + column
                + "_ciphertext, "
                + column
                + "_index, use, created_at) VALUES (:id, :patient, :sealed, :index, :use, :at)")
        .param("id", id)
        .param("patient", patient)
        .param(
            "sealed",
            sealer.seal(
                value, phone ? ContactEncryption.TELECOM_PHONE : ContactEncryption.TELECOM_EMAIL))
        .param("index", sealer.index(value, purpose))
        .param("use", use)
        .param("at", at.atOffset(java.time.ZoneOffset.UTC))
        .update();
    return new ContactPoint(id, system, value, use);
  }

  public Optional<ContactPoint> find(UUID patient, String system, String value) {
    boolean phone = system.equals(ContactPoint.PHONE);
    return jdbc.sql(
            "SELECT id, phone_ciphertext, email_ciphertext, use FROM patient_telecom"
                + " WHERE patient_id = :patient AND "
                + (phone ? "phone_index" : "email_index")
                + " IN (:indexes)")
        .param("patient", patient)
        .param(
            "indexes",
            sealer.candidates(value, phone ? ContactEncryption.PHONE : ContactEncryption.EMAIL))
        .query(this::contactPoint)
        .optional();
  }

  public List<ContactPoint> of(UUID patient) {
    return jdbc.sql(
            "SELECT id, phone_ciphertext, email_ciphertext, use FROM patient_telecom"
                + " WHERE patient_id = :patient ORDER BY created_at, id")
        .param("patient", patient)
        .query(this::contactPoint)
        .list();
  }

  public boolean delete(UUID patient, UUID id) {
    return rows.delete(patient, id);
  }

  public void deleteAll(Collection<UUID> patients) {
    rows.deleteAll(patients);
  }

  public void deleteIds(Collection<UUID> ids, UUID patient) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql("DELETE FROM patient_telecom WHERE id IN (:ids) AND patient_id = :patient")
        .param("ids", ids)
        .param("patient", patient)
        .update();
  }

  /**
   * Moves {@code from}'s contact points to {@code to}, but those {@code to} has already (they stay
   * on the tombstone, where they harm nobody and an unmerge finds them).
   */
  public List<UUID> moveAll(UUID from, UUID to) {
    return jdbc.sql(
            """
            UPDATE patient_telecom t SET patient_id = :to
             WHERE t.patient_id = :from
               AND NOT EXISTS (SELECT 1 FROM patient_telecom o
                                WHERE o.patient_id = :to
                                  AND (o.phone_index = t.phone_index
                                       OR o.email_index = t.email_index))
            RETURNING t.id
            """)
        .param("from", from)
        .param("to", to)
        .query(UUID.class)
        .list();
  }

  public void moveBack(Collection<UUID> ids, UUID from, UUID to) {
    rows.moveBack(ids, from, to);
  }

  private ContactPoint contactPoint(ResultSet rs, int n) throws SQLException {
    byte[] phone = rs.getBytes("phone_ciphertext");
    String value =
        phone != null
            ? sealer.open(phone, ContactEncryption.TELECOM_PHONE)
            : sealer.open(rs.getBytes("email_ciphertext"), ContactEncryption.TELECOM_EMAIL);
    return new ContactPoint(
        rs.getObject("id", UUID.class),
        phone != null ? ContactPoint.PHONE : ContactPoint.EMAIL,
        java.util.Objects.requireNonNull(value),
        rs.getString("use"));
  }
}
