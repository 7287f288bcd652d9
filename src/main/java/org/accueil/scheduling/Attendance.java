package org.accueil.scheduling;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.jdbc.AppointmentRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Whether patients said they will come: confirmations recorded from a reply or by the front desk,
 * the appointments still unconfirmed the day before, and what became of each appointment of a
 * period (for the reports). A moved appointment must be confirmed again.
 */
@Service
public class Attendance {

  /**
   * What became of one appointment.
   *
   * @param confirmedAt when the patient said they would come, or null
   */
  public record Outcome(
      AppointmentId appointment,
      PatientId patient,
      AppointmentTypeId type,
      ProviderId provider,
      Instant start,
      AppointmentStatus status,
      Source source,
      @Nullable Instant confirmedAt) {}

  private final JdbcClient jdbc;
  private final AppointmentRepository repository;
  private final PracticeDirectory practice;
  private final ApplicationEventPublisher events;
  private final Audit audit;
  private final java.time.Clock clock;

  Attendance(
      JdbcClient jdbc,
      AppointmentRepository repository,
      PracticeDirectory practice,
      ApplicationEventPublisher events,
      Audit audit,
      java.time.Clock clock) {
    this.jdbc = jdbc;
    this.repository = repository;
    this.practice = practice;
    this.events = events;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Records that the patient will come. Confirming again changes nothing; a cancelled or past
   * appointment cannot be confirmed.
   *
   * @param by {@code patient} when the patient said so, else the staff member's reference
   */
  @Transactional
  public Appointment confirm(AppointmentId id, String by) {
    var row =
        repository
            .lock(id.value())
            .filter(r -> !r.isHold())
            .orElseThrow(() -> ProblemException.notFound("appointment", id));
    Instant now = clock.instant();
    AppointmentStatus status = AppointmentStatus.ofCode(row.status());
    if (status != AppointmentStatus.BOOKED && status != AppointmentStatus.PENDING) {
      throw ProblemException.of(HttpStatus.CONFLICT, "cannot-confirm")
          .detail(
              "This appointment is {0}; only a coming appointment can be confirmed.", status.code())
          .with("status", status.code())
          .build();
    }
    if (!row.start().isAfter(now)) {
      throw ProblemException.of(HttpStatus.CONFLICT, "cannot-confirm")
          .messageCode("problem.cannot-confirm.begun")
          .detail("This appointment has begun; only a coming appointment can be confirmed.")
          .build();
    }
    boolean changed =
        jdbc.sql(
                    """
                UPDATE appointment SET confirmed_at = :now, confirmed_by = :by, updated_at = :now
                 WHERE id = :id AND confirmed_at IS NULL
                """)
                .param("id", id.value())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .param("by", by)
                .update()
            == 1;
    if (changed) {
      audit.success(
          "appointment.confirmed",
          "appointment",
          id.value(),
          Map.of("patient", row.patientId(), "by", by));
      events.publishEvent(new AppointmentConfirmed(id, PatientId.of(row.patientId()), by, now));
    }
    return AppointmentRows.appointment(
        repository.find(id.value()).orElseThrow(), practice.snapshot());
  }

  /** When the patient confirmed, if they have (since the last move). */
  public Optional<Instant> confirmedAt(AppointmentId id) {
    return jdbc.sql("SELECT confirmed_at FROM appointment WHERE id = :id")
        .param("id", id.value())
        .query((rs, n) -> Optional.ofNullable(rs.getObject(1, java.time.OffsetDateTime.class)))
        .optional()
        .flatMap(o -> o.map(java.time.OffsetDateTime::toInstant));
  }

  /** Booked appointments starting in [from, to) the patient has not confirmed, as they start. */
  public List<Appointment> unconfirmed(Instant from, Instant to) {
    var snapshot = practice.snapshot();
    return jdbc
        .sql(
            """
            SELECT * FROM appointment
             WHERE status = 'booked' AND confirmed_at IS NULL
               AND starts_at >= :from AND starts_at < :to
             ORDER BY starts_at, id
            """)
        .param("from", from.atOffset(ZoneOffset.UTC))
        .param("to", to.atOffset(ZoneOffset.UTC))
        .query(AppointmentRepository::row)
        .list()
        .stream()
        .map(row -> AppointmentRows.appointment(row, snapshot))
        .toList();
  }

  /** Every appointment (holds excepted) starting in [from, to): what the reports count. */
  public List<Outcome> outcomes(Instant from, Instant to) {
    return jdbc.sql(
            """
            SELECT id, patient_id, appointment_type_id, provider_id, starts_at, status, source,
                   confirmed_at
              FROM appointment
             WHERE status <> 'proposed' AND starts_at >= :from AND starts_at < :to
            """)
        .param("from", from.atOffset(ZoneOffset.UTC))
        .param("to", to.atOffset(ZoneOffset.UTC))
        .query(
            (rs, n) -> {
              var confirmed = rs.getObject("confirmed_at", java.time.OffsetDateTime.class);
              return new Outcome(
                  AppointmentId.of(rs.getObject("id", UUID.class)),
                  PatientId.of(rs.getObject("patient_id", UUID.class)),
                  AppointmentTypeId.of(rs.getObject("appointment_type_id", UUID.class)),
                  ProviderId.of(rs.getObject("provider_id", UUID.class)),
                  rs.getObject("starts_at", java.time.OffsetDateTime.class).toInstant(),
                  AppointmentStatus.ofCode(rs.getString("status")),
                  Source.ofCode(rs.getString("source")),
                  confirmed == null ? null : confirmed.toInstant());
            })
        .list();
  }

  /** A confirmation was for the old time: the patient confirms the new one again. */
  @EventListener
  void on(AppointmentRescheduled moved) {
    jdbc.sql("UPDATE appointment SET confirmed_at = NULL, confirmed_by = NULL WHERE id = :id")
        .param("id", moved.appointment().value())
        .update();
  }
}
