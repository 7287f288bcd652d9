package org.accueil.patients.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.accueil.platform.crypto.BlindIndex;
import org.accueil.platform.crypto.FieldCipher;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

/**
 * Seals the phone numbers and e-mail addresses already in the registry and drops their plaintext
 * columns. A Java migration because the values are sealed with the application's keys; Spring Boot
 * hands this bean to Flyway, after the keys are loaded (or generated and on disk).
 *
 * <p>All in the migration's one transaction: if anything fails, the plaintext columns are still
 * there and nothing was sealed. The table is then rewritten ({@code CLUSTER}), so the old row
 * versions and the dropped columns' values leave the table's files instead of lingering in them
 * until some later vacuum (backups and WAL archives taken before keep them: see
 * docs/security/encryption.md).
 *
 * <p>It also creates {@code crypto_key_check}, the platform's record of which keys sealed this
 * database's data, because this is the first migration that seals anything.
 */
@Component
class V9__patients_encrypted_contact extends BaseJavaMigration {

  private static final int BATCH = 500;

  private final FieldCipher cipher;
  private final BlindIndex index;

  V9__patients_encrypted_contact(FieldCipher cipher, BlindIndex index) {
    this.cipher = cipher;
    this.index = index;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    try (Statement ddl = connection.createStatement()) {
      ddl.execute(
          """
          ALTER TABLE patient
            ADD COLUMN phone_ciphertext bytea,
            ADD COLUMN phone_index      bytea,
            ADD COLUMN email_ciphertext bytea,
            ADD COLUMN email_index      bytea
          """);
    }
    seal(connection);
    try (Statement ddl = connection.createStatement()) {
      try (ResultSet unsealed =
          ddl.executeQuery(
              """
              SELECT count(*) FROM patient
               WHERE (phone IS NOT NULL AND phone_ciphertext IS NULL)
                  OR (email IS NOT NULL AND email_ciphertext IS NULL)
              """)) {
        unsealed.next();
        if (unsealed.getLong(1) != 0) {
          throw new IllegalStateException(
              unsealed.getLong(1) + " patients' contact details were not sealed; nothing changed");
        }
      }
      ddl.execute(
          """
          ALTER TABLE patient
            DROP COLUMN phone,
            DROP COLUMN email,
            ADD CONSTRAINT patient_phone_sealed_with_index
              CHECK ((phone_ciphertext IS NULL) = (phone_index IS NULL)),
            ADD CONSTRAINT patient_email_sealed_with_index
              CHECK ((email_ciphertext IS NULL) = (email_index IS NULL)),
            ADD CONSTRAINT patient_phone_index_length CHECK (octet_length(phone_index) = 36),
            ADD CONSTRAINT patient_email_index_length CHECK (octet_length(email_index) = 36)
          """);
      ddl.execute(
          "CREATE INDEX patient_phone_index_idx ON patient (phone_index)"
              + " WHERE phone_index IS NOT NULL");
      ddl.execute(
          "CREATE INDEX patient_email_index_idx ON patient (email_index)"
              + " WHERE email_index IS NOT NULL");
      ddl.execute("CLUSTER patient USING patient_pkey");
      ddl.execute("ALTER TABLE patient SET WITHOUT CLUSTER");
      ddl.execute(
          """
          CREATE TABLE crypto_key_check (
            id          smallint PRIMARY KEY CHECK (id = 1),
            sealed      bytea NOT NULL,
            index_value bytea NOT NULL,
            created_at  timestamptz NOT NULL DEFAULT now()
          )
          """);
    }
  }

  /** E-mails are stored lower-cased, as registration writes them, so their index matches. */
  private void seal(Connection connection) throws SQLException {
    try (PreparedStatement read =
            connection.prepareStatement(
                "SELECT id, phone, email FROM patient"
                    + " WHERE phone IS NOT NULL OR email IS NOT NULL");
        PreparedStatement write =
            connection.prepareStatement(
                """
                UPDATE patient
                   SET phone_ciphertext = ?, phone_index = ?, email_ciphertext = ?, email_index = ?
                 WHERE id = ?
                """)) {
      read.setFetchSize(BATCH);
      int pending = 0;
      try (ResultSet rows = read.executeQuery()) {
        while (rows.next()) {
          String phone = rows.getString("phone");
          String email = rows.getString("email");
          if (email != null) {
            email = email.trim().toLowerCase(Locale.ROOT);
          }
          write.setBytes(1, phone == null ? null : cipher.encrypt(phone, ContactEncryption.PHONE));
          write.setBytes(2, phone == null ? null : index.of(ContactEncryption.PHONE, phone));
          write.setBytes(3, email == null ? null : cipher.encrypt(email, ContactEncryption.EMAIL));
          write.setBytes(4, email == null ? null : index.of(ContactEncryption.EMAIL, email));
          write.setObject(5, rows.getObject("id", UUID.class));
          write.addBatch();
          if (++pending == BATCH) {
            write.executeBatch();
            pending = 0;
          }
        }
      }
      if (pending > 0) {
        write.executeBatch();
      }
    }
  }
}
