package org.accueil.disruptions.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.disruptions.AffectedPatient;
import org.accueil.disruptions.AffectedPatient.OfferedTime;
import org.accueil.disruptions.AffectedPatient.State;
import org.accueil.disruptions.Disruption;
import org.accueil.disruptions.Disruption.Action;
import org.accueil.disruptions.Disruption.Reason;
import org.accueil.patients.PatientId;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.AppointmentId;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The disruption tables (V34). Plain SQL; the facade holds the rules. */
@Repository
public class DisruptionStore {

  private static final String PATIENT_COLUMNS =
      "disruption_id, appointment_id, patient_id, original_start, original_end, action, state,"
          + " channel, consent, reached_at, answered_at, escalate_at, escalation, new_start,"
          + " new_provider_id, rounds";

  private final JdbcClient jdbc;

  public DisruptionStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public void insert(Disruption d) {
    jdbc.sql(
            """
            INSERT INTO disruption (id, provider_id, starts_at, ends_at, reason, note,
                                    default_action, time_off_id, source, created_by, created_at)
            VALUES (:id, :provider, :start, :end, :reason, :note, :action, :timeOff, :source,
                    :by, :at)
            """)
        .param("id", d.id())
        .param("provider", d.provider().value())
        .param("start", utc(d.start()))
        .param("end", utc(d.end()))
        .param("reason", d.reason().code())
        .param("note", d.note())
        .param("action", d.defaultAction().code())
        .param("timeOff", d.timeOff())
        .param("source", d.source())
        .param("by", d.createdBy())
        .param("at", utc(d.createdAt()))
        .update();
  }

  public void delete(UUID id) {
    jdbc.sql("DELETE FROM disruption WHERE id = :id").param("id", id).update();
  }

  public Optional<Disruption> find(UUID id) {
    return jdbc.sql("SELECT * FROM disruption WHERE id = :id")
        .param("id", id)
        .query(DisruptionStore::disruption)
        .optional();
  }

  /** The newest first: those created from {@code since}, or whose blocked time has not ended. */
  public List<Disruption> recent(Instant since, Instant now, int limit) {
    return jdbc.sql(
            "SELECT * FROM disruption WHERE created_at >= :since OR ends_at > :now"
                + " ORDER BY created_at DESC LIMIT :limit")
        .param("since", utc(since))
        .param("now", utc(now))
        .param("limit", limit)
        .query(DisruptionStore::disruption)
        .list();
  }

  /** Inserts the row unless the appointment is already worked on by another disruption. */
  public boolean insertPatient(
      UUID disruption,
      AppointmentId appointment,
      PatientId patient,
      Instant start,
      Instant end,
      Action action,
      State state,
      @Nullable String channel,
      boolean consent,
      Instant now) {
    return jdbc.sql(
                """
                INSERT INTO disruption_patient (disruption_id, appointment_id, patient_id,
                    original_start, original_end, action, state, channel, consent, updated_at)
                VALUES (:d, :a, :p, :start, :end, :action, :state, :channel, :consent, :now)
                ON CONFLICT DO NOTHING
                """)
            .param("d", disruption)
            .param("a", appointment.value())
            .param("p", patient.value())
            .param("start", utc(start))
            .param("end", utc(end))
            .param("action", action.code())
            .param("state", state.code())
            .param("channel", channel)
            .param("consent", consent)
            .param("now", utc(now))
            .update()
        == 1;
  }

  public List<AffectedPatient> patients(UUID disruption) {
    List<AffectedPatient> rows =
        jdbc.sql(
                "SELECT "
                    + PATIENT_COLUMNS
                    + " FROM disruption_patient WHERE disruption_id = :d ORDER BY original_start,"
                    + " appointment_id")
            .param("d", disruption)
            .query(DisruptionStore::row)
            .list();
    return withOffers(rows);
  }

  public Optional<AffectedPatient> patient(UUID disruption, AppointmentId appointment) {
    return one(
        "SELECT "
            + PATIENT_COLUMNS
            + " FROM disruption_patient WHERE disruption_id = :d AND appointment_id = :a",
        Map.of("d", disruption, "a", appointment.value()));
  }

  /** Locks the row (answers, the pass and staff queue behind each other). */
  public Optional<AffectedPatient> lock(UUID disruption, AppointmentId appointment) {
    return one(
        "SELECT "
            + PATIENT_COLUMNS
            + " FROM disruption_patient WHERE disruption_id = :d AND appointment_id = :a"
            + " FOR UPDATE",
        Map.of("d", disruption, "a", appointment.value()));
  }

  /** The open row of an appointment, locked, whatever the disruption. */
  public Optional<AffectedPatient> lockOpenOf(AppointmentId appointment) {
    return one(
        "SELECT "
            + PATIENT_COLUMNS
            + " FROM disruption_patient WHERE appointment_id = :a"
            + " AND state IN ('planned', 'pending', 'offered', 'unanswered') FOR UPDATE",
        Map.of("a", appointment.value()));
  }

