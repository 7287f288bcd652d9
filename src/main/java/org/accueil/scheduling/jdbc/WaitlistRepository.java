package org.accueil.scheduling.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.scheduling.jdbc.WaitlistRows.EntryRow;
import org.accueil.scheduling.jdbc.WaitlistRows.FreedTimeRow;
import org.accueil.scheduling.jdbc.WaitlistRows.OfferRow;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The waitlist's tables: entries, the time that freed up, and the offers made of it. Whatever
 * touches an offer locks its freed time first, then the offer, then the entry: one order for every
 * writer, so they queue rather than deadlock.
 */
@Repository
public class WaitlistRepository {

  private final JdbcClient jdbc;

  public WaitlistRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  // ------------------------------------------------------------------------------- entries

  public void insertEntry(EntryRow row) {
    jdbc.sql(
            """
            INSERT INTO waitlist_entry (id, patient_id, appointment_type_id, provider_id,
                location_id, earliest_date, latest_date, days_of_week, earliest_time,
                latest_time, before_appointment_id, status, created_by, created_at)
            VALUES (:id, :patient, :type, :provider, :location, :earliestDate, :latestDate,
                CAST(:days AS smallint[]), :earliestTime, :latestTime, :before, 'active',
                :createdBy, :createdAt)
            """)
        .param("id", row.id())
        .param("patient", row.patientId())
        .param("type", row.typeId())
        .param("provider", row.providerId())
        .param("location", row.locationId())
        .param("earliestDate", row.earliestDate())
        .param("latestDate", row.latestDate())
        .param("days", row.daysOfWeek().isEmpty() ? null : row.daysOfWeek().toArray(Integer[]::new))
        .param("earliestTime", row.earliestTime())
        .param("latestTime", row.latestTime())
        .param("before", row.beforeAppointmentId())
        .param("createdBy", row.createdBy())
        .param("createdAt", utc(row.createdAt()))
        .update();
  }

  public Optional<EntryRow> entry(UUID id) {
    return jdbc.sql("SELECT * FROM waitlist_entry WHERE id = :id")
        .param("id", id)
        .query(WaitlistRepository::entry)
        .optional();
  }

