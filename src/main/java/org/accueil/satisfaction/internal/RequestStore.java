package org.accueil.satisfaction.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.platform.Ids;
import org.accueil.practice.ProviderId;
import org.accueil.satisfaction.RatingRequest;
import org.accueil.scheduling.AppointmentId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code satisfaction_request} table: the questions put to patients and their answers. */
@Repository
public class RequestStore {

  /** The {@code FieldCipher} context of the comments. */
  public static final String COMMENT = "satisfaction_request.comment";

  private static final String COLUMNS =
      "id, patient_id, occasion, appointment_id, conversation_id, provider_id, day, status,"
          + " created_at, asked_at, asked_channel, score, answered_at, answered_channel,"
          + " comment IS NOT NULL AS commented";

  private final JdbcClient jdbc;

  RequestStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The request about a fulfilled visit, once per appointment.
   *
   * @return its id, or empty when the visit was asked about before (an event handled twice)
   */
  public Optional<UUID> planVisit(
      PatientId patient,
      AppointmentId appointment,
      ProviderId provider,
      LocalDate day,
      Instant now) {
    return jdbc.sql(
            """
            INSERT INTO satisfaction_request
              (id, patient_id, occasion, appointment_id, provider_id, day, status, created_at)
            VALUES (:id, :patient, 'visit', :appointment, :provider, :day, 'planned', :now)
            ON CONFLICT (appointment_id) DO NOTHING
            RETURNING id
            """)
        .param("id", Ids.newId())
        .param("patient", patient.value())
        .param("appointment", appointment.value())
        .param("provider", provider.value())
        .param("day", day)
        .param("now", utc(now))
        .query(UUID.class)
        .optional();
  }

  public UUID planConversation(PatientId patient, UUID conversation, LocalDate day, Instant now) {
    UUID id = Ids.newId();
    jdbc.sql(
            """
            INSERT INTO satisfaction_request
              (id, patient_id, occasion, conversation_id, day, status, created_at)
            VALUES (:id, :patient, 'conversation', :conversation, :day, 'planned', :now)
            """)
        .param("id", id)
        .param("patient", patient.value())
        .param("conversation", conversation)
        .param("day", day)
        .param("now", utc(now))
        .update();
    return id;
  }

  /**
   * Holds the patient's requests still until the transaction ends: two conversations resolved at
   * once by two staff members would otherwise each see no request and both ask.
   */
  public void lockPatient(PatientId patient) {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
        .param("key", "satisfaction:" + patient.value())
        .query()
        .listOfRows();
  }

  /** Whether the patient has a request (not withdrawn) about that day. */
  public boolean anyOn(PatientId patient, LocalDate day) {
    return jdbc.sql(
            """
            SELECT count(*) > 0 FROM satisfaction_request
             WHERE patient_id = :patient AND day = :day AND status <> 'withdrawn'
            """)
        .param("patient", patient.value())
        .param("day", day)
        .query(Boolean.class)
        .single();
  }

  /** Whether the patient was asked (or is to be) about a conversation since {@code since}. */
  public boolean conversationAskedSince(PatientId patient, Instant since) {
    return jdbc.sql(
            """
            SELECT count(*) > 0 FROM satisfaction_request
             WHERE patient_id = :patient AND occasion = 'conversation'
               AND status <> 'withdrawn' AND created_at >= :since
            """)
        .param("patient", patient.value())
        .param("since", utc(since))
        .query(Boolean.class)
        .single();
  }

  /** Conversation questions of that day not sent yet give way to the visit's. */
  public int withdrawConversationsOn(PatientId patient, LocalDate day, String reason) {
    return jdbc.sql(
            """
            UPDATE satisfaction_request SET status = 'withdrawn', reason = :reason
             WHERE patient_id = :patient AND day = :day AND occasion = 'conversation'
               AND status = 'planned'
            """)
        .param("patient", patient.value())
        .param("day", day)
        .param("reason", reason)
        .update();
  }

