package org.accueil.patients.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.platform.crypto.BlindIndex;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The patient table. Phone and e-mail are stored sealed, each beside its blind index: a lookup by
 * phone or e-mail compares indexes, never plaintext, and only the rows found are decrypted.
 */
@Repository
public class PatientRepository {

  private static final String COLUMNS =
      "id, given_name, family_name, birth_date, phone_ciphertext, email_ciphertext";

  /** What an erased patient is called: a placeholder, not a translation; people see it in lists. */
  public static final String ERASED_NAME = "Erased";

  /**
   * HIPAA's Safe Harbor method (45 CFR 164.514(b)(2)(i)(C)) counts ages over 89 as one group: a
   * birth year that old identifies a person in a practice's patient list.
   */
  private static final int OLDEST_AGE_KEPT = 90;

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final BlindIndex index;

  public PatientRepository(JdbcClient jdbc, FieldCipher cipher, BlindIndex index) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.index = index;
  }

  public Optional<Patient> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM patient WHERE id = :id")
        .param("id", id)
        .query(this::patient)
        .optional();
  }

  /**
   * Same names (case-insensitive) and birth date, and the same phone or the same email.
   *
   * @param phone E.164
   * @param email lower-cased
   */
  public Optional<Patient> findByIdentityAndContact(
      String givenName,
      String familyName,
      LocalDate birthDate,
      @Nullable String phone,
      @Nullable String email) {
    if (phone == null && email == null) {
      return Optional.empty();
    }
    List<String> contact = new ArrayList<>(2);
    if (phone != null) {
      contact.add("phone_index IN (:phones)");
    }
    if (email != null) {
      contact.add("email_index IN (:emails)");
    }
    var statement =
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + """
                     FROM patient
                    WHERE lower(family_name) = lower(:family) AND lower(given_name) = lower(:given)
                      AND birth_date = :birth
                      AND erased_at IS NULL
                      AND (\
                    """
                    + String.join(" OR ", contact)
                    + """
                    )
                    ORDER BY created_at
                    LIMIT 1
                    """)
            .param("family", familyName)
            .param("given", givenName)
            .param("birth", birthDate);
    if (phone != null) {
      statement = statement.param("phones", index.candidates(ContactEncryption.PHONE, phone));
    }
    if (email != null) {
      statement = statement.param("emails", index.candidates(ContactEncryption.EMAIL, email));
    }
    return statement.query(this::patient).optional();
  }

  public void insert(Patient patient) {
    jdbc.sql(
            """
            INSERT INTO patient (id, given_name, family_name, birth_date,
                                 phone_ciphertext, phone_index, email_ciphertext, email_index)
            VALUES (:id, :given, :family, :birth, :phone, :phoneIndex, :email, :emailIndex)
            """)
        .param("id", patient.id().value())
        .param("given", patient.givenName())
        .param("family", patient.familyName())
        .param("birth", patient.birthDate())
        .param("phone", seal(patient.phone(), ContactEncryption.PHONE))
        .param("phoneIndex", indexOf(patient.phone(), ContactEncryption.PHONE))
        .param("email", seal(patient.email(), ContactEncryption.EMAIL))
        .param("emailIndex", indexOf(patient.email(), ContactEncryption.EMAIL))
        .update();
  }

  /**
   * Staff search: family name prefix (case-insensitive), optionally birth date and phone.
   *
   * @param phone E.164
   */
  public List<Patient> search(
      @Nullable String familyNamePrefix,
      @Nullable LocalDate birthDate,
      @Nullable String phone,
      int limit) {
    var statement =
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + """
                     FROM patient
                    WHERE (CAST(:family AS text) IS NULL OR lower(family_name) LIKE lower(:family) || '%')
                      AND (CAST(:birth AS date) IS NULL OR birth_date = :birth)
                      AND erased_at IS NULL
                    """
                    + (phone == null ? "" : "  AND phone_index IN (:phones)\n")
                    + """
                    ORDER BY lower(family_name), lower(given_name), birth_date
                    LIMIT :limit
                    """)
            .param("family", familyNamePrefix == null ? null : escapeLike(familyNamePrefix))
            .param("birth", birthDate)
            .param("limit", limit);
    if (phone != null) {
      statement = statement.param("phones", index.candidates(ContactEncryption.PHONE, phone));
    }
    return statement.query(this::patient).list();
  }

  private byte @Nullable [] seal(@Nullable String value, String context) {
    return value == null ? null : cipher.encrypt(value, context);
  }

  private byte @Nullable [] indexOf(@Nullable String value, String purpose) {
    return value == null ? null : index.of(purpose, value);
  }

  private @Nullable String open(byte @Nullable [] sealed, String context) {
    return sealed == null ? null : cipher.decrypt(sealed, context);
  }

  /**
   * Erasure on request (GDPR art. 17): every identifying column of the row, in this one statement,
   * so a change of the table's columns is made here and nowhere else. The names become {@link
   * #ERASED_NAME}; the birth date keeps only its year (January 1st), for the practice's age
   * statistics, with ages over 89 counted as 90; phone and email (sealed values and their blind
   * indexes) are removed. The row itself stays: the appointments the practice must keep still point
   * at it.
   *
   * @return false when the patient had been erased already, or does not exist
   */
  public boolean erase(UUID id, Instant at) {
    OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
    return jdbc.sql(
                """
                UPDATE patient
                   SET given_name = :placeholder, family_name = :placeholder,
                       birth_date = make_date(
                           GREATEST(CAST(extract(year FROM birth_date) AS int), :oldestYear), 1, 1),
                       phone_ciphertext = NULL, phone_index = NULL,
                       email_ciphertext = NULL, email_index = NULL,
                       erased_at = :at, updated_at = :at
                 WHERE id = :id AND erased_at IS NULL
                """)
            .param("placeholder", ERASED_NAME)
            .param("oldestYear", when.getYear() - OLDEST_AGE_KEPT)
            .param("at", when)
            .param("id", id)
            .update()
        == 1;
  }

  public boolean isErased(UUID id) {
    return jdbc.sql("SELECT erased_at IS NOT NULL FROM patient WHERE id = :id")
        .param("id", id)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  private static String escapeLike(String value) {
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private Patient patient(ResultSet rs, int n) throws SQLException {
    return new Patient(
        PatientId.of(rs.getObject("id", UUID.class)),
        rs.getString("given_name"),
        rs.getString("family_name"),
        rs.getObject("birth_date", LocalDate.class),
        open(rs.getBytes("phone_ciphertext"), ContactEncryption.PHONE),
        open(rs.getBytes("email_ciphertext"), ContactEncryption.EMAIL));
  }
}
