package org.accueil.patients.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.Channel;
import org.accueil.patients.Origin;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientStatus;
import org.accueil.patients.PostalAddress;
import org.accueil.patients.Sex;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * The patient table. Phone, e-mail and address are stored sealed, phone and e-mail each beside its
 * blind index: a lookup compares indexes, never plaintext, and only the rows found are decrypted.
 * Every write of names also writes their {@link MatchingKeys}, so matching and search find the
 * record by index.
 */
@Repository
public class PatientRepository {

  static final String COLUMNS =
      "id, status, given_name, family_name, birth_family_name, birth_date, sex, phone_ciphertext,"
          + " email_ciphertext, address_ciphertext, preferred_language, preferred_channel, origin,"
          + " merged_into";

  /** What an erased patient is called: a placeholder, not a translation; people see it in lists. */
  public static final String ERASED_NAME = "Erased";

  /**
   * HIPAA's Safe Harbor method (45 CFR 164.514(b)(2)(i)(C)) counts ages over 89 as one group: a
   * birth year that old identifies a person in a practice's patient list.
   */
  private static final int OLDEST_AGE_KEPT = 90;

  private final JdbcClient jdbc;
  private final Sealer sealer;
  private final JsonMapper json;

  PatientRepository(JdbcClient jdbc, Sealer sealer, JsonMapper json) {
    this.jdbc = jdbc;
    this.sealer = sealer;
    this.json = json;
  }