  public Optional<RatingRequest> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM satisfaction_request WHERE id = :id")
        .param("id", id)
        .query(RequestStore::request)
        .optional();
  }

  /** The request, its row locked until the transaction ends: one answer at a time. */
  public Optional<RatingRequest> lock(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM satisfaction_request WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(RequestStore::request)
        .optional();
  }

  public void markAsked(UUID id, String channel, Instant at) {
    jdbc.sql(
            """
            UPDATE satisfaction_request SET status = 'asked', asked_at = :at, asked_channel = :channel
             WHERE id = :id AND status = 'planned'
            """)
        .param("id", id)
        .param("at", utc(at))
        .param("channel", channel)
        .update();
  }

  public void withdraw(UUID id, String reason) {
    jdbc.sql(
            """
            UPDATE satisfaction_request SET status = 'withdrawn', reason = :reason
             WHERE id = :id AND status = 'planned'
            """)
        .param("id", id)
        .param("reason", reason)
        .update();
  }

  public void setLink(UUID id, byte[] hash, Instant expires) {
    jdbc.sql(
            "UPDATE satisfaction_request SET link_hash = :hash, link_expires_at = :expires WHERE id = :id")
        .param("id", id)
        .param("hash", hash)
        .param("expires", utc(expires))
        .update();
  }

  public Optional<RatingRequest> byLink(byte[] hash, Instant now) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM satisfaction_request WHERE link_hash = :hash AND link_expires_at > :now"
                + " AND status <> 'withdrawn'")
        .param("hash", hash)
        .param("now", utc(now))
        .query(RequestStore::request)
        .optional();
  }

  /**
   * Records the answer.
   *
   * @return false when it was answered meanwhile (the first answer stands)
   */
  public boolean answer(UUID id, int score, String channel, Instant at) {
    return jdbc.sql(
                """
                UPDATE satisfaction_request
                   SET status = 'answered', score = :score, answered_at = :at,
                       answered_channel = :channel
                 WHERE id = :id AND status IN ('planned', 'asked')
                """)
            .param("id", id)
            .param("score", score)
            .param("at", utc(at))
            .param("channel", channel)
            .update()
        == 1;
  }

  /** Stores the sealed comment, if the request has none yet. */
  public boolean comment(UUID id, byte[] sealed, Instant at) {
    return jdbc.sql(
                """
                UPDATE satisfaction_request SET comment = :comment, commented_at = :at
                 WHERE id = :id AND status = 'answered' AND comment IS NULL
                """)
            .param("id", id)
            .param("comment", sealed)
            .param("at", utc(at))
            .update()
        == 1;
  }

  public Optional<byte[]> sealedComment(UUID id) {
    return jdbc.sql(
            "SELECT comment FROM satisfaction_request WHERE id = :id AND comment IS NOT NULL")
        .param("id", id)
        .query(byte[].class)
        .optional();
  }

  /** One answered or unanswered question that went out in the period, for the reports. */
  public record Counted(
      @Nullable UUID provider, @Nullable String channel, LocalDate day, @Nullable Integer score) {}

  public List<Counted> asked(LocalDate from, LocalDate to) {
    return jdbc.sql(
            """
            SELECT provider_id, asked_channel, day, score FROM satisfaction_request
             WHERE day BETWEEN :from AND :to AND status IN ('asked', 'answered')
            """)
        .param("from", from)
        .param("to", to)
        .query(
            (rs, n) ->
                new Counted(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    rs.getObject(3, LocalDate.class),
                    (Integer) rs.getObject(4, Integer.class)))
        .list();
  }

  public List<RatingRequest> ofPatient(PatientId patient) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM satisfaction_request WHERE patient_id = :p ORDER BY day")
        .param("p", patient.value())
        .query(RequestStore::request)
        .list();
  }

  public void deletePatient(PatientId patient) {
    jdbc.sql("DELETE FROM satisfaction_request WHERE patient_id = :p")
        .param("p", patient.value())
        .update();
  }

  public void movePatient(PatientId from, PatientId to) {
    jdbc.sql("UPDATE satisfaction_request SET patient_id = :to WHERE patient_id = :from")
        .param("from", from.value())
        .param("to", to.value())
        .update();
  }

  private static RatingRequest request(ResultSet rs, int n) throws SQLException {
    UUID appointment = rs.getObject("appointment_id", UUID.class);
    UUID provider = rs.getObject("provider_id", UUID.class);
    return new RatingRequest(
        rs.getObject("id", UUID.class),
        PatientId.of(rs.getObject("patient_id", UUID.class)),
        rs.getString("occasion"),
        appointment == null ? null : AppointmentId.of(appointment),
        rs.getObject("conversation_id", UUID.class),
        provider == null ? null : ProviderId.of(provider),
        rs.getObject("day", LocalDate.class),
        rs.getString("status"),
        instant(rs, "created_at"),
        instant(rs, "asked_at"),
        rs.getString("asked_channel"),
        (Integer) rs.getObject("score", Integer.class),
        instant(rs, "answered_at"),
        rs.getString("answered_channel"),
        rs.getBoolean("commented"));
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
