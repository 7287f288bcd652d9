package org.accueil.questionnaires.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.platform.crypto.EncryptedColumn;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.questionnaires.QuestionnaireAnswers;
import org.accueil.questionnaires.QuestionnaireDefinition;
import org.accueil.questionnaires.QuestionnaireRequest;
import org.accueil.questionnaires.QuestionnaireRule;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PGInterval;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The questionnaire tables. Answers are sealed with the field cipher: they are health data. */
@Repository
public class QuestionnaireStore {

  static final String DRAFT = "questionnaire_request.draft";
  static final String RESOURCE = "questionnaire_response.resource";

  /** The sealed columns, resealed after a key rotation like every other. */
  @Configuration(proxyBeanMethods = false)
  static class Columns {
    @Bean
    EncryptedColumn questionnaireDraftColumn() {
      return EncryptedColumn.of("questionnaire_request", "id", "draft_ciphertext", DRAFT);
    }

    @Bean
    EncryptedColumn questionnaireResponseColumn() {
      return EncryptedColumn.of("questionnaire_response", "id", "resource_ciphertext", RESOURCE);
    }
  }

  private static final TypeReference<List<QuestionnaireAnswers.Flag>> FLAGS =
      new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final JsonMapper json;

  QuestionnaireStore(JdbcClient jdbc, FieldCipher cipher, JsonMapper json) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.json = json;
  }

  // ------------------------------------------------------------------------ definitions

  public void insert(QuestionnaireDefinition d) {
    jdbc.sql(
            """
            INSERT INTO questionnaire (id, code, version, url, title, status, resource, created_by,
                                       created_at, retired_at)
            VALUES (:id, :code, :version, :url, :title, :status, CAST(:resource AS jsonb), :by,
                    :at, :retired)
            """)
        .param("id", d.id())
        .param("code", d.code())
        .param("version", d.version())
        .param("url", d.url())
        .param("title", d.title())
        .param("status", d.status())
        .param("resource", d.resource())
        .param("by", d.createdBy())
        .param("at", utc(d.createdAt()))
        .param("retired", d.retiredAt() == null ? null : utc(d.retiredAt()))
        .update();
  }

  /** The active version of {@code code}, locked: a new version or a retirement replaces it. */
  public Optional<QuestionnaireDefinition> lockActive(String code) {
    return jdbc.sql(
            "SELECT * FROM questionnaire WHERE code = :code AND status = 'active' FOR UPDATE")
        .param("code", code)
        .query(QuestionnaireStore::definition)
        .optional();
  }

  public int lastVersion(String code) {
    return jdbc.sql("SELECT coalesce(max(version), 0) FROM questionnaire WHERE code = :code")
        .param("code", code)
        .query(Integer.class)
        .single();
  }

  public Optional<String> urlOf(String code) {
    return jdbc.sql("SELECT url FROM questionnaire WHERE code = :code ORDER BY version LIMIT 1")
        .param("code", code)
        .query(String.class)
        .optional();
  }

  public void retire(UUID id, String resource, Instant now) {
    jdbc.sql(
            """
            UPDATE questionnaire SET status = 'retired', retired_at = :now,
                   resource = CAST(:resource AS jsonb)
             WHERE id = :id AND status = 'active'
            """)
        .param("id", id)
        .param("now", utc(now))
        .param("resource", resource)
        .update();
  }

  public Optional<QuestionnaireDefinition> definition(UUID id) {
    return jdbc.sql("SELECT * FROM questionnaire WHERE id = :id")
        .param("id", id)
        .query(QuestionnaireStore::definition)
        .optional();
  }

  public List<QuestionnaireDefinition> definitions(@Nullable String status, @Nullable String code) {
    return jdbc.sql(
            """
            SELECT * FROM questionnaire
             WHERE (CAST(:status AS text) IS NULL OR status = :status)
               AND (CAST(:code AS text) IS NULL OR code = :code)
             ORDER BY code, version DESC
            """)
        .param("status", status)
        .param("code", code)
        .query(QuestionnaireStore::definition)
        .list();
  }

  private static QuestionnaireDefinition definition(ResultSet rs, int row) throws SQLException {
    return new QuestionnaireDefinition(
        rs.getObject("id", UUID.class),
        rs.getString("code"),
        rs.getInt("version"),
        rs.getString("url"),
        rs.getString("title"),
        rs.getString("status"),
        rs.getString("resource"),
        rs.getString("created_by"),
        instant(rs, "created_at"),
        instant(rs, "retired_at"));
  }

  // ------------------------------------------------------------------------------ rules

  public void insert(QuestionnaireRule r) {
    jdbc.sql(
            """
            INSERT INTO questionnaire_rule (id, questionnaire_code, appointment_type_id, patients,
                                            remind_before, created_by, created_at)
            VALUES (:id, :code, :type, :patients, CAST(:remind AS interval), :by, :at)
            """)
        .param("id", r.id())
        .param("code", r.questionnaireCode())
        .param("type", r.appointmentTypeId())
        .param("patients", r.patients())
        .param("remind", r.remindBefore() == null ? null : r.remindBefore().toString())
        .param("by", r.createdBy())
        .param("at", utc(r.createdAt()))
        .update();
  }

  public List<QuestionnaireRule> rules() {
    return jdbc.sql("SELECT * FROM questionnaire_rule ORDER BY created_at, id")
        .query(QuestionnaireStore::rule)
        .list();
  }

  public Optional<QuestionnaireRule> rule(UUID id) {
    return jdbc.sql("SELECT * FROM questionnaire_rule WHERE id = :id")
        .param("id", id)
        .query(QuestionnaireStore::rule)
        .optional();
  }

  public int deleteRule(UUID id) {
    return jdbc.sql("DELETE FROM questionnaire_rule WHERE id = :id").param("id", id).update();
  }

  /** The rules a booking of {@code type} matches, for a patient of {@code category} (or any). */
  public List<QuestionnaireRule> rulesFor(UUID type, @Nullable String category) {
    return jdbc.sql(
            """
            SELECT * FROM questionnaire_rule
             WHERE (appointment_type_id IS NULL OR appointment_type_id = :type)
               AND (patients = 'any' OR patients = CAST(:category AS text))
             ORDER BY created_at, id
            """)
        .param("type", type)
        .param("category", category)
        .query(QuestionnaireStore::rule)
        .list();
  }

  private static QuestionnaireRule rule(ResultSet rs, int row) throws SQLException {
    PGInterval interval = (PGInterval) rs.getObject("remind_before");
    return new QuestionnaireRule(
        rs.getObject("id", UUID.class),
        rs.getString("questionnaire_code"),
        rs.getObject("appointment_type_id", UUID.class),
        rs.getString("patients"),
        interval == null ? null : duration(interval),
        rs.getString("created_by"),
        instant(rs, "created_at"));
  }

  private static Duration duration(PGInterval i) {
    return Duration.ofDays(i.getDays() + 30L * i.getMonths() + 365L * i.getYears())
        .plusHours(i.getHours())
        .plusMinutes(i.getMinutes())
        .plusSeconds((long) i.getSeconds());
  }

  // --------------------------------------------------------------------------- requests

  private static final String REQUEST_COLUMNS =
      """
      r.id, r.questionnaire_id, q.code, q.title, r.patient_id, r.appointment_id, r.status,
      r.expires_at, r.remind_at, r.created_by, r.created_at, r.completed_at
      """;

  /** Inserts a request; false when the visit already has this form (the unique index). */
  public boolean insert(QuestionnaireRequest r, @Nullable UUID rule) {
    return jdbc.sql(
                """
                INSERT INTO questionnaire_request (id, questionnaire_id, patient_id, appointment_id,
                                                   rule_id, status, expires_at, remind_at,
                                                   created_by, created_at, updated_at)
                VALUES (:id, :questionnaire, :patient, :appointment, :rule, 'sent', :expires,
                        :remind, :by, :at, :at)
                ON CONFLICT DO NOTHING
                """)
            .param("id", r.id())
            .param("questionnaire", r.questionnaireId())
            .param("patient", r.patient().value())
            .param("appointment", r.appointmentId())
            .param("rule", rule)
            .param("expires", utc(r.expiresAt()))
            .param("remind", r.remindAt() == null ? null : utc(r.remindAt()))
            .param("by", r.createdBy())
            .param("at", utc(r.createdAt()))
            .update()
        == 1;
  }

  public Optional<QuestionnaireRequest> request(UUID id) {
    return jdbc.sql(
            "SELECT "
                + REQUEST_COLUMNS
                + " FROM questionnaire_request r JOIN questionnaire q ON q.id = r.questionnaire_id"
                + " WHERE r.id = :id")
        .param("id", id)
        .query(QuestionnaireStore::request)
        .optional();
  }

  public Optional<QuestionnaireRequest> lockRequest(UUID id) {
    jdbc.sql("SELECT id FROM questionnaire_request WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(UUID.class)
        .optional();
    return request(id);
  }

  public List<QuestionnaireRequest> requests(
      @Nullable UUID patient, @Nullable UUID appointment, int limit) {
    return jdbc.sql(
            "SELECT "
                + REQUEST_COLUMNS
                + """
                 FROM questionnaire_request r JOIN questionnaire q ON q.id = r.questionnaire_id
                WHERE (CAST(:patient AS uuid) IS NULL OR r.patient_id = :patient)
                  AND (CAST(:appointment AS uuid) IS NULL OR r.appointment_id = :appointment)
                ORDER BY r.created_at DESC, r.id
                LIMIT :limit
                """)
        .param("patient", patient)
        .param("appointment", appointment)
        .param("limit", limit)
        .query(QuestionnaireStore::request)
        .list();
  }

  /** The still-open requests of a visit, locked. */
  public List<QuestionnaireRequest> openRequestsOf(UUID appointment) {
    List<UUID> ids =
        jdbc.sql(
                """
                SELECT id FROM questionnaire_request
                 WHERE appointment_id = :appointment AND status IN ('sent', 'in-progress')
                 ORDER BY id FOR UPDATE
                """)
            .param("appointment", appointment)
            .query(UUID.class)
            .list();
    return ids.stream().map(this::request).flatMap(Optional::stream).toList();
  }

  public Optional<QuestionnaireRule> ruleOfRequest(UUID request) {
    return jdbc.sql(
            "SELECT u.* FROM questionnaire_rule u JOIN questionnaire_request r ON r.rule_id = u.id"
                + " WHERE r.id = :id")
        .param("id", request)
        .query(QuestionnaireStore::rule)
        .optional();
  }

  public void reschedule(UUID request, Instant expires, @Nullable Instant remind, Instant now) {
    jdbc.sql(
            """
            UPDATE questionnaire_request SET expires_at = :expires, remind_at = :remind,
                   updated_at = :now
             WHERE id = :id AND status IN ('sent', 'in-progress')
            """)
        .param("id", request)
        .param("expires", utc(expires))
        .param("remind", remind == null ? null : utc(remind))
        .param("now", utc(now))
        .update();
  }

  public void cancel(UUID request, Instant now) {
    jdbc.sql(
            """
            UPDATE questionnaire_request SET status = 'cancelled', draft_ciphertext = NULL,
                   updated_at = :now
             WHERE id = :id AND status IN ('sent', 'in-progress')
            """)
        .param("id", request)
        .param("now", utc(now))
        .update();
  }

  public void saveDraft(UUID request, String answers, Instant now) {
    jdbc.sql(
            """
            UPDATE questionnaire_request SET status = 'in-progress', draft_ciphertext = :draft,
                   updated_at = :now
             WHERE id = :id AND status IN ('sent', 'in-progress')
            """)
        .param("id", request)
        .param("draft", cipher.encrypt(answers, DRAFT))
        .param("now", utc(now))
        .update();
  }

  public Optional<String> draft(UUID request) {
    return jdbc.sql("SELECT draft_ciphertext FROM questionnaire_request WHERE id = :id")
        .param("id", request)
        .query((rs, n) -> rs.getBytes(1))
        .optional()
        .filter(bytes -> bytes != null)
        .map(bytes -> cipher.decrypt(bytes, DRAFT));
  }

  public void complete(UUID request, Instant now) {
    jdbc.sql(
            """
            UPDATE questionnaire_request SET status = 'completed', completed_at = :now,
                   draft_ciphertext = NULL, updated_at = :now
             WHERE id = :id
            """)
        .param("id", request)
        .param("now", utc(now))
        .update();
  }

  private static QuestionnaireRequest request(ResultSet rs, int row) throws SQLException {
    return new QuestionnaireRequest(
        rs.getObject("id", UUID.class),
        rs.getObject("questionnaire_id", UUID.class),
        rs.getString("code"),
        rs.getString("title"),
        PatientId.of(rs.getObject("patient_id", UUID.class)),
        rs.getObject("appointment_id", UUID.class),
        rs.getString("status"),
        instant(rs, "expires_at"),
        instant(rs, "remind_at"),
        rs.getString("created_by"),
        instant(rs, "created_at"),
        instant(rs, "completed_at"));
  }

  // -------------------------------------------------------------------------- responses

  public void insert(
      UUID id,
      QuestionnaireRequest request,
      String resource,
      String language,
      Instant authored,
      List<QuestionnaireAnswers.Flag> flags) {
    jdbc.sql(
            """
            INSERT INTO questionnaire_response (id, request_id, questionnaire_id, patient_id,
                                                appointment_id, resource_ciphertext, language,
                                                authored_at, flags)
            VALUES (:id, :request, :questionnaire, :patient, :appointment, :resource, :language,
                    :authored, CAST(:flags AS jsonb))
            """)
        .param("id", id)
        .param("request", request.id())
        .param("questionnaire", request.questionnaireId())
        .param("patient", request.patient().value())
        .param("appointment", request.appointmentId())
        .param("resource", cipher.encrypt(resource, RESOURCE))
        .param("language", language)
        .param("authored", utc(authored))
        .param("flags", json.writeValueAsString(flags))
        .update();
  }

  private static final String RESPONSE_COLUMNS =
      """
      a.id, a.request_id, a.questionnaire_id, q.code, q.version, q.title, a.patient_id,
      a.appointment_id, a.language, a.authored_at, a.flags, a.reviewed_at, a.reviewed_by,
      a.resource_ciphertext
      """;

  public Optional<QuestionnaireAnswers> response(UUID id) {
    return jdbc.sql(
            "SELECT "
                + RESPONSE_COLUMNS
                + " FROM questionnaire_response a JOIN questionnaire q ON q.id = a.questionnaire_id"
                + " WHERE a.id = :id")
        .param("id", id)
        .query(this::answers)
        .optional();
  }

  public Optional<QuestionnaireAnswers> responseOf(UUID request) {
    return jdbc.sql(
            "SELECT "
                + RESPONSE_COLUMNS
                + " FROM questionnaire_response a JOIN questionnaire q ON q.id = a.questionnaire_id"
                + " WHERE a.request_id = :request")
        .param("request", request)
        .query(this::answers)
        .optional();
  }

  public List<QuestionnaireAnswers> responses(
      @Nullable UUID patient, @Nullable UUID appointment, boolean toReview, int limit) {
    return jdbc.sql(
            "SELECT "
                + RESPONSE_COLUMNS
                + """
                 FROM questionnaire_response a JOIN questionnaire q ON q.id = a.questionnaire_id
                WHERE (CAST(:patient AS uuid) IS NULL OR a.patient_id = :patient)
                  AND (CAST(:appointment AS uuid) IS NULL OR a.appointment_id = :appointment)
                  AND (NOT :toReview OR (a.reviewed_at IS NULL AND a.flags <> '[]'::jsonb))
                ORDER BY a.authored_at DESC, a.id
                LIMIT :limit
                """)
        .param("patient", patient)
        .param("appointment", appointment)
        .param("toReview", toReview)
        .param("limit", limit)
        .query(this::answers)
        .list();
  }

  public int markReviewed(UUID id, String by, Instant now) {
    return jdbc.sql(
            """
            UPDATE questionnaire_response SET reviewed_at = :now, reviewed_by = :by
             WHERE id = :id AND reviewed_at IS NULL
            """)
        .param("id", id)
        .param("by", by)
        .param("now", utc(now))
        .update();
  }

  private QuestionnaireAnswers answers(ResultSet rs, int row) throws SQLException {
    return new QuestionnaireAnswers(
        rs.getObject("id", UUID.class),
        rs.getObject("request_id", UUID.class),
        rs.getObject("questionnaire_id", UUID.class),
        rs.getString("code"),
        rs.getInt("version"),
        rs.getString("title"),
        PatientId.of(rs.getObject("patient_id", UUID.class)),
        rs.getObject("appointment_id", UUID.class),
        rs.getString("language"),
        instant(rs, "authored_at"),
        json.readValue(rs.getString("flags"), FLAGS),
        instant(rs, "reviewed_at"),
        rs.getString("reviewed_by"),
        cipher.decrypt(rs.getBytes("resource_ciphertext"), RESOURCE));
  }

  // ----------------------------------------------------------------------- patients

  /** A merge: the duplicate's forms and answers become the survivor's. */
  public void movePatient(UUID from, UUID to) {
    jdbc.sql("UPDATE questionnaire_request SET patient_id = :to WHERE patient_id = :from")
        .param("from", from)
        .param("to", to)
        .update();
    jdbc.sql("UPDATE questionnaire_response SET patient_id = :to WHERE patient_id = :from")
        .param("from", from)
        .param("to", to)
        .update();
  }

  /** An erasure: the answers go; what was sent stays as a fact without content. */
  public void forgetPatient(UUID patient, Instant now) {
    jdbc.sql("DELETE FROM questionnaire_response WHERE patient_id = :patient")
        .param("patient", patient)
        .update();
    jdbc.sql(
            """
            UPDATE questionnaire_request SET draft_ciphertext = NULL,
                   status = CASE WHEN status IN ('sent', 'in-progress') THEN 'cancelled'
                                 ELSE status END,
                   updated_at = :now
             WHERE patient_id = :patient
            """)
        .param("patient", patient)
        .param("now", utc(now))
        .update();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
