package org.accueil.scheduling.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.ProviderId;
import org.accueil.practice.RoomId;
import org.accueil.scheduling.model.Busy;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The appointment table. The exclusion constraints it relies on are named here so callers can tell
 * which resource was in the way.
 */
@Repository
public class AppointmentRepository {

  public static final String PROVIDER_OVERLAP = "appointment_provider_no_overlap";
  public static final String ROOM_OVERLAP = "appointment_room_no_overlap";
  public static final String PATIENT_OVERLAP = "appointment_patient_no_overlap";

  /** Statuses that occupy time, as in the exclusion constraints' predicates. */
  private static final String OCCUPYING =
      "('proposed', 'pending', 'booked', 'arrived', 'checked-in', 'fulfilled')";

  /** Appointments are at most 8 h plus 4 h of buffer each side; see appointment_type. */
  private static final String LONGEST_BLOCK = "interval '1 day'";

  /** How "created by" and "cancelled by" name an actor: {@code api-key:<id>}, {@code user:<id>}. */
  private static final String ACTOR_REFERENCE = "([a-z-]+:[^\\s()]+|anonymous)";

  private final JdbcClient jdbc;

  public AppointmentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Appointments and live holds that occupy these providers' or rooms' time within [from, to). One
   * statement, so providers and rooms are read in one snapshot: a booking committed meanwhile is
   * seen by both or by neither. Holds past their expiry are not busy, even before the sweeper
   * deletes them.
   */
  public List<Busy> busy(
      Collection<ProviderId> providers,
      Collection<RoomId> rooms,
      Instant from,
      Instant to,
      Instant now,
      @Nullable UUID excluding) {
    if (providers.isEmpty() && rooms.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            "SELECT id, provider_id, room_id, appointment_type_id, starts_at, blocked_from,"
                + " blocked_until, hold_expires_at FROM appointment"
                + " WHERE (provider_id = ANY(:providers) OR room_id = ANY(:rooms))"
                + " AND status IN "
                + OCCUPYING
                + " AND blocked_from > CAST(:from AS timestamptz) - "
                + LONGEST_BLOCK
                + " AND blocked_from < :to AND blocked_until > :from"
                + " AND (hold_expires_at IS NULL OR hold_expires_at > :now)"
                + " AND id IS DISTINCT FROM :excluding")
        .param("providers", providers.stream().map(ProviderId::value).toArray(UUID[]::new))
        .param("rooms", rooms.stream().map(RoomId::value).toArray(UUID[]::new))
        .param("from", utc(from))
        .param("to", utc(to))
        .param("now", utc(now))
        .param("excluding", excluding)
        .query(AppointmentRepository::busy)
        .list();
  }

  private static Busy busy(ResultSet rs, int n) throws SQLException {
    UUID provider = rs.getObject("provider_id", UUID.class);
    UUID room = rs.getObject("room_id", UUID.class);
    return new Busy(
        rs.getObject("hold_expires_at") == null ? Busy.Kind.APPOINTMENT : Busy.Kind.HOLD,
        rs.getObject("id", UUID.class),
        provider == null ? null : ProviderId.of(provider),
        room == null ? null : RoomId.of(room),
        AppointmentTypeId.of(rs.getObject("appointment_type_id", UUID.class)),
        instant(rs, "starts_at"),
        instant(rs, "blocked_from"),
        instant(rs, "blocked_until"));
  }

  /**
   * Deletes expired holds that would stand in the way of [from, until) for this provider, these
   * rooms or this patient. Run inside the booking's transaction: a stale hold never blocks a
   * booking, whether or not the sweeper has passed.
   */
  public int deleteExpiredHoldsInTheWay(
      ProviderId provider,
      Collection<RoomId> rooms,
      @Nullable UUID patient,
      Instant from,
      Instant until,
      Instant now) {
    return jdbc.sql(
            """
            DELETE FROM appointment
             WHERE status = 'proposed' AND hold_expires_at <= :now
               AND tstzrange(blocked_from, blocked_until) && tstzrange(:from, :until)
               AND (provider_id = :provider OR room_id = ANY(:rooms) OR patient_id = :patient)
            """)
        .param("now", utc(now))
        .param("from", utc(from))
        .param("until", utc(until))
        .param("provider", provider.value())
        .param("rooms", rooms.stream().map(RoomId::value).toArray(UUID[]::new))
        .param("patient", patient)
        .update();
  }

