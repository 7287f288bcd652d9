package org.accueil.integration.fhir;

import static org.accueil.integration.fhir.AppointmentPush.APPOINTMENT;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.integration.fhir.Conflicts.Flag;
import org.accueil.integration.fhir.ReconciliationReport.Drift;
import org.accueil.integration.mapping.IntegrationLink;
import org.accueil.integration.outbox.Outbox;
import org.accueil.platform.Actor;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.practice.PracticeDirectory;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Commands.AppointmentQuery;
import org.accueil.scheduling.Source;
import org.hl7.fhir.r4.model.Bundle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Compares a window of days with the EHR and repairs what is safe: ours missing there, or cancelled
 * here and not there, are sent again; the EHR's cancellations and its own appointments we lack are
 * applied again through the same code as its notifications. A time that differs on one of ours is
 * flagged for staff, never changed. One run at a time across nodes.
 */
@Service
public class Reconciliation {

  private static final Logger log = LoggerFactory.getLogger(Reconciliation.class);

  /** A run older than this was left by a node that died: it no longer blocks new runs. */
  private static final Duration ABANDONED = Duration.ofMinutes(30);

  private static final int MAX_PAGES = 200;

  private final Appointments appointments;
  private final PracticeDirectory practice;
  private final EhrLinks links;
  private final FhirEhr ehr;
  private final FhirInbox inbox;
  private final Conflicts conflicts;
  private final ObjectProvider<Outbox> outbox;
  private final FhirConnectorProperties properties;
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final Clock clock;
  private final TransactionTemplate transactions;

  Reconciliation(
      Appointments appointments,
      PracticeDirectory practice,
      EhrLinks links,
      FhirEhr ehr,
      FhirInbox inbox,
      Conflicts conflicts,
      ObjectProvider<Outbox> outbox,
      FhirConnectorProperties properties,
      JdbcClient jdbc,
      JsonMapper json,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.appointments = appointments;
    this.practice = practice;
    this.links = links;
    this.ehr = ehr;
    this.inbox = inbox;
    this.conflicts = conflicts;
    this.outbox = outbox;
    this.properties = properties;
    this.jdbc = jdbc;
    this.json = json;
    this.clock = clock;
    this.transactions = new TransactionTemplate(transactions);
  }