  public Optional<Patient> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM patient WHERE id = :id")
        .param("id", id)
        .query(this::patient)
        .optional();
  }

  /** The records of {@code ids} that exist, in no particular order. */
  public List<Patient> findAll(Collection<UUID> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return jdbc.sql("SELECT " + COLUMNS + " FROM patient WHERE id IN (:ids)")
        .param("ids", ids)
        .query(this::patient)
        .list();
  }

  /**
   * Locks the rows of {@code ids} in id order (so two merges of the same pair queue instead of
   * deadlocking) and returns those that exist.
   */
  public List<Patient> lock(Collection<UUID> ids) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM patient WHERE id IN (:ids) ORDER BY id FOR UPDATE")
        .param("ids", ids)
        .query(this::patient)
        .list();
  }

  public void insert(Patient patient, Instant at) {
    MatchingKeys keys =
        MatchingKeys.of(patient.givenName(), patient.familyName(), patient.birthFamilyName());
    jdbc.sql(
            """
            INSERT INTO patient (id, status, origin, given_name, family_name, birth_family_name,
                                 birth_date, sex, phone_ciphertext, phone_index, email_ciphertext,
                                 email_index, address_ciphertext, preferred_language,
                                 preferred_channel, merged_into, given_key, family_key,
                                 birth_family_key, given_sound, family_sound, birth_family_sound,
                                 search_text, created_at, updated_at)
            VALUES (:id, :status, :origin, :given, :family, :birthFamily, :birth, :sex, :phone,
                    :phoneIndex, :email, :emailIndex, :address, :language, :channel, :mergedInto,
                    :givenKey, :familyKey, :birthFamilyKey, :givenSound, :familySound,
                    :birthFamilySound, :searchText, :at, :at)
            """)
        .param("id", patient.id().value())
        .param("status", patient.status().code())
        .param("origin", patient.origin().code())
        .param("mergedInto", patient.mergedInto() == null ? null : patient.mergedInto().value())
        .params(details(patient, keys, at))
        .update();
  }

  /** Replaces the record's details (names, birth date, sex, contact, address, preferences). */
  public void update(Patient patient, Instant at) {
    MatchingKeys keys =
        MatchingKeys.of(patient.givenName(), patient.familyName(), patient.birthFamilyName());
    jdbc.sql(
            """
            UPDATE patient
               SET given_name = :given, family_name = :family, birth_family_name = :birthFamily,
                   birth_date = :birth, sex = :sex, phone_ciphertext = :phone,
                   phone_index = :phoneIndex, email_ciphertext = :email, email_index = :emailIndex,
                   address_ciphertext = :address, preferred_language = :language,
                   preferred_channel = :channel, given_key = :givenKey, family_key = :familyKey,
                   birth_family_key = :birthFamilyKey, given_sound = :givenSound,
                   family_sound = :familySound, birth_family_sound = :birthFamilySound,
                   search_text = :searchText, updated_at = :at
             WHERE id = :id
            """)
        .param("id", patient.id().value())
        .params(details(patient, keys, at))
        .update();
  }

  private java.util.Map<String, @Nullable Object> details(
      Patient patient, MatchingKeys keys, Instant at) {
    java.util.Map<String, @Nullable Object> values = new java.util.HashMap<>();
    values.put("given", patient.givenName());
    values.put("family", patient.familyName());
    values.put("birthFamily", patient.birthFamilyName());
    values.put("birth", patient.birthDate());
    values.put("sex", patient.sex() == null ? null : patient.sex().code());
    values.put("phone", sealer.seal(patient.phone(), ContactEncryption.PHONE));
    values.put("phoneIndex", sealer.index(patient.phone(), ContactEncryption.PHONE));
    values.put("email", sealer.seal(patient.email(), ContactEncryption.EMAIL));
    values.put("emailIndex", sealer.index(patient.email(), ContactEncryption.EMAIL));
    values.put(
        "address",
        patient.address() == null
            ? null
            : sealer.seal(json.writeValueAsString(patient.address()), ContactEncryption.ADDRESS));
    values.put("language", patient.preferredLanguage());
    values.put(
        "channel", patient.preferredChannel() == null ? null : patient.preferredChannel().code());
    values.put("givenKey", keys.givenKey());
    values.put("familyKey", keys.familyKey());
    values.put("birthFamilyKey", keys.birthFamilyKey());
    values.put("givenSound", keys.givenSound());
    values.put("familySound", keys.familySound());
    values.put("birthFamilySound", keys.birthFamilySound());
    values.put("searchText", keys.searchText());
    values.put("at", at.atOffset(ZoneOffset.UTC));
    return values;
  }

  /** A provisional record reviewed by staff becomes active. */
  public boolean confirm(UUID id, String by, Instant at) {
    return jdbc.sql(
                """
                UPDATE patient SET status = 'active', reviewed_at = :at, reviewed_by = :by,
                                   updated_at = :at
                 WHERE id = :id AND status = 'provisional'
                """)
            .param("id", id)
            .param("by", by)
            .param("at", at.atOffset(ZoneOffset.UTC))
            .update()
        == 1;
  }

  /** The duplicate becomes a tombstone pointing at the survivor. */
  public void markMerged(UUID duplicate, UUID survivor, Instant at) {
    jdbc.sql(
            """
            UPDATE patient SET status = 'merged', merged_into = :survivor, updated_at = :at
             WHERE id = :id
            """)
        .param("id", duplicate)
        .param("survivor", survivor)
        .param("at", at.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** An unmerged duplicate is a record of its own again, in the status it had. */
  public void restore(UUID duplicate, PatientStatus status, Instant at) {
    jdbc.sql(
            """
            UPDATE patient SET status = :status, merged_into = NULL, updated_at = :at
             WHERE id = :id
            """)
        .param("id", duplicate)
        .param("status", status.code())
        .param("at", at.atOffset(ZoneOffset.UTC))
        .update();
  }

  /**
   * The tombstones pointing at {@code from} point at {@code to}: a merge keeps every tombstone one
   * step from the record that survived.
   */
  public List<UUID> repointTombstones(UUID from, UUID to) {
    return jdbc.sql("UPDATE patient SET merged_into = :to WHERE merged_into = :from RETURNING id")
        .param("from", from)
        .param("to", to)
        .query(UUID.class)
        .list();
  }

  /** Those of {@code tombstones} still pointing at {@code from} point at {@code to} again. */
  public void repointTombstonesBack(Collection<UUID> tombstones, UUID from, UUID to) {
    if (tombstones.isEmpty()) {
      return;
    }
    jdbc.sql("UPDATE patient SET merged_into = :to WHERE id IN (:ids) AND merged_into = :from")
        .param("ids", tombstones)
        .param("from", from)
        .param("to", to)
        .update();
  }

  /** The records merged into {@code survivor}. */
  public List<UUID> tombstonesOf(UUID survivor) {
    return jdbc.sql("SELECT id FROM patient WHERE merged_into = :id ORDER BY id")
        .param("id", survivor)
        .query(UUID.class)
        .list();
  }

  /** The provisional records awaiting review, oldest first. */
  public List<Patient> provisional(int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM patient WHERE status = 'provisional' AND erased_at IS NULL"
                + " ORDER BY created_at, id LIMIT :limit")
        .param("limit", limit)
        .query(this::patient)
        .list();
  }

  /**
   * Erasure on request (GDPR art. 17): every identifying column of the row, in this one statement,
   * so a change of the table's columns is made here and nowhere else. The names become {@link
   * #ERASED_NAME}; the birth date keeps only its year (January 1st), for the practice's age
   * statistics, with ages over 89 counted as 90; phone, email and address (sealed values and their
   * blind indexes), the name at birth and the matching keys are removed. The row itself stays: the
   * appointments the practice must keep still point at it.
   *
   * @return false when the patient had been erased already, or does not exist
   */
  public boolean erase(UUID id, Instant at) {
    OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
    return jdbc.sql(
                """
                UPDATE patient
                   SET given_name = :placeholder, family_name = :placeholder,
                       birth_family_name = NULL,
                       birth_date = make_date(
                           GREATEST(CAST(extract(year FROM birth_date) AS int), :oldestYear), 1, 1),
                       phone_ciphertext = NULL, phone_index = NULL,
                       email_ciphertext = NULL, email_index = NULL,
                       address_ciphertext = NULL,
                       given_key = NULL, family_key = NULL, birth_family_key = NULL,
                       given_sound = NULL, family_sound = NULL, birth_family_sound = NULL,
                       search_text = NULL,
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

  Patient patient(ResultSet rs, int n) throws SQLException {
    UUID mergedInto = rs.getObject("merged_into", UUID.class);
    String sex = rs.getString("sex");
    String channel = rs.getString("preferred_channel");
    String address = sealer.open(rs.getBytes("address_ciphertext"), ContactEncryption.ADDRESS);
    return new Patient(
        PatientId.of(rs.getObject("id", UUID.class)),
        PatientStatus.ofCode(rs.getString("status")).orElseThrow(),
        rs.getString("given_name"),
        rs.getString("family_name"),
        rs.getString("birth_family_name"),
        rs.getObject("birth_date", LocalDate.class),
        sex == null ? null : Sex.ofCode(sex).orElseThrow(),
        sealer.open(rs.getBytes("phone_ciphertext"), ContactEncryption.PHONE),
        sealer.open(rs.getBytes("email_ciphertext"), ContactEncryption.EMAIL),
        address == null ? null : json.readValue(address, PostalAddress.class),
        rs.getString("preferred_language"),
        channel == null ? null : Channel.ofCode(channel).orElseThrow(),
        Origin.ofCode(rs.getString("origin")).orElseThrow(),
        mergedInto == null ? null : PatientId.of(mergedInto));
  }
}