  /** The sweeper: expired holds anywhere. */
  public int deleteExpiredHolds(Instant now) {
    return jdbc.sql("DELETE FROM appointment WHERE status = 'proposed' AND hold_expires_at <= :now")
        .param("now", utc(now))
        .update();
  }

  public void insert(AppointmentRow row) {
    jdbc.sql(
            """
            INSERT INTO appointment (id, appointment_type_id, provider_id, location_id, room_id,
                patient_id, status, starts_at, ends_at, blocked_from, blocked_until,
                hold_expires_at, new_patient, source, created_by, cancellation_reason,
                cancelled_by, cancelled_at, created_at, updated_at)
            VALUES (:id, :type, :provider, :location, :room, :patient, :status, :start, :end,
                :blockedFrom, :blockedUntil, :holdExpiresAt, :newPatient, :source, :createdBy,
                :cancellationReason, :cancelledBy, :cancelledAt, :createdAt, :createdAt)
            """)
        .param("id", row.id())
        .param("type", row.typeId())
        .param("provider", row.providerId())
        .param("location", row.locationId())
        .param("room", row.roomId())
        .param("patient", row.patientId())
        .param("status", row.status())
        .param("start", utc(row.start()))
        .param("end", utc(row.end()))
        .param("blockedFrom", utc(row.blockedFrom()))
        .param("blockedUntil", utc(row.blockedUntil()))
        .param("holdExpiresAt", row.holdExpiresAt() == null ? null : utc(row.holdExpiresAt()))
        .param("newPatient", row.newPatient())
        .param("source", row.source())
        .param("createdBy", row.createdBy())
        .param("cancellationReason", row.cancellationReason())
        .param("cancelledBy", row.cancelledBy())
        .param("cancelledAt", row.cancelledAt() == null ? null : utc(row.cancelledAt()))
        .param("createdAt", utc(row.createdAt()))
        .update();
  }

  /** Turns a hold into an appointment, keeping its time: nobody can slip in between. */
  public int bookHold(
      UUID hold,
      UUID patient,
      @Nullable Boolean newPatient,
      String source,
      String createdBy,
      Instant now) {
    return jdbc.sql(
            """
            UPDATE appointment
               SET status = 'booked', patient_id = :patient, hold_expires_at = NULL,
                   new_patient = :newPatient, source = :source, created_by = :createdBy,
                   updated_at = :now, version = version + 1
             WHERE id = :id AND status = 'proposed'
            """)
        .param("id", hold)
        .param("patient", patient)
        .param("newPatient", newPatient)
        .param("source", source)
        .param("createdBy", createdBy)
        .param("now", utc(now))
        .update();
  }

  /**
   * Moves an appointment in one statement: its new time is checked by the exclusion constraints
   * against everyone else's, and its old time is released at the same commit.
   */
  public int move(AppointmentRow moved, int expectedVersion, Instant now) {
    return jdbc.sql(
            """
            UPDATE appointment
               SET provider_id = :provider, location_id = :location, room_id = :room,
                   starts_at = :start, ends_at = :end, blocked_from = :blockedFrom,
                   blocked_until = :blockedUntil, updated_at = :now, version = version + 1
             WHERE id = :id AND version = :version
            """)
        .param("provider", moved.providerId())
        .param("location", moved.locationId())
        .param("room", moved.roomId())
        .param("start", utc(moved.start()))
        .param("end", utc(moved.end()))
        .param("blockedFrom", utc(moved.blockedFrom()))
        .param("blockedUntil", utc(moved.blockedUntil()))
        .param("now", utc(now))
        .param("id", moved.id())
        .param("version", expectedVersion)
        .update();
  }

  public int cancel(UUID id, String reason, String by, Instant now) {
    return jdbc.sql(
            """
            UPDATE appointment
               SET status = 'cancelled', cancellation_reason = :reason, cancelled_by = :by,
                   cancelled_at = :now, updated_at = :now, version = version + 1
             WHERE id = :id AND status IN ('pending', 'booked')
            """)
        .param("id", id)
        .param("reason", reason)
        .param("by", by)
        .param("now", utc(now))
        .update();
  }

