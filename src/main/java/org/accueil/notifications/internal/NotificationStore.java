package org.accueil.notifications.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.notifications.Notification;
import org.accueil.notifications.NotificationKind;
import org.accueil.patients.Channel;
import org.accueil.platform.Ids;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code notification} and {@code notification_attempt} tables. */
@Repository
public class NotificationStore {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;

  NotificationStore(JdbcClient jdbc, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
  }

  /** A notification to plan. */
  public record Planned(
      NotificationKind kind,
      UUID patient,
      @Nullable UUID appointment,
      String dedupeKey,
      Instant dueAt,
      @Nullable Instant usefulUntil,
      Map<String, Object> data) {}

  /**
   * Plans it, once per dedupe key.
   *
   * @return its id, or null when that key was planned before
   */
  public @Nullable UUID plan(Planned p) {
    Instant now = clock.instant();
    UUID id = Ids.newId();
    boolean inserted =
        jdbc.sql(
                    """
                INSERT INTO notification (id, kind, patient_id, appointment_id, dedupe_key, due_at,
                                          useful_until, status, data, created_at, updated_at)
                VALUES (:id, :kind, :patient, :appointment, :key, :due, :until, 'scheduled',
                        CAST(:data AS jsonb), :now, :now)
                ON CONFLICT (dedupe_key) DO NOTHING
                """)
                .param("id", id)
                .param("kind", p.kind().code())
                .param("patient", p.patient())
                .param("appointment", p.appointment())
                .param("key", p.dedupeKey())
                .param("due", utc(p.dueAt()))
                .param("until", p.usefulUntil() == null ? null : utc(p.usefulUntil()))
                .param("data", json.writeValueAsString(p.data()))
                .param("now", utc(now))
                .update()
            == 1;
    return inserted ? id : null;
  }

  /**
   * Cancels what is still planned for the appointment (of these kinds), except the rows a sender
   * holds at this moment. Waiting for those would deadlock: the change that calls this holds the
   * appointment and the patient's conversation, which the sender needs to write its message. A row
   * skipped here is either sent in the race (the cancellation's own notice follows it) or, if the
   * sender puts it back, skipped when it next falls due: the sender checks the appointment again
   * then ({@code Dispatcher#uselessNow}).
   *
   * @return how many
   */
  public int cancelPlanned(UUID appointment, Collection<NotificationKind> kinds, String reason) {
    return jdbc.sql(
            """
            UPDATE notification SET status = 'cancelled', reason = :reason, updated_at = :now
             WHERE id IN (SELECT id FROM notification
                           WHERE appointment_id = :appointment AND status = 'scheduled'
                             AND kind IN (:kinds)
                             FOR UPDATE SKIP LOCKED)
            """)
        .param("appointment", appointment)
        .param("kinds", kinds.stream().map(NotificationKind::code).toList())
        .param("reason", reason)
        .param("now", utc(clock.instant()))
        .update();
  }

  /**
   * Cancels what is planned under keys starting with {@code prefix}, but {@code keep} (a reminder
   * planned again for a new time keeps its row when the time did not change).
   */
  public int cancelByKeyPrefix(
      NotificationKind kind, String prefix, @Nullable String keep, String reason) {
    return jdbc.sql(
            """
            UPDATE notification SET status = 'cancelled', reason = :reason, updated_at = :now
             WHERE id IN (SELECT id FROM notification
                           WHERE kind = :kind AND starts_with(dedupe_key, :prefix)
                             AND dedupe_key IS DISTINCT FROM :keep AND status = 'scheduled'
                             FOR UPDATE SKIP LOCKED)
            """)
        .param("kind", kind.code())
        .param("prefix", prefix)
        .param("keep", keep)
        .param("reason", reason)
        .param("now", utc(clock.instant()))
        .update();
  }

  /**
   * Cancels the planned notification of this key, if it is still planned and no sender holds it
   * (see {@link #cancelPlanned}).
   */
  public int cancelByKey(String dedupeKey, String reason) {
    return jdbc.sql(
            """
            UPDATE notification SET status = 'cancelled', reason = :reason, updated_at = :now
             WHERE id IN (SELECT id FROM notification
                           WHERE dedupe_key = :key AND status = 'scheduled'
                             FOR UPDATE SKIP LOCKED)
            """)
        .param("key", dedupeKey)
        .param("reason", reason)
        .param("now", utc(clock.instant()))
        .update();
  }

  /** The waitlist offer was taken: the reports count it as filled. */
  public void offerAccepted(UUID offer, Instant at) {
    jdbc.sql(
            """
            UPDATE notification
               SET data = data || jsonb_build_object('acceptedAt', CAST(:at AS text)),
                   updated_at = :now
             WHERE dedupe_key = :key
            """)
        .param("key", "waitlist-offer:" + offer)
        .param("at", at.toString())
        .param("now", utc(clock.instant()))
        .update();
  }

  /**
   * Locks up to {@code limit} notifications due at {@code now} that no other transaction holds: the
   * caller sends them and marks them in the same transaction, so each is sent once, whichever node
   * claims it.
   */
  public List<Notification> claimDue(Instant now, int limit) {
    return jdbc.sql(
            """
            SELECT * FROM notification
             WHERE status = 'scheduled' AND due_at <= :now
             ORDER BY due_at, id
             LIMIT :limit
             FOR UPDATE SKIP LOCKED
            """)
        .param("now", utc(now))
        .param("limit", limit)
        .query(this::notification)
        .list();
  }

