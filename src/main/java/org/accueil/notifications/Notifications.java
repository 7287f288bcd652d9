package org.accueil.notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.notifications.internal.Dispatcher;
import org.accueil.notifications.internal.NotificationStore;
import org.accueil.notifications.internal.NotificationStore.Planned;
import org.accueil.notifications.internal.Reports;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notifications module's front door: what was and will be sent, a "your results are ready"
 * notice, and sending what is due now.
 */
@Service
public class Notifications {

  /** A results notice still unsent after this is of no use: the patient will have called. */
  static final Duration RESULTS_USEFUL_FOR = Duration.ofDays(3);

  private final NotificationStore store;
  private final Dispatcher dispatcher;
  private final Reports reports;
  private final Patients patients;
  private final NotificationsProperties properties;
  private final Audit audit;
  private final java.time.Clock clock;

  Notifications(
      NotificationStore store,
      Dispatcher dispatcher,
      Reports reports,
      Patients patients,
      NotificationsProperties properties,
      Audit audit,
      java.time.Clock clock) {
    this.store = store;
    this.dispatcher = dispatcher;
    this.reports = reports;
    this.patients = patients;
    this.properties = properties;
    this.audit = audit;
    this.clock = clock;
  }

  /** The notifications of a patient or an appointment (or all), newest first. */
  public List<Notification> list(
      @Nullable PatientId patient,
      @Nullable UUID appointment,
      @Nullable String status,
      int limit,
      int offset) {
    return store.list(patient == null ? null : patient.value(), appointment, status, limit, offset);
  }

  /** Of the appointments of the period still standing, how many the patient confirmed. */
  public Report confirmations(java.time.LocalDate from, java.time.LocalDate to) {
    return reports.confirmations(from, to);
  }

  /**
   * Of the visits of the period whose outcome is known, how many were missed, grouped {@code by}.
   */
  public Report noShows(
      java.time.LocalDate from, java.time.LocalDate to, String by, java.util.Locale language) {
    return reports.noShows(from, to, by, language);
  }

  public Notification find(UUID id) {
    return store.find(id).orElseThrow(() -> ProblemException.notFound("notification", id));
  }

  /**
   * Tells the patient their results are on the practice's portal, with its address, never the
   * results: on their preferred channel, at once (quiet hours allowing).
   */
  @Transactional
  public Notification resultsReady(PatientId patient) {
    if (properties.resultsPortalUrl() == null || properties.resultsPortalUrl().isBlank()) {
      throw ProblemException.of(HttpStatus.CONFLICT, "no-results-portal")
          .detail(
              "The practice has no results portal configured"
                  + " (accueil.notifications.results-portal-url); Accueil never sends results"
                  + " themselves, only where to read them.")
          .build();
    }
    var who = patients.visibleToCaller(patient);
    Instant now = clock.instant();
    UUID key = Ids.newId();
    UUID id =
        store.plan(
            new Planned(
                NotificationKind.RESULTS_READY,
                who.id().value(),
                null,
                "results-ready:" + key,
                now,
                now.plus(RESULTS_USEFUL_FOR),
                Map.of()));
    audit.success("notification.results-ready", "patient", who.id().value());
    dispatcher.wakeAfterCommit();
    return find(java.util.Objects.requireNonNull(id));
  }

  /**
   * Sends what is due now on the calling thread (the sweep does it every few seconds).
   *
   * @return how many were sent
   */
  public int sendDue() {
    return dispatcher.sendDue();
  }
}