  /** The open row of an appointment, if any (not locked). */
  public Optional<AffectedPatient> openOf(AppointmentId appointment) {
    return one(
        "SELECT "
            + PATIENT_COLUMNS
            + " FROM disruption_patient WHERE appointment_id = :a"
            + " AND state IN ('planned', 'pending', 'offered', 'unanswered')",
        Map.of("a", appointment.value()));
  }

  /** The patient's most recent row waiting for their answer. */
  public Optional<AffectedPatient> offeredTo(PatientId patient) {
    return one(
        "SELECT "
            + PATIENT_COLUMNS
            + " FROM disruption_patient WHERE patient_id = :p AND state = 'offered'"
            + " ORDER BY original_start LIMIT 1",
        Map.of("p", patient.value()));
  }

  /** One pending row, claimed (FOR UPDATE SKIP LOCKED): another node takes another. */
  public Optional<AffectedPatient> claimPending(Collection<String> seen) {
    return one(
        "SELECT "
            + PATIENT_COLUMNS
            + " FROM disruption_patient WHERE state = 'pending'"
            + " AND NOT (disruption_id::text || appointment_id::text = ANY (:seen))"
            + " ORDER BY original_start LIMIT 1 FOR UPDATE SKIP LOCKED",
        Map.of("seen", seen.toArray(String[]::new)));
  }

  /** One offered row whose deadline has passed, claimed. */
  public Optional<AffectedPatient> claimOverdue(Instant now, Collection<String> seen) {
    return one(
        "SELECT "
            + PATIENT_COLUMNS
            + " FROM disruption_patient WHERE state = 'offered' AND escalate_at <= :now"
            + " AND NOT (disruption_id::text || appointment_id::text = ANY (:seen))"
            + " ORDER BY escalate_at LIMIT 1 FOR UPDATE SKIP LOCKED",
        Map.of("now", utc(now), "seen", seen.toArray(String[]::new)));
  }

  /** The staff's call list: every unanswered row whose visit is still to come, soonest first. */
  public List<AffectedPatient> callList(Instant now) {
    List<AffectedPatient> rows =
        jdbc.sql(
                "SELECT "
                    + PATIENT_COLUMNS
                    + " FROM disruption_patient WHERE state = 'unanswered' AND original_end > :now"
                    + " ORDER BY original_start, appointment_id")
            .param("now", utc(now))
            .query(DisruptionStore::row)
            .list();
    return withOffers(rows);
  }

  public void setAction(UUID disruption, AppointmentId appointment, Action action, Instant now) {
    jdbc.sql(
            "UPDATE disruption_patient SET action = :action, updated_at = :now"
                + " WHERE disruption_id = :d AND appointment_id = :a")
        .param("action", action.code())
        .param("now", utc(now))
        .param("d", disruption)
        .param("a", appointment.value())
        .update();
  }

  /** Planned rows become pending: the next pass contacts them. */
  public int release(UUID disruption, Instant now) {
    return jdbc.sql(
            "UPDATE disruption_patient SET state = 'pending', updated_at = :now"
                + " WHERE disruption_id = :d AND state = 'planned'")
        .param("now", utc(now))
        .param("d", disruption)
        .update();
  }

  public void offered(
      AffectedPatient row, List<OfferedTime> offers, Instant escalateAt, int rounds, Instant now) {
    deleteOffers(row.disruption(), row.appointment());
    for (OfferedTime o : offers) {
      jdbc.sql(
              """
              INSERT INTO disruption_offer (hold_id, disruption_id, appointment_id, position,
                                            starts_at, provider_id)
              VALUES (:hold, :d, :a, :position, :start, :provider)
              """)
          .param("hold", o.hold().value())
          .param("d", row.disruption())
          .param("a", row.appointment().value())
          .param("position", o.position())
          .param("start", utc(o.start()))
          .param("provider", o.provider().value())
          .update();
    }
    jdbc.sql(
            "UPDATE disruption_patient SET state = 'offered', escalate_at = :escalate,"
                + " rounds = :rounds, escalation = NULL, updated_at = :now"
                + " WHERE disruption_id = :d AND appointment_id = :a")
        .param("escalate", utc(escalateAt))
        .param("rounds", rounds)
        .param("now", utc(now))
        .param("d", row.disruption())
        .param("a", row.appointment().value())
        .update();
  }

  public void reached(
      UUID disruption, AppointmentId appointment, @Nullable String channel, Instant at) {
    jdbc.sql(
            "UPDATE disruption_patient SET reached_at = coalesce(reached_at, :at),"
                + " channel = coalesce(:channel, channel), updated_at = :at"
                + " WHERE disruption_id = :d AND appointment_id = :a")
        .param("at", utc(at))
        .param("channel", channel)
        .param("d", disruption)
        .param("a", appointment.value())
        .update();
  }