  /** Another reminder of the same appointment is due too, and later: it says the same, nearer. */
  public boolean laterReminderDue(Notification reminder, Instant now) {
    return jdbc.sql(
            """
            SELECT EXISTS (SELECT 1 FROM notification
                            WHERE appointment_id = :appointment AND kind = 'reminder'
                              AND status = 'scheduled' AND id <> :id
                              AND due_at > :due AND due_at <= :now)
            """)
        .param("appointment", reminder.appointmentId())
        .param("id", reminder.id())
        .param("due", utc(reminder.dueAt()))
        .param("now", utc(now))
        .query(Boolean.class)
        .single();
  }

  public void markSent(UUID id, Channel channel, UUID entry, Instant now) {
    jdbc.sql(
            """
            UPDATE notification SET status = 'sent', channel = :channel, sent_at = :now,
                   updated_at = :now
             WHERE id = :id
            """)
        .param("id", id)
        .param("channel", channel.code())
        .param("now", utc(now))
        .update();
    attempt(id, entry, channel, "queued", now);
  }

  public void attempt(UUID notification, UUID entry, Channel channel, String status, Instant now) {
    jdbc.sql(
            """
            INSERT INTO notification_attempt (entry_id, notification_id, channel, status, created_at,
                                              updated_at)
            VALUES (:entry, :notification, :channel, :status, :now, :now)
            ON CONFLICT (entry_id) DO NOTHING
            """)
        .param("entry", entry)
        .param("notification", notification)
        .param("channel", channel.code())
        .param("status", status)
        .param("now", utc(now))
        .update();
  }

  /** What the channel said of an attempt; the notification follows its last attempt's channel. */
  public void attemptChanged(UUID entry, String status, @Nullable String error, Instant now) {
    jdbc.sql(
            """
            UPDATE notification_attempt SET status = :status, error = :error, updated_at = :now
             WHERE entry_id = :entry
            """)
        .param("entry", entry)
        .param("status", status)
        .param("error", error)
        .param("now", utc(now))
        .update();
  }

  public void resentOn(UUID notification, Channel channel, Instant now) {
    jdbc.sql("UPDATE notification SET channel = :channel, updated_at = :now WHERE id = :id")
        .param("id", notification)
        .param("channel", channel.code())
        .param("now", utc(now))
        .update();
  }

  public void markSkipped(UUID id, String reason, Instant now) {
    jdbc.sql(
            """
            UPDATE notification SET status = 'skipped', reason = :reason, updated_at = :now
             WHERE id = :id
            """)
        .param("id", id)
        .param("reason", reason)
        .param("now", utc(now))
        .update();
  }

  /** Waits until {@code due} (quiet hours, an error to retry). */
  public void postpone(UUID id, Instant due, @Nullable String reason, boolean failed, Instant now) {
    jdbc.sql(
            """
            UPDATE notification SET due_at = :due, reason = :reason,
                   tries = tries + CASE WHEN :failed THEN 1 ELSE 0 END, updated_at = :now
             WHERE id = :id
            """)
        .param("id", id)
        .param("due", utc(due))
        .param("reason", reason)
        .param("failed", failed)
        .param("now", utc(now))
        .update();
  }

  public int tries(UUID id) {
    return jdbc.sql("SELECT tries FROM notification WHERE id = :id")
        .param("id", id)
        .query(Integer.class)
        .single();
  }

  public Optional<Notification> find(UUID id) {
    return jdbc.sql("SELECT * FROM notification WHERE id = :id")
        .param("id", id)
        .query(this::notification)
        .optional();
  }

  /** The notifications of a patient or an appointment, newest first. */
  public List<Notification> list(
      @Nullable UUID patient,
      @Nullable UUID appointment,
      @Nullable String status,
      int limit,
      int offset) {
    return jdbc.sql(
            """
            SELECT * FROM notification
             WHERE (CAST(:patient AS uuid) IS NULL OR patient_id = :patient)
               AND (CAST(:appointment AS uuid) IS NULL OR appointment_id = :appointment)
               AND (CAST(:status AS text) IS NULL OR status = :status)
             ORDER BY due_at DESC, id
             LIMIT :limit OFFSET :offset
            """)
        .param("patient", patient)
        .param("appointment", appointment)
        .param("status", status)
        .param("limit", limit)
        .param("offset", offset)
        .query(this::notification)
        .list();
  }

  /** A merged patient's notifications become the survivor's. */
  public int movePatient(UUID from, UUID to) {
    return jdbc.sql("UPDATE notification SET patient_id = :to WHERE patient_id = :from")
        .param("from", from)
        .param("to", to)
        .update();
  }

  /** An erased patient's notifications: what is planned is dropped, the rest forgets its facts. */
  public int forgetPatient(UUID patient) {
    return jdbc.sql(
            """
            UPDATE notification SET data = '{}', reason = CASE WHEN status = 'scheduled'
                     THEN 'patient erased' ELSE reason END,
                   status = CASE WHEN status = 'scheduled' THEN 'cancelled' ELSE status END
             WHERE patient_id = :patient
            """)
        .param("patient", patient)
        .update();
  }

  private Notification notification(ResultSet rs, int n) throws SQLException {
    String channel = rs.getString("channel");
    return new Notification(
        rs.getObject("id", UUID.class),
        NotificationKind.ofCode(rs.getString("kind")),
        rs.getObject("patient_id", UUID.class),
        rs.getObject("appointment_id", UUID.class),
        instant(rs, "due_at"),
        instant(rs, "useful_until"),
        rs.getString("status"),
        rs.getString("reason"),
        channel == null ? null : Channel.ofCode(channel).orElse(null),
        instant(rs, "sent_at"),
        json.readValue(rs.getString("data"), MAP),
        instant(rs, "created_at"));
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