  public int changeStatus(UUID id, String from, String to, Instant now) {
    return jdbc.sql(
            """
            UPDATE appointment SET status = :to, updated_at = :now, version = version + 1
             WHERE id = :id AND status = :from
            """)
        .param("id", id)
        .param("from", from)
        .param("to", to)
        .param("now", utc(now))
        .update();
  }

  public boolean deleteHold(UUID id) {
    return jdbc.sql("DELETE FROM appointment WHERE id = :id AND status = 'proposed'")
            .param("id", id)
            .update()
        > 0;
  }

  public Optional<AppointmentRow> find(UUID id) {
    return jdbc.sql("SELECT * FROM appointment WHERE id = :id")
        .param("id", id)
        .query(AppointmentRepository::row)
        .optional();
  }

  /** Locks the row until the transaction ends: status changes of one appointment queue up. */
  public Optional<AppointmentRow> lock(UUID id) {
    return jdbc.sql("SELECT * FROM appointment WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(AppointmentRepository::row)
        .optional();
  }

  /** Occupying appointments and live holds overlapping [from, until) for one resource. */
  public List<UUID> inTheWay(
      String column,
      UUID resource,
      Instant from,
      Instant until,
      Instant now,
      @Nullable UUID excluding) {
    if (!List.of("provider_id", "room_id", "patient_id").contains(column)) {
      throw new IllegalArgumentException(column);
    }
    String range =
        column.equals("patient_id")
            ? "tstzrange(starts_at, ends_at)"
            : "tstzrange(blocked_from, blocked_until)";
    return jdbc.sql(
            "SELECT id FROM appointment WHERE "
                + column
                + " = :resource AND status IN "
                + OCCUPYING
                + " AND "
                + range
                + " && tstzrange(:from, :until)"
                + " AND (hold_expires_at IS NULL OR hold_expires_at > :now)"
                + " AND id IS DISTINCT FROM :excluding ORDER BY starts_at")
        .param("resource", resource)
        .param("from", utc(from))
        .param("until", utc(until))
        .param("now", utc(now))
        .param("excluding", excluding)
        .query(UUID.class)
        .list();
  }

  /** Whether the patient has been seen: a visit that took place, or at least began. */
  public boolean seenBefore(UUID patient) {
    return jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM appointment WHERE patient_id = :patient"
                + " AND status IN ('arrived', 'checked-in', 'fulfilled'))")
        .param("patient", patient)
        .query(Boolean.class)
        .single();
  }

  public List<AppointmentRow> list(
      Instant from,
      Instant to,
      @Nullable UUID provider,
      @Nullable UUID patient,
      @Nullable String status,
      int limit) {
    return jdbc.sql(
            """
            SELECT * FROM appointment
             WHERE starts_at >= :from AND starts_at < :to AND hold_expires_at IS NULL
               AND (CAST(:provider AS uuid) IS NULL OR provider_id = :provider)
               AND (CAST(:patient AS uuid) IS NULL OR patient_id = :patient)
               AND (CAST(:status AS text) IS NULL OR status = :status)
             ORDER BY starts_at, id
             LIMIT :limit
            """)
        .param("from", utc(from))
        .param("to", utc(to))
        .param("provider", provider)
        .param("patient", patient)
        .param("status", status)
        .param("limit", limit)
        .query(AppointmentRepository::row)
        .list();
  }

  /** A patient's appointments (holds have no patient), at any time, in the order they start. */
  public List<AppointmentRow> ofPatient(UUID patient) {
    return jdbc.sql(
            """
            SELECT * FROM appointment
             WHERE patient_id = :patient AND hold_expires_at IS NULL
             ORDER BY starts_at, id
            """)
        .param("patient", patient)
        .query(AppointmentRepository::row)
        .list();
  }

  /** Deletes these patients' appointments that ended before {@code before}. */
  public int deleteEndedBefore(Collection<UUID> patients, Instant before) {
    return jdbc.sql(
            """
            DELETE FROM appointment
             WHERE patient_id = ANY(:patients) AND ends_at < :before AND hold_expires_at IS NULL
            """)
        .param("patients", patients.toArray(UUID[]::new))
        .param("before", utc(before))
        .update();
  }