  /** Runs one comparison of the configured window, from today in the practice's zone. */
  public ReconciliationReport run(String requestedBy) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), zone());
    return run(requestedBy, today, today.plusDays(properties.reconciliation().days()));
  }

  /**
   * @param from the first day compared
   * @param to the last day compared (inclusive)
   */
  public ReconciliationReport run(String requestedBy, LocalDate from, LocalDate to) {
    if (!properties.active()) {
      throw ProblemException.of(HttpStatus.CONFLICT, "fhir-connector-disabled")
          .detail("The FHIR connector is not enabled: there is no EHR to compare with.")
          .build();
    }
    UUID id = start(requestedBy, from, to);
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<Drift> drift = new ArrayList<>();
    try {
      compare(from, to, counts, drift);
      finish(id, "done", counts, drift, null);
    } catch (RuntimeException e) {
      log.warn("Reconciliation {} failed: {}", id, e.toString());
      finish(id, "failed", counts, drift, e.toString());
    }
    return find(id).orElseThrow();
  }

  private void compare(
      LocalDate from, LocalDate to, Map<String, Integer> counts, List<Drift> drift) {
    ZoneId zone = zone();
    Instant start = from.atStartOfDay(zone).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
    String appointmentSystem = properties.identifiers().appointment();

    List<Appointment> ours =
        appointments.list(new AppointmentQuery(start, end, null, null, null, 50_000));
    List<org.hl7.fhir.r4.model.Appointment> theirs = theirs(start, end);
    counts.put("ours", ours.size());
    counts.put("theirs", theirs.size());

    Map<String, org.hl7.fhir.r4.model.Appointment> byId = new HashMap<>();
    Map<UUID, org.hl7.fhir.r4.model.Appointment> byOurs = new HashMap<>();
    for (var appointment : theirs) {
      byId.put(appointment.getIdElement().getIdPart(), appointment);
      EhrResources.ours(appointment, appointmentSystem)
          .flatMap(EhrChanges::uuid)
          .ifPresent(u -> byOurs.put(u, appointment));
    }

    int inStep = 0;
    for (Appointment appointment : ours) {
      if (appointment.source() == Source.EHR) {
        continue;
      }
      UUID id = appointment.id().value();
      Optional<IntegrationLink> link = links.byLocal(EhrLinks.APPOINTMENT, id);
      var remote =
          Optional.ofNullable(byOurs.get(id))
              .or(() -> link.map(l -> byId.get(l.remoteId())))
              .or(() -> link.flatMap(l -> read(l.remoteId())));
      boolean occupies = appointment.status().occupiesTime();
      if (remote.isEmpty()) {
        if (occupies) {
          resend(appointment);
          drift.add(
              new Drift(
                  "missing-there", id, null, "re-sent", "The EHR does not hold this appointment."));
        } else {
          inStep++;
        }
        continue;
      }
      var there = remote.get();
      String remoteId = there.getIdElement().getIdPart();
      AppointmentStatus status = EhrChanges.status(there);
      boolean occupiesThere = status.occupiesTime() || status == AppointmentStatus.NOSHOW;
      if (occupies && !occupiesThere) {
        inbox.storeChanged(APPOINTMENT, remoteId, FhirInbox.Source.RECONCILIATION);
        drift.add(
            new Drift(
                "cancelled-there",
                id,
                remoteId,
                "re-applied",
                "Cancelled in the EHR, not in Accueil: the cancellation is applied."));
      } else if (!occupies && occupiesThere && appointment.status() != AppointmentStatus.NOSHOW) {
        resend(appointment);
        drift.add(
            new Drift(
                "cancelled-here",
                id,
                remoteId,
                "re-sent",
                "Cancelled in Accueil, still " + status.code() + " in the EHR."));
      } else if (occupies && differentTime(there, appointment)) {
        conflicts.flag(
            new Flag(
                Conflict.TIME_DIFFERS,
                id,
                appointment.provider().value(),
                APPOINTMENT,
                remoteId,
                EhrChanges.version(there),
                EhrChanges.start(there),
                EhrChanges.end(there),
                "The EHR holds this appointment at "
                    + EhrChanges.start(there)
                    + ", Accueil at "
                    + appointment.start()
                    + ". Accueil keeps its time; change one side so they agree."));
        drift.add(new Drift("time-differs", id, remoteId, "flagged", "Times differ."));
      } else {
        inStep++;
      }
    }

    Map<UUID, Appointment> oursById = new HashMap<>();
    ours.forEach(a -> oursById.put(a.id().value(), a));
    for (var there : theirs) {
      if (EhrResources.ours(there, appointmentSystem).isPresent()) {
        continue;
      }
      String remoteId = there.getIdElement().getIdPart();
      AppointmentStatus status = EhrChanges.status(there);
      boolean occupiesThere = status.occupiesTime() && status != AppointmentStatus.PROPOSED;
      Optional<IntegrationLink> link = links.byRemote(EhrLinks.APPOINTMENT, remoteId);
      Optional<Appointment> copy =
          link.map(l -> oursById.get(l.localId()))
              .or(
                  () ->
                      link.flatMap(
                          l ->
                              appointments.find(
                                  org.accueil.scheduling.AppointmentId.of(l.localId()))));
      if (copy.isEmpty()) {
        if (occupiesThere) {
          inbox.storeChanged(APPOINTMENT, remoteId, FhirInbox.Source.RECONCILIATION);
          drift.add(
              new Drift(
                  "missing-here",
                  null,
                  remoteId,
                  "re-applied",
                  "Booked in the EHR, not blocking its time in Accueil."));
        } else {
          inStep++;
        }
        continue;
      }
      boolean occupiesHere = copy.get().status().occupiesTime();
      if (occupiesHere && !occupiesThere) {
        inbox.storeChanged(APPOINTMENT, remoteId, FhirInbox.Source.RECONCILIATION);
        drift.add(
            new Drift(
                "cancelled-there",
                copy.get().id().value(),
                remoteId,
                "re-applied",
                "Cancelled in the EHR, still blocking its time in Accueil."));
      } else if (occupiesThere && !occupiesHere) {
        resend(copy.get());
        drift.add(
            new Drift(
                "cancelled-here",
                copy.get().id().value(),
                remoteId,
                "re-sent",
                "Cancelled in Accueil, still " + status.code() + " in the EHR."));
      } else if (occupiesHere && differentTime(there, copy.get())) {
        inbox.storeChanged(APPOINTMENT, remoteId, FhirInbox.Source.RECONCILIATION);
        drift.add(
            new Drift(
                "moved-there",
                copy.get().id().value(),
                remoteId,
                "re-applied",
                "Moved in the EHR: Accueil's copy follows."));
      } else {
        inStep++;
      }
    }
    counts.put("inStep", inStep);
    for (Drift d : drift) {
      counts.merge(d.kind(), 1, Integer::sum);
    }
  }

  /** The EHR's appointments starting in the window, page by page. */
  private List<org.hl7.fhir.r4.model.Appointment> theirs(Instant start, Instant end) {
    DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT;
    Bundle page =
        ehr.client()
            .search()
            .byUrl(
                "Appointment?date=ge"
                    + iso.format(start)
                    + "&date=lt"
                    + iso.format(end)
                    + "&_count="
                    + properties.polling().pageSize())
            .returnBundle(Bundle.class)
            .execute();
    List<org.hl7.fhir.r4.model.Appointment> found = new ArrayList<>();
    for (int pages = 1; ; pages++) {
      for (var entry : page.getEntry()) {
        if (entry.getResource() instanceof org.hl7.fhir.r4.model.Appointment a) {
          found.add(a);
        }
      }
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return found;
      }
      if (pages == MAX_PAGES) {
        throw new IllegalStateException(
            "The EHR returned more than " + MAX_PAGES + " pages: narrow the window");
      }
      page = ehr.client().loadPage().next(page).execute();
    }
  }

  private Optional<org.hl7.fhir.r4.model.Appointment> read(String remoteId) {
    try {
      return Optional.of(
          ehr.client()
              .read()
              .resource(org.hl7.fhir.r4.model.Appointment.class)
              .withId(remoteId)
              .execute());
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      return Optional.empty();
    }
  }

  private void resend(Appointment appointment) {
    Outbox target = outbox.getIfAvailable();
    if (target == null) {
      throw new IllegalStateException("No outbox in this application: nothing can be re-sent");
    }
    transactions.executeWithoutResult(
        status ->
            target.enqueue(
                FhirConnectorProperties.SYSTEM,
                "appointment:" + appointment.id().value(),
                "appointment.reconciled",
                Map.of("appointmentId", appointment.id().value().toString())));
  }

  private static boolean differentTime(org.hl7.fhir.r4.model.Appointment theirs, Appointment ours) {
    Instant start = EhrChanges.start(theirs);
    Instant end = EhrChanges.end(theirs);
    return start != null && end != null && (!start.equals(ours.start()) || !end.equals(ours.end()));
  }

  private ZoneId zone() {
    return practice.snapshot().locations().stream()
        .map(l -> l.zone())
        .findFirst()
        .orElse(ZoneOffset.UTC);
  }

  // ------------------------------------------------------------------------------ reports

  private UUID start(String requestedBy, LocalDate from, LocalDate to) {
    Instant now = clock.instant();
    // A run its node never finished (it died) stops blocking new ones after a while.
    jdbc.sql(
            """
            UPDATE fhir_reconciliation SET status = 'failed', finished_at = :now,
                   error = 'abandoned: its node stopped before it finished'
             WHERE status = 'running' AND started_at < :abandoned
            """)
        .param("now", now.atOffset(ZoneOffset.UTC))
        .param("abandoned", now.minus(ABANDONED).atOffset(ZoneOffset.UTC))
        .update();
    UUID id = Ids.newId();
    try {
      jdbc.sql(
              """
              INSERT INTO fhir_reconciliation (id, requested_by, window_from, window_to, status,
                                               started_at)
              VALUES (:id, :by, :from, :to, 'running', :now)
              """)
          .param("id", id)
          .param("by", requestedBy)
          .param("from", from)
          .param("to", to)
          .param("now", now.atOffset(ZoneOffset.UTC))
          .update();
    } catch (DuplicateKeyException e) {
      throw ProblemException.of(HttpStatus.CONFLICT, "reconciliation-running")
          .detail("A reconciliation is running already; its report will be in the list shortly.")
          .build();
    }
    return id;
  }

  private void finish(
      UUID id,
      String status,
      Map<String, Integer> counts,
      List<Drift> drift,
      @Nullable String error) {
    jdbc.sql(
            """
            UPDATE fhir_reconciliation
               SET status = :status, finished_at = :now, counts = CAST(:counts AS jsonb),
                   drift = CAST(:drift AS jsonb), error = :error
             WHERE id = :id
            """)
        .param("id", id)
        .param("status", status)
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .param("counts", json.writeValueAsString(counts))
        .param("drift", json.writeValueAsString(drift))
        .param("error", error)
        .update();
  }

  public List<ReconciliationReport> recent(int limit) {
    return jdbc.sql("SELECT * FROM fhir_reconciliation ORDER BY started_at DESC LIMIT :limit")
        .param("limit", limit)
        .query(report())
        .list();
  }

  public Optional<ReconciliationReport> find(UUID id) {
    return jdbc.sql("SELECT * FROM fhir_reconciliation WHERE id = :id")
        .param("id", id)
        .query(report())
        .optional();
  }

  private RowMapper<ReconciliationReport> report() {
    return (rs, n) ->
        new ReconciliationReport(
            rs.getObject("id", UUID.class),
            rs.getString("requested_by"),
            rs.getObject("window_from", LocalDate.class),
            rs.getObject("window_to", LocalDate.class),
            rs.getString("status"),
            rs.getTimestamp("started_at").toInstant(),
            rs.getTimestamp("finished_at") == null
                ? null
                : rs.getTimestamp("finished_at").toInstant(),
            json.readValue(rs.getString("counts"), new TypeReference<Map<String, Integer>>() {}),
            json.readValue(rs.getString("drift"), new TypeReference<List<Drift>>() {}),
            rs.getString("error"));
  }

  static String scheduledBy() {
    return Actor.system("fhir-reconciliation").reference();
  }
}