  /** The entry, locked until the transaction ends. */
  public Optional<EntryRow> lockEntry(UUID id) {
    return jdbc.sql("SELECT * FROM waitlist_entry WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(WaitlistRepository::entry)
        .optional();
  }

  /**
   * The entry, locked, if it is still active and nobody else holds it. Matching skips an entry
   * another transaction is accepting, withdrawing or offering another time to: waiting for it while
   * holding this slot's booking locks could deadlock with that transaction.
   */
  public Optional<EntryRow> lockActiveEntryUnlessBusy(UUID id) {
    return jdbc.sql(
            "SELECT * FROM waitlist_entry WHERE id = :id AND status = 'active'"
                + " FOR UPDATE SKIP LOCKED")
        .param("id", id)
        .query(WaitlistRepository::entry)
        .optional();
  }

  /** An active entry of the patient for this type and provider (null: any), if there is one. */
  public Optional<UUID> activeEntryLike(UUID patient, UUID type, @Nullable UUID provider) {
    return jdbc.sql(
            """
            SELECT id FROM waitlist_entry
             WHERE status = 'active' AND patient_id = :patient AND appointment_type_id = :type
               AND provider_id IS NOT DISTINCT FROM :provider
             LIMIT 1
            """)
        .param("patient", patient)
        .param("type", type)
        .param("provider", provider)
        .query(UUID.class)
        .optional();
  }

  public List<EntryRow> entries(
      @Nullable String status, @Nullable UUID patient, @Nullable UUID provider, int limit) {
    return jdbc.sql(
            """
            SELECT * FROM waitlist_entry
             WHERE (CAST(:status AS text) IS NULL OR status = :status)
               AND (CAST(:patient AS uuid) IS NULL OR patient_id = :patient)
               AND (CAST(:provider AS uuid) IS NULL OR provider_id = :provider)
             ORDER BY created_at, position
             LIMIT :limit
            """)
        .param("status", status)
        .param("patient", patient)
        .param("provider", provider)
        .param("limit", limit)
        .query(WaitlistRepository::entry)
        .list();
  }

  /**
   * Active entries that may want a time with this provider, first joined first: of one of these
   * types, for this provider or any, and not yet offered this freed time nor deciding about
   * another. The window is checked by the caller, in the location's zone.
   */
  public List<EntryRow> candidates(
      UUID freedTime, UUID provider, Collection<UUID> types, LocalDate from, LocalDate to) {
    if (types.isEmpty()) {
      return List.of();
    }
    return jdbc.sql(
            """
            SELECT * FROM waitlist_entry e
             WHERE e.status = 'active' AND e.appointment_type_id = ANY(:types)
               AND (e.provider_id IS NULL OR e.provider_id = :provider)
               AND e.earliest_date <= :to AND e.latest_date >= :from
               AND NOT EXISTS (SELECT 1 FROM waitlist_offer o
                                WHERE o.entry_id = e.id
                                  AND (o.freed_time_id = :freedTime OR o.status = 'offered'))
             ORDER BY e.created_at, e.position
             LIMIT 500
            """)
        .param("types", types.toArray(UUID[]::new))
        .param("provider", provider)
        .param("from", from)
        .param("to", to)
        .param("freedTime", freedTime)
        .query(WaitlistRepository::entry)
        .list();
  }

  public int endEntry(UUID id, String status, @Nullable UUID appointment, Instant now) {
    return jdbc.sql(
            """
            UPDATE waitlist_entry SET status = :status, appointment_id = :appointment,
                   ended_at = :now
             WHERE id = :id AND status = 'active'
            """)
        .param("id", id)
        .param("status", status)
        .param("appointment", appointment)
        .param("now", utc(now))
        .update();
  }

  /** Entries whose last day has passed everywhere (a day of slack for zones behind UTC). */
  public int expireEntriesEndedBefore(LocalDate day, Instant now) {
    return jdbc.sql(
            """
            UPDATE waitlist_entry SET status = 'expired', ended_at = :now
             WHERE status = 'active' AND latest_date < :day
            """)
        .param("day", day)
        .param("now", utc(now))
        .update();
  }

  // ----------------------------------------------------------------------------- freed time

  /**
   * Records the time a cancelled appointment occupied, in the cancelling transaction: one
   * statement, which writes nothing when nobody is waiting or the time is already past.
   */
  public int recordCancelled(UUID id, UUID appointment, Instant now) {
    return jdbc.sql(
            """
            INSERT INTO waitlist_freed_time (id, appointment_id, provider_id, location_id,
                starts_at, ends_at, reason, freed_at, due_at)
            SELECT :id, a.id, a.provider_id, a.location_id, a.starts_at, a.ends_at, 'cancelled',
                   :now, :now
              FROM appointment a
             WHERE a.id = :appointment AND a.ends_at > :now
               AND EXISTS (SELECT 1 FROM waitlist_entry WHERE status = 'active')
            """)
        .param("id", id)
        .param("appointment", appointment)
        .param("now", utc(now))
        .update();
  }

  /**
   * Records the time a moved appointment left, in the moving transaction. Its length is the
   * appointment's; its location is kept when the provider stayed (the old one is not known
   * otherwise, and the availability engine finds it from the provider's hours).
   */
  public int recordMovedFrom(
      UUID id, UUID appointment, UUID previousProvider, Instant previousStart, Instant now) {
    return jdbc.sql(
            """
            INSERT INTO waitlist_freed_time (id, appointment_id, provider_id, location_id,
                starts_at, ends_at, reason, freed_at, due_at)
            SELECT :id, a.id, :provider,
                   CASE WHEN a.provider_id = :provider THEN a.location_id END,
                   :start, CAST(:start AS timestamptz) + (a.ends_at - a.starts_at), 'rescheduled',
                   :now, :now
              FROM appointment a
             WHERE a.id = :appointment
               AND CAST(:start AS timestamptz) + (a.ends_at - a.starts_at) > :now
               AND EXISTS (SELECT 1 FROM waitlist_entry WHERE status = 'active')
            """)
        .param("id", id)
        .param("appointment", appointment)
        .param("provider", previousProvider)
        .param("start", utc(previousStart))
        .param("now", utc(now))
        .update();
  }

  /**
   * Claims the next freed time that is due, for this transaction. SKIP LOCKED: a row another node
   * is working on is left to it, and that node's death (its transaction rolls back) makes the row
   * claimable again, due as it was.
   */
  public Optional<FreedTimeRow> claimDue(Instant now, Collection<UUID> skipping) {
    return jdbc.sql(
            """
            SELECT * FROM waitlist_freed_time
             WHERE done_at IS NULL AND due_at <= :now AND id <> ALL(:skipping)
             ORDER BY due_at, id
             LIMIT 1
             FOR UPDATE SKIP LOCKED
            """)
        .param("now", utc(now))
        .param("skipping", skipping.toArray(UUID[]::new))
        .query(WaitlistRepository::freed)
        .optional();
  }

  /** The freed time, locked: offers of it are decided one at a time. */
  public Optional<FreedTimeRow> lockFreedTime(UUID id) {
    return jdbc.sql("SELECT * FROM waitlist_freed_time WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(WaitlistRepository::freed)
        .optional();
  }

  public void freedTimeDueAt(UUID id, Instant due) {
    jdbc.sql("UPDATE waitlist_freed_time SET due_at = :due WHERE id = :id")
        .param("id", id)
        .param("due", utc(due))
        .update();
  }

  public void freedTimeDone(UUID id, Instant now) {
    jdbc.sql("UPDATE waitlist_freed_time SET done_at = :now WHERE id = :id AND done_at IS NULL")
        .param("id", id)
        .param("now", utc(now))
        .update();
  }

  /** A failed attempt: due again after the backoff. */
  public void freedTimeFailed(UUID id, Instant due) {
    jdbc.sql(
            "UPDATE waitlist_freed_time SET attempts = attempts + 1, due_at = :due"
                + " WHERE id = :id AND done_at IS NULL")
        .param("id", id)
        .param("due", utc(due))
        .update();
  }

  public Optional<FreedTimeRow> freedTimeOf(UUID appointment) {
    return jdbc.sql(
            "SELECT * FROM waitlist_freed_time WHERE appointment_id = :appointment"
                + " ORDER BY freed_at DESC LIMIT 1")
        .param("appointment", appointment)
        .query(WaitlistRepository::freed)
        .optional();
  }

  // -------------------------------------------------------------------------------- offers

  public void insertOffer(OfferRow row) {
    jdbc.sql(
            """
            INSERT INTO waitlist_offer (id, entry_id, freed_time_id, hold_id, patient_id,
                appointment_type_id, provider_id, location_id, starts_at, ends_at, offered_at,
                expires_at, status)
            VALUES (:id, :entry, :freedTime, :hold, :patient, :type, :provider, :location,
                :start, :end, :offeredAt, :expiresAt, 'offered')
            """)
        .param("id", row.id())
        .param("entry", row.entryId())
        .param("freedTime", row.freedTimeId())
        .param("hold", row.holdId())
        .param("patient", row.patientId())
        .param("type", row.typeId())
        .param("provider", row.providerId())
        .param("location", row.locationId())
        .param("start", utc(row.start()))
        .param("end", utc(row.end()))
        .param("offeredAt", utc(row.offeredAt()))
        .param("expiresAt", utc(row.expiresAt()))
        .update();
  }

  public Optional<OfferRow> offer(UUID id) {
    return jdbc.sql("SELECT * FROM waitlist_offer WHERE id = :id")
        .param("id", id)
        .query(WaitlistRepository::offer)
        .optional();
  }

  public Optional<OfferRow> lockOffer(UUID id) {
    return jdbc.sql("SELECT * FROM waitlist_offer WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(WaitlistRepository::offer)
        .optional();
  }

  public Optional<OfferRow> openOfferOfFreedTime(UUID freedTime) {
    return jdbc.sql(
            "SELECT * FROM waitlist_offer WHERE freed_time_id = :freedTime AND status = 'offered'")
        .param("freedTime", freedTime)
        .query(WaitlistRepository::offer)
        .optional();
  }

  public Optional<OfferRow> openOfferOfEntry(UUID entry) {
    return jdbc.sql("SELECT * FROM waitlist_offer WHERE entry_id = :entry AND status = 'offered'")
        .param("entry", entry)
        .query(WaitlistRepository::offer)
        .optional();
  }

  /** The patient's open offer that has not lapsed, the most recent first. */
  public Optional<OfferRow> openOfferOfPatient(UUID patient, Instant now) {
    return jdbc.sql(
            """
            SELECT * FROM waitlist_offer
             WHERE patient_id = :patient AND status = 'offered' AND expires_at > :now
             ORDER BY offered_at DESC, id
             LIMIT 1
            """)
        .param("patient", patient)
        .param("now", utc(now))
        .query(WaitlistRepository::offer)
        .optional();
  }

  public List<OfferRow> offersOfEntry(UUID entry) {
    return jdbc.sql("SELECT * FROM waitlist_offer WHERE entry_id = :entry ORDER BY offered_at, id")
        .param("entry", entry)
        .query(WaitlistRepository::offer)
        .list();
  }

  public List<OfferRow> offersOfFreedTime(UUID freedTime) {
    return jdbc.sql(
            "SELECT * FROM waitlist_offer WHERE freed_time_id = :freedTime ORDER BY offered_at, id")
        .param("freedTime", freedTime)
        .query(WaitlistRepository::offer)
        .list();
  }

  /**
   * Closes an open offer.
   *
   * @return 0 when it was no longer open
   */
  public int closeOffer(UUID id, String status, @Nullable UUID appointment, Instant now) {
    return jdbc.sql(
            """
            UPDATE waitlist_offer SET status = :status, appointment_id = :appointment,
                   decided_at = :now
             WHERE id = :id AND status = 'offered'
            """)
        .param("id", id)
        .param("status", status)
        .param("appointment", appointment)
        .param("now", utc(now))
        .update();
  }

  // ---------------------------------------------------------------------------------- rows

  private static EntryRow entry(ResultSet rs, int n) throws SQLException {
    return new EntryRow(
        rs.getObject("id", UUID.class),
        rs.getObject("patient_id", UUID.class),
        rs.getObject("appointment_type_id", UUID.class),
        rs.getObject("provider_id", UUID.class),
        rs.getObject("location_id", UUID.class),
        rs.getObject("earliest_date", LocalDate.class),
        rs.getObject("latest_date", LocalDate.class),
        days(rs.getArray("days_of_week")),
        rs.getObject("earliest_time", LocalTime.class),
        rs.getObject("latest_time", LocalTime.class),
        rs.getObject("before_appointment_id", UUID.class),
        rs.getString("status"),
        rs.getObject("appointment_id", UUID.class),
        rs.getString("created_by"),
        instant(rs, "created_at"),
        nullableInstant(rs, "ended_at"));
  }

  private static List<Integer> days(@Nullable Array array) throws SQLException {
    List<Integer> days = new ArrayList<>();
    if (array != null) {
      for (Object day : (Object[]) array.getArray()) {
        days.add(((Number) day).intValue());
      }
    }
    return List.copyOf(days);
  }

  private static OfferRow offer(ResultSet rs, int n) throws SQLException {
    return new OfferRow(
        rs.getObject("id", UUID.class),
        rs.getObject("entry_id", UUID.class),
        rs.getObject("freed_time_id", UUID.class),
        rs.getObject("hold_id", UUID.class),
        rs.getObject("appointment_id", UUID.class),
        rs.getObject("patient_id", UUID.class),
        rs.getObject("appointment_type_id", UUID.class),
        rs.getObject("provider_id", UUID.class),
        rs.getObject("location_id", UUID.class),
        instant(rs, "starts_at"),
        instant(rs, "ends_at"),
        instant(rs, "offered_at"),
        instant(rs, "expires_at"),
        rs.getString("status"),
        nullableInstant(rs, "decided_at"));
  }

  private static FreedTimeRow freed(ResultSet rs, int n) throws SQLException {
    return new FreedTimeRow(
        rs.getObject("id", UUID.class),
        rs.getObject("appointment_id", UUID.class),
        rs.getObject("provider_id", UUID.class),
        rs.getObject("location_id", UUID.class),
        instant(rs, "starts_at"),
        instant(rs, "ends_at"),
        rs.getString("reason"),
        instant(rs, "freed_at"),
        instant(rs, "due_at"),
        rs.getInt("attempts"),
        nullableInstant(rs, "done_at"));
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
