package org.accueil.patients.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PatientRepository {

  private static final String COLUMNS = "id, given_name, family_name, birth_date, phone, email";

  /** What an erased patient is called: a placeholder, not a translation; people see it in lists. */
  public static final String ERASED_NAME = "Erased";

  /**
   * HIPAA's Safe Harbor method (45 CFR 164.514(b)(2)(i)(C)) counts ages over 89 as one group: a
   * birth year that old identifies a person in a practice's patient list.
   */
  private static final int OLDEST_AGE_KEPT = 90;

  private final JdbcClient jdbc;

  public PatientRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public Optional<Patient> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM patient WHERE id = :id")
        .param("id", id)
        .query(PatientRepository::patient)
        .optional();
  }

  /** Same names (case-insensitive) and birth date, and the same phone or the same email. */
  public Optional<Patient> findByIdentityAndContact(
      String givenName,
      String familyName,
      LocalDate birthDate,
      @Nullable String phone,
      @Nullable String email) {
    if (phone == null && email == null) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + """
                 FROM patient
                WHERE lower(family_name) = lower(:family) AND lower(given_name) = lower(:given)
                  AND birth_date = :birth
                  AND (phone = :phone OR lower(email) = lower(:email))
                  AND erased_at IS NULL
                ORDER BY created_at
                LIMIT 1
                """)
        .param("family", familyName)
        .param("given", givenName)
        .param("birth", birthDate)
        .param("phone", phone)
        .param("email", email)
        .query(PatientRepository::patient)
        .optional();
  }

  public void insert(Patient patient) {
    jdbc.sql(
            """
            INSERT INTO patient (id, given_name, family_name, birth_date, phone, email)
            VALUES (:id, :given, :family, :birth, :phone, :email)
            """)
        .param("id", patient.id().value())
        .param("given", patient.givenName())
        .param("family", patient.familyName())
        .param("birth", patient.birthDate())
        .param("phone", patient.phone())
        .param("email", patient.email())
        .update();
  }

  /** Staff search: family name prefix (case-insensitive), optionally birth date and phone. */
  public List<Patient> search(
      @Nullable String familyNamePrefix,
      @Nullable LocalDate birthDate,
      @Nullable String phone,
      int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + """
                 FROM patient
                WHERE (CAST(:family AS text) IS NULL OR lower(family_name) LIKE lower(:family) || '%')
                  AND (CAST(:birth AS date) IS NULL OR birth_date = :birth)
                  AND (CAST(:phone AS text) IS NULL OR phone = :phone)
                  AND erased_at IS NULL
                ORDER BY lower(family_name), lower(given_name), birth_date
                LIMIT :limit
                """)
        .param("family", familyNamePrefix == null ? null : escapeLike(familyNamePrefix))
        .param("birth", birthDate)
        .param("phone", phone)
        .param("limit", limit)
        .query(PatientRepository::patient)
        .list();
  }

  /**
   * Erasure on request (GDPR art. 17): every identifying column of the row, in this one statement,
   * so a change of the table's columns is made here and nowhere else. The names become {@link
   * #ERASED_NAME}; the birth date keeps only its year (January 1st), for the practice's age
   * statistics, with ages over 89 counted as 90; phone and email are removed. The row itself stays:
   * the appointments the practice must keep still point at it.
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
                       phone = NULL, email = NULL,
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

  private static Patient patient(ResultSet rs, int n) throws SQLException {
    return new Patient(
        PatientId.of(rs.getObject("id", UUID.class)),
        rs.getString("given_name"),
        rs.getString("family_name"),
        rs.getObject("birth_date", LocalDate.class),
        rs.getString("phone"),
        rs.getString("email"));
  }
}