  /** Moves the row to {@code state}, recording the new time when rebooked. */
  public void close(
      AffectedPatient row,
      State state,
      @Nullable String escalation,
      @Nullable Instant newStart,
      @Nullable ProviderId newProvider,
      boolean answered,
      Instant now) {
    jdbc.sql(
            """
            UPDATE disruption_patient
               SET state = :state, escalation = coalesce(:escalation, escalation),
                   new_start = :newStart, new_provider_id = :newProvider,
                   answered_at = CASE WHEN :answered THEN coalesce(answered_at, :now)
                                      ELSE answered_at END,
                   updated_at = :now
             WHERE disruption_id = :d AND appointment_id = :a
            """)
        .param("state", state.code())
        .param("escalation", escalation)
        .param("newStart", newStart == null ? null : utc(newStart))
        .param("newProvider", newProvider == null ? null : newProvider.value())
        .param("answered", answered)
        .param("now", utc(now))
        .param("d", row.disruption())
        .param("a", row.appointment().value())
        .update();
  }

  public void deleteOffers(UUID disruption, AppointmentId appointment) {
    jdbc.sql("DELETE FROM disruption_offer WHERE disruption_id = :d AND appointment_id = :a")
        .param("d", disruption)
        .param("a", appointment.value())
        .update();
  }

  public List<AffectedPatient> ofPatient(PatientId patient) {
    List<AffectedPatient> rows =
        jdbc.sql(
                "SELECT "
                    + PATIENT_COLUMNS
                    + " FROM disruption_patient WHERE patient_id = :p ORDER BY original_start")
            .param("p", patient.value())
            .query(DisruptionStore::row)
            .list();
    return withOffers(rows);
  }

  /** The rows of an erased patient go: the disruption keeps its counts of the others. */
  public int forget(Collection<PatientId> patients) {
    if (patients.isEmpty()) {
      return 0;
    }
    return jdbc.sql("DELETE FROM disruption_patient WHERE patient_id = ANY (:ids)")
        .param("ids", patients.stream().map(PatientId::value).toArray(UUID[]::new))
        .update();
  }

  // ------------------------------------------------------------------------------ mapping

  private Optional<AffectedPatient> one(String sql, Map<String, ?> params) {
    var spec = jdbc.sql(sql);
    for (var e : params.entrySet()) {
      spec = spec.param(e.getKey(), e.getValue());
    }
    List<AffectedPatient> rows = spec.query(DisruptionStore::row).list();
    return withOffers(rows).stream().findFirst();
  }

  private List<AffectedPatient> withOffers(List<AffectedPatient> rows) {
    if (rows.isEmpty()) {
      return List.of();
    }
    Map<String, List<OfferedTime>> offers = new LinkedHashMap<>();
    jdbc.sql("SELECT * FROM disruption_offer WHERE appointment_id = ANY (:a) ORDER BY position")
        .param("a", rows.stream().map(r -> r.appointment().value()).toArray(UUID[]::new))
        .query(
            (rs, n) -> {
              offers
                  .computeIfAbsent(
                      rs.getObject("disruption_id") + ":" + rs.getObject("appointment_id"),
                      k -> new ArrayList<>())
                  .add(
                      new OfferedTime(
                          rs.getInt("position"),
                          AppointmentId.of(rs.getObject("hold_id", UUID.class)),
                          instant(rs, "starts_at"),
                          ProviderId.of(rs.getObject("provider_id", UUID.class))));
              return null;
            })
        .list();
    return rows.stream()
        .map(
            r ->
                r.withOffers(
                    offers.getOrDefault(r.disruption() + ":" + r.appointment().value(), List.of())))
        .toList();
  }

  private static AffectedPatient row(ResultSet rs, int n) throws SQLException {
    UUID newProvider = rs.getObject("new_provider_id", UUID.class);
    return new AffectedPatient(
        rs.getObject("disruption_id", UUID.class),
        AppointmentId.of(rs.getObject("appointment_id", UUID.class)),
        PatientId.of(rs.getObject("patient_id", UUID.class)),
        instant(rs, "original_start"),
        instant(rs, "original_end"),
        Action.ofCode(rs.getString("action")).orElseThrow(),
        State.ofCode(rs.getString("state")),
        rs.getString("channel"),
        rs.getBoolean("consent"),
        nullableInstant(rs, "reached_at"),
        nullableInstant(rs, "answered_at"),
        nullableInstant(rs, "escalate_at"),
        rs.getString("escalation"),
        nullableInstant(rs, "new_start"),
        newProvider == null ? null : ProviderId.of(newProvider),
        rs.getInt("rounds"),
        List.of());
  }

  private static Disruption disruption(ResultSet rs, int n) throws SQLException {
    return new Disruption(
        rs.getObject("id", UUID.class),
        ProviderId.of(rs.getObject("provider_id", UUID.class)),
        instant(rs, "starts_at"),
        instant(rs, "ends_at"),
        Reason.ofCode(rs.getString("reason")).orElseThrow(),
        rs.getString("note"),
        Action.ofCode(rs.getString("default_action")).orElseThrow(),
        rs.getObject("time_off_id", UUID.class),
        rs.getString("source"),
        rs.getString("created_by"),
        instant(rs, "created_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t.toInstant();
  }

  private static @Nullable Instant nullableInstant(ResultSet rs, String column)
      throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }

  private static java.time.OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