  /**
   * Clears what people typed about a patient's appointments: the cancellation reason, and the words
   * before the actor reference in "cancelled by" ({@code "her daughter Anna (api-key:<id>)"} keeps
   * {@code api-key:<id>}). Dates, provider, status and the actor references stay: they are the
   * practice's record of its appointments.
   */
  public int clearFreeText(UUID patient, Instant now) {
    return jdbc.sql(
            """
            UPDATE appointment
               SET cancellation_reason = CASE WHEN cancellation_reason IS NULL THEN NULL ELSE '' END,
                   cancelled_by = CASE
                     WHEN cancelled_by ~ :whole THEN cancelled_by
                     ELSE coalesce(substring(cancelled_by FROM :trailing), 'erased')
                   END,
                   updated_at = :now, version = version + 1
             WHERE patient_id = :patient
               AND (coalesce(cancellation_reason, '') <> '' OR cancelled_by !~ :whole)
            """)
        .param("whole", "^" + ACTOR_REFERENCE + "$")
        .param("trailing", "\\(" + ACTOR_REFERENCE + "\\)$")
        .param("patient", patient)
        .param("now", utc(now))
        .update();
  }

  /**
   * Queues this transaction behind any other that is writing for the same resources ({@code
   * provider:<id>}, {@code room:<id>}, {@code patient:<id>}, {@code daily-cap:<...>}) until commit.
   * Without it, two transactions inserting overlapping rows at once each wait on the other's
   * uncommitted row inside the exclusion check, and PostgreSQL breaks the deadlock only after
   * deadlock_timeout (1 s). The locks are taken in one statement in a global order, so lockers
   * never deadlock among themselves. They make contention fast and orderly; the exclusion
   * constraints remain the guarantee.
   */
  public void lockResources(Collection<String> resources) {
    if (resources.isEmpty()) {
      return;
    }
    jdbc.sql(
            """
            SELECT count(pg_advisory_xact_lock(h)) FROM (
              SELECT DISTINCT hashtextextended(r, 0) AS h FROM unnest(:resources) AS r ORDER BY 1
            ) ordered
            """)
        .param("resources", resources.toArray(String[]::new))
        .query(Long.class)
        .single();
  }

  /** The exclusion constraint a failed write ran into, if that is why it failed. */
  public static Optional<String> violatedExclusion(DataIntegrityViolationException e) {
    if (e.getMostSpecificCause() instanceof PSQLException psql
        && "23P01".equals(psql.getSQLState())
        && psql.getServerErrorMessage() != null) {
      return Optional.ofNullable(psql.getServerErrorMessage().getConstraint());
    }
    return Optional.empty();
  }

  /** PostgreSQL chose this transaction as the victim of a deadlock (SQLSTATE 40P01). */
  public static boolean isDeadlock(org.springframework.dao.DataAccessException e) {
    return e.getMostSpecificCause() instanceof SQLException sql
        && "40P01".equals(sql.getSQLState());
  }

  public static AppointmentRow row(ResultSet rs, int n) throws SQLException {
    return new AppointmentRow(
        rs.getObject("id", UUID.class),
        rs.getObject("appointment_type_id", UUID.class),
        rs.getObject("provider_id", UUID.class),
        rs.getObject("location_id", UUID.class),
        rs.getObject("room_id", UUID.class),
        rs.getObject("patient_id", UUID.class),
        rs.getString("status"),
        instant(rs, "starts_at"),
        instant(rs, "ends_at"),
        instant(rs, "blocked_from"),
        instant(rs, "blocked_until"),
        nullableInstant(rs, "hold_expires_at"),
        rs.getObject("new_patient", Boolean.class),
        rs.getString("source"),
        rs.getString("created_by"),
        rs.getString("cancellation_reason"),
        rs.getString("cancelled_by"),
        nullableInstant(rs, "cancelled_at"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"),
        rs.getInt("version"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class).toInstant();
  }

  private static @Nullable Instant nullableInstant(ResultSet rs, String column)
      throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
