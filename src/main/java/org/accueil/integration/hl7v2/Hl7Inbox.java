package org.accueil.integration.hl7v2;

import ca.uhn.hl7v2.AcknowledgmentCode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code hl7v2_inbox} table: every message received, and what became of it. */
@Repository
class Hl7Inbox {

  static final String MESSAGE_CONTEXT = "hl7v2_inbox.message";

  enum State {
    PENDING,
    APPLIED,
    FAILED,
    REJECTED,
    SUPERSEDED,
    IGNORED;

    String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A message to store.
   *
   * @param orderKey null for a message that will not be applied
   */
  record Received(
      Header header,
      @Nullable Siu siu,
      @Nullable String orderKey,
      Instant orderedAt,
      Instant receivedAt,
      String message,
      AcknowledgmentCode ack,
      State state,
      @Nullable String outcome) {}

  /** A pending message taken by a worker, locked until its transaction ends. */
  record Claimed(
      long id,
      String sendingApplication,
      String message,
      Instant orderedAt,
      Instant receivedAt,
      int attempts) {}

  private final JdbcClient jdbc;
  private final FieldCipher cipher;

  Hl7Inbox(JdbcClient jdbc, FieldCipher cipher) {
    this.jdbc = jdbc;
    this.cipher = cipher;
  }

  /**
   * Stores a message, unless the sender already sent it (the same MSH-3, MSH-4 and MSH-10).
   *
   * @return its id; empty for a repeat
   */
  Optional<Long> store(Received r) {
    Siu siu = r.siu();
    return jdbc.sql(
            """
            INSERT INTO hl7v2_inbox (sending_application, sending_facility, control_id,
                                     message_type, event, filler_id, placer_id, order_key,
                                     ordered_at, received_at, message, ack_code, state, outcome)
            VALUES (:app, :facility, :control, :type, :event, :filler, :placer, :key, :orderedAt,
                    :receivedAt, :message, :ack, :state, :outcome)
            ON CONFLICT ON CONSTRAINT hl7v2_inbox_once DO NOTHING
            RETURNING id
            """)
        .param("app", r.header().sendingApplication())
        .param("facility", r.header().sendingFacility())
        .param("control", r.header().controlId())
        .param("type", r.header().messageType())
        .param("event", r.header().event())
        .param("filler", siu == null ? null : siu.fillerId())
        .param("placer", siu == null ? null : siu.placerId())
        .param("key", r.orderKey())
        .param("orderedAt", utc(r.orderedAt()))
        .param("receivedAt", utc(r.receivedAt()))
        .param("message", cipher.encrypt(r.message(), MESSAGE_CONTEXT))
        .param("ack", r.ack().name())
        .param("state", r.state().code())
        .param("outcome", r.outcome())
        .query(Long.class)
        .optional();
  }

  /** The acknowledgement code the first copy of a repeated message was answered with. */
  Optional<AcknowledgmentCode> ackOf(Header header) {
    return jdbc.sql(
            """
            SELECT ack_code FROM hl7v2_inbox
            WHERE sending_application = :app AND sending_facility = :facility
              AND control_id = :control
            """)
        .param("app", header.sendingApplication())
        .param("facility", header.sendingFacility())
        .param("control", header.controlId())
        .query(String.class)
        .optional()
        .map(AcknowledgmentCode::valueOf);
  }

  /**
   * The oldest pending message whose key has no older pending message, locked. A message another
   * worker holds is skipped, and so are the later messages of its key: the NOT EXISTS still sees
   * the held one pending, so one appointment's messages are never applied side by side.
   */
  Optional<Claimed> claimNext() {
    return jdbc.sql(
            """
            SELECT id, sending_application, message, ordered_at, received_at, attempts
            FROM hl7v2_inbox i
            WHERE state = 'pending'
              AND (not_before IS NULL OR not_before <= statement_timestamp())
              AND NOT EXISTS (
                SELECT 1 FROM hl7v2_inbox e
                WHERE e.state = 'pending' AND e.order_key = i.order_key
                  AND (e.ordered_at, e.id) < (i.ordered_at, i.id))
            ORDER BY id
            LIMIT 1
            FOR UPDATE SKIP LOCKED
            """)
        .query(
            (rs, n) ->
                new Claimed(
                    rs.getLong("id"),
                    rs.getString("sending_application"),
                    cipher.decrypt(rs.getBytes("message"), MESSAGE_CONTEXT),
                    rs.getObject("ordered_at", OffsetDateTime.class).toInstant(),
                    rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                    rs.getInt("attempts")))
        .optional();
  }

  void finish(
      long id, State state, @Nullable UUID appointment, @Nullable String outcome, Instant at) {
    jdbc.sql(
            """
            UPDATE hl7v2_inbox
            SET state = :state, appointment_id = :appointment, outcome = :outcome,
                applied_at = :at, attempts = attempts + 1, not_before = NULL
            WHERE id = :id
            """)
        .param("id", id)
        .param("state", state.code())
        .param("appointment", appointment)
        .param("outcome", outcome)
        .param("at", utc(at))
        .update();
  }

  /**
   * Leaves a message pending, to be tried again after a pause that doubles from 1 s to 30 s
   * (database time: the pause is a retry timer, not a fact of the schedule).
   */
  void postpone(long id, int attempts, String outcome) {
    jdbc.sql(
            """
            UPDATE hl7v2_inbox
            SET attempts = :attempts, outcome = :outcome,
                not_before = statement_timestamp() + make_interval(secs => :pause)
            WHERE id = :id
            """)
        .param("id", id)
        .param("attempts", attempts)
        .param("outcome", outcome)
        .param("pause", Math.min(30, 1L << Math.min(attempts - 1, 5)))
        .update();
  }

  /**
   * Deletes the messages settled before {@code before}: they name patients, and their outcome is in
   * the appointments and the audit trail by then. Pending messages are never deleted.
   *
   * @return how many were deleted
   */
  int forgetSettledBefore(Instant before) {
    return jdbc.sql("DELETE FROM hl7v2_inbox WHERE state <> 'pending' AND received_at < :before")
        .param("before", utc(before))
        .update();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
