package org.accueil.integration.fhir;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.scheduling.AppointmentCancelled;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The conflicts between Accueil and the EHR that staff settle: flagged by the connector, listed and
 * resolved through the API. Nobody is moved or cancelled by the connector on its own when both
 * sides booked the same time: both appointments stay, and a person chooses.
 */
@Service
public class Conflicts {

  private static final Logger log = LoggerFactory.getLogger(Conflicts.class);

  /** What staff may answer to each kind. */
  private static final Map<String, Set<String>> RESOLUTIONS =
      Map.of(
          Conflict.DOUBLE_BOOKED, Set.of("keep-both", "cancel-ours", "cancel-theirs-noted"),
          Conflict.TIME_DIFFERS, Set.of("dismissed"),
          Conflict.UNMAPPED, Set.of("retried", "dismissed"),
          Conflict.NOT_APPLIED, Set.of("retried", "dismissed"));

  private static final RowMapper<Conflict> CONFLICT =
      (rs, n) ->
          new Conflict(
              rs.getObject("id", UUID.class),
              rs.getString("kind"),
              rs.getString("status"),
              rs.getObject("appointment_id", UUID.class),
              rs.getObject("provider_id", UUID.class),
              rs.getString("remote_type"),
              rs.getString("remote_id"),
              rs.getString("remote_version"),
              instant(rs.getTimestamp("starts_at")),
              instant(rs.getTimestamp("ends_at")),
              rs.getString("detail"),
              rs.getTimestamp("detected_at").toInstant(),
              rs.getString("resolution"),
              instant(rs.getTimestamp("resolved_at")),
              rs.getString("resolved_by"),
              rs.getString("note"));

  private final JdbcClient jdbc;
  private final Clock clock;
  private final Appointments appointments;
  private final FhirInbox inbox;
  private final Audit audit;

  Conflicts(JdbcClient jdbc, Clock clock, Appointments appointments, FhirInbox inbox, Audit audit) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.appointments = appointments;
    this.inbox = inbox;
    this.audit = audit;
  }

  /** A new conflict; one already open for the same resource and kind is kept as it is. */
  record Flag(
      String kind,
      @Nullable UUID appointment,
      @Nullable UUID provider,
      String remoteType,
      String remoteId,
      @Nullable String remoteVersion,
      @Nullable Instant start,
      @Nullable Instant end,
      String detail) {}

  @Transactional
  public boolean flag(Flag flag) {
    boolean flagged =
        jdbc.sql(
                    """
                INSERT INTO integration_conflict
                  (id, system, kind, appointment_id, provider_id, remote_type, remote_id,
                   remote_version, starts_at, ends_at, detail, detected_at)
                VALUES (:id, :system, :kind, :appointment, :provider, :remoteType, :remoteId,
                        :version, :start, :end, :detail, :now)
                ON CONFLICT DO NOTHING
                """)
                .param("id", Ids.newId())
                .param("system", FhirConnectorProperties.SYSTEM)
                .param("kind", flag.kind())
                .param("appointment", flag.appointment())
                .param("provider", flag.provider())
                .param("remoteType", flag.remoteType())
                .param("remoteId", flag.remoteId())
                .param("version", flag.remoteVersion())
                .param("start", flag.start() == null ? null : flag.start().atOffset(ZoneOffset.UTC))
                .param("end", flag.end() == null ? null : flag.end().atOffset(ZoneOffset.UTC))
                .param(
                    "detail",
                    flag.detail().length() > 1000
                        ? flag.detail().substring(0, 1000)
                        : flag.detail())
                .param("now", clock.instant().atOffset(ZoneOffset.UTC))
                .update()
            == 1;
    if (flagged) {
      log.warn(
          "EHR conflict ({}) on {}/{}: {}",
          flag.kind(),
          flag.remoteType(),
          flag.remoteId(),
          flag.detail());
    }
    return flagged;
  }

  /**
   * Closes what is open about this EHR resource because the situation settled by itself (the EHR
   * cancelled its appointment, it could be applied after all).
   */
  @Transactional
  public int settledByItself(String remoteType, String remoteId, String note) {
    return jdbc.sql(
            """
            UPDATE integration_conflict
               SET status = 'resolved', resolution = 'dismissed', resolved_at = :now,
                   resolved_by = :by, note = :note
             WHERE system = :system AND remote_type = :type AND remote_id = :id
               AND status = 'open'
            """)
        .param("system", FhirConnectorProperties.SYSTEM)
        .param("type", remoteType)
        .param("id", remoteId)
        .param("by", Actor.current().reference())
        .param("note", note)
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .update();
  }

  public List<Conflict> list(@Nullable String status, int limit) {
    return jdbc.sql(
            """
            SELECT * FROM integration_conflict
             WHERE system = :system AND (CAST(:status AS text) IS NULL OR status = :status)
             ORDER BY detected_at DESC, id LIMIT :limit
            """)
        .param("system", FhirConnectorProperties.SYSTEM)
        .param("status", status)
        .param("limit", limit)
        .query(CONFLICT)
        .list();
  }

  public Optional<Conflict> find(UUID id) {
    return jdbc.sql("SELECT * FROM integration_conflict WHERE id = :id")
        .param("id", id)
        .query(CONFLICT)
        .optional();
  }

  /**
   * Settles a conflict as staff decided. {@code cancel-ours} cancels our appointment (the EHR hears
   * of it, and theirs then blocks the time in Accueil); {@code retried} applies the EHR's resource
   * again (after a mapping was added); the others only record the decision.
   */
  /** What staff may answer to a conflict of this kind. */
  public static Set<String> resolutionsOf(String kind) {
    return RESOLUTIONS.getOrDefault(kind, Set.of("dismissed"));
  }

  @Transactional
  public Conflict resolve(UUID id, String resolution, @Nullable String note) {
    Conflict conflict =
        jdbc.sql("SELECT * FROM integration_conflict WHERE id = :id FOR UPDATE")
            .param("id", id)
            .query(CONFLICT)
            .optional()
            .orElseThrow(() -> ProblemException.notFound("integration-conflict", id));
    if (!conflict.status().equals("open")) {
      throw ProblemException.of(HttpStatus.CONFLICT, "conflict-already-resolved")
          .detail(
              "This conflict was already resolved ({0}, by {1}).",
              conflict.resolution(), conflict.resolvedBy())
          .build();
    }
    Set<String> allowed = RESOLUTIONS.getOrDefault(conflict.kind(), Set.of("dismissed"));
    if (!allowed.contains(resolution)) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "conflict-resolution-invalid")
          .detail(
              "A {0} conflict is resolved with one of: {1}.",
              conflict.kind(), String.join(", ", allowed.stream().sorted().toList()))
          .with("field", "resolution")
          .build();
    }
    Actor actor = Actor.current();
    switch (resolution) {
      case "cancel-ours" -> {
        if (conflict.appointment() != null) {
          var ours = appointments.find(AppointmentId.of(conflict.appointment()));
          if (ours.isPresent() && ours.get().status() != AppointmentStatus.CANCELLED) {
            // The cancellation listener below feeds the EHR's appointment in again.
            appointments.cancel(
                new CancelAppointment(
                    AppointmentId.of(conflict.appointment()),
                    "Conflict with the EHR, settled by staff",
                    actor.reference()));
          }
        }
      }
      case "retried" ->
          inbox.storeChanged(
              conflict.remoteType(), conflict.remoteId(), FhirInbox.Source.RECONCILIATION);
      default -> {}
    }
    jdbc.sql(
            """
            UPDATE integration_conflict
               SET status = 'resolved', resolution = :resolution, resolved_at = :now,
                   resolved_by = :by, note = :note
             WHERE id = :id AND status = 'open'
            """)
        .param("id", id)
        .param("resolution", resolution)
        .param("by", actor.reference())
        .param("note", note)
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .update();
    audit.success(
        "integration.conflict.resolve",
        "integration-conflict",
        id,
        Map.of("kind", conflict.kind(), "resolution", resolution));
    return find(id).orElseThrow();
  }

  /**
   * One of ours in the way of an EHR appointment was cancelled (by staff settling the conflict, by
   * the patient, by anyone): the EHR's appointment is applied again and now blocks the time, so the
   * slot is not offered while the EHR holds it.
   */
  @EventListener
  void on(AppointmentCancelled event) {
    List<String> theirs =
        jdbc.sql(
                """
                SELECT remote_id FROM integration_conflict
                 WHERE system = :system AND kind = 'double-booked' AND appointment_id = :id
                   AND remote_type = 'Appointment'
                   AND (status = 'open' OR resolution IN ('keep-both', 'cancel-ours'))
                """)
            .param("system", FhirConnectorProperties.SYSTEM)
            .param("id", event.appointment().value())
            .query(String.class)
            .list();
    theirs.forEach(
        remote -> inbox.storeChanged("Appointment", remote, FhirInbox.Source.RECONCILIATION));
  }

  private static @Nullable Instant instant(java.sql.@Nullable Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
