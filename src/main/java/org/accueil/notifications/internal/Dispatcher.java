package org.accueil.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.accueil.conversations.Conversations;
import org.accueil.conversations.Notice;
import org.accueil.conversations.TimelineEntry;
import org.accueil.disruptions.Disruptions;
import org.accueil.notifications.Notification;
import org.accueil.notifications.NotificationKind;
import org.accueil.notifications.NotificationPolicy;
import org.accueil.notifications.NotificationsProperties;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.AfterCommit;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.questionnaires.QuestionnaireRequest;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.satisfaction.Satisfaction;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Waitlist;
import org.accueil.scheduling.WaitlistOffer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends what is due. Each batch is claimed with {@code FOR UPDATE SKIP LOCKED} and sent in the
 * transaction that claimed it: the timeline entry and the channel's outbound row are written, and
 * the notification marked, together. Another node (or thread) skips the rows this one holds, and a
 * crash rolls the whole batch back to be claimed again: each message is queued once. Runs from
 * db-scheduler's sweep on one node at a time, and at once on the node where a change asked for a
 * confirmation.
 */
@Component
public class Dispatcher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  /** An unexpected error is retried this often, this far apart, before the row is given up. */
  static final int MOST_TRIES = 5;

  static final Duration RETRY_AFTER = Duration.ofMinutes(5);

  private final NotificationStore store;
  private final Composer composer;
  private final Conversations conversations;
  private final Appointments appointments;
  private final Waitlist waitlist;
  private final Disruptions disruptions;
  private final Questionnaires questionnaires;
  private final Satisfaction satisfaction;
  private final Patients patients;
  private final PracticeDirectory practice;
  private final Policies policies;
  private final NotificationsProperties properties;
  private final Clock clock;
  private final TransactionTemplate batch;
  private final TransactionTemplate savepoint;
  private final ExecutorService waker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "notifications-wake");
            t.setDaemon(true);
            return t;
          });
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final java.util.concurrent.locks.ReentrantLock pass =
      new java.util.concurrent.locks.ReentrantLock();

  Dispatcher(
      NotificationStore store,
      Composer composer,
      Conversations conversations,
      Appointments appointments,
      Waitlist waitlist,
      Disruptions disruptions,
      Questionnaires questionnaires,
      Satisfaction satisfaction,
      Patients patients,
      PracticeDirectory practice,
      Policies policies,
      NotificationsProperties properties,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.composer = composer;
    this.conversations = conversations;
    this.appointments = appointments;
    this.waitlist = waitlist;
    this.disruptions = disruptions;
    this.questionnaires = questionnaires;
    this.satisfaction = satisfaction;
    this.patients = patients;
    this.practice = practice;
    this.policies = policies;
    this.properties = properties;
    this.clock = clock;
    this.batch = new TransactionTemplate(transactions);
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
  }

  /** Sends what is due soon, on this node's own thread; many calls at once make one pass. */
  public void wake() {
    if (wakePending.compareAndSet(false, true)) {
      waker.execute(
          () -> {
            wakePending.set(false);
            try {
              sendDue();
            } catch (RuntimeException e) {
              log.warn("Sending notifications failed; the next sweep tries again", e);
            }
          });
    }
  }

  /** Wakes this node once the current transaction commits (at once without one). */
  public void wakeAfterCommit() {
    AfterCommit.run(this::wake);
  }

  /**
   * Sends everything due now, batch after batch.
   *
   * @return how many were sent (skipped and postponed ones not counted)
   */
  public int sendDue() {
    // One pass at a time on this node (the wake-up, the sweep, a caller): a pass that starts
    // while another runs waits for it, then sends what is left. Nodes share the rows through
    // SKIP LOCKED.
    pass.lock();
    try {
      return sendDueNow();
    } finally {
      pass.unlock();
    }
  }

  private int sendDueNow() {
    int sent = 0;
    while (true) {
      Integer[] counts = new Integer[2];
      batch.executeWithoutResult(
          status -> {
            Instant now = clock.instant();
            List<Notification> due = store.claimDue(now, properties.batchSize());
            counts[0] = due.size();
            int done = 0;
            NotificationPolicy policy = due.isEmpty() ? null : policies.current();
            for (Notification n : due) {
              if (handle(n, policy, now)) {
                done++;
              }
            }
            counts[1] = done;
          });
      sent += counts[1];
      if (counts[0] < properties.batchSize()) {
        return sent;
      }
    }
  }

  /** Sends, skips or postpones one notification; whether it was sent. */
  private boolean handle(Notification n, NotificationPolicy policy, Instant now) {
    try {
      Boolean sent = savepoint.execute(status -> decideAndSend(n, policy, now));
      return Boolean.TRUE.equals(sent);
    } catch (RuntimeException e) {
      int tries = store.tries(n.id()) + 1;
      if (tries >= MOST_TRIES) {
        log.error(
            "Notification {} ({}) given up after {} tries", n.id(), n.kind().code(), tries, e);
        store.markSkipped(n.id(), "failed: " + e.getClass().getSimpleName(), now);
      } else {
        log.warn("Notification {} failed; tried again in {}", n.id(), RETRY_AFTER, e);
        store.postpone(
            n.id(), now.plus(RETRY_AFTER), "failed: " + e.getClass().getSimpleName(), true, now);
      }
      return false;
    }
  }

  private boolean decideAndSend(Notification n, NotificationPolicy policy, Instant now) {
    PracticeSnapshot snapshot = practice.snapshot();
    Appointment a =
        n.appointmentId() == null
            ? null
            : appointments.find(AppointmentId.of(n.appointmentId())).orElse(null);
    Optional<String> skip = uselessNow(n, a, now);
    if (skip.isPresent()) {
      log.info("Notification {} ({}) skipped: {}", n.id(), n.kind().code(), skip.get());
      store.markSkipped(n.id(), skip.get(), now);
      return false;
    }
    ZoneId zone = Composer.zoneOf(a, snapshot);
    QuietHours quiet = policies.quietHours(policy);
    if (!Boolean.TRUE.equals(n.data().get("immediate")) && quiet.isQuiet(now, zone)) {
      Instant after = quiet.endOf(now, zone);
      if (n.usefulUntil() != null && after.isAfter(n.usefulUntil())) {
        log.info("Notification {} skipped: quiet hours last past its use", n.id());
        store.markSkipped(n.id(), "quiet hours until it was of no use", now);
      } else {
        store.postpone(n.id(), after, "quiet hours", false, now);
      }
      return false;
    }
    Optional<Patient> patient =
        patients
            .current(PatientId.of(n.patientId()))
            .or(() -> patients.find(PatientId.of(n.patientId())));
    if (patient.isEmpty()) {
      store.markSkipped(n.id(), "patient not found", now);
      return false;
    }
    Locale language = languageOf(patient.get(), snapshot);
    Notice notice = composer.compose(n, patient.get(), a, language, snapshot, policy);
    Optional<TimelineEntry> entry = conversations.notify(patient.get().id(), notice);
    if (entry.isEmpty()) {
      log.info("Notification {} ({}) skipped: no channel reaches the patient", n.id(), n.kind());
      store.markSkipped(n.id(), "no channel reaches the patient", now);
      if (n.kind() == NotificationKind.DISRUPTION) {
        // Staff must call: the patient goes to the call list at once.
        disruptions.unreachable(disruption(n), AppointmentId.of(n.appointmentId()));
      }
      return false;
    }
    store.markSent(n.id(), entry.get().channel(), entry.get().id(), now);
    if (n.kind() == NotificationKind.DISRUPTION && entry.get().channel() != null) {
      disruptions.reached(
          disruption(n), AppointmentId.of(n.appointmentId()), entry.get().channel().code());
    }
    if (n.kind() == NotificationKind.SATISFACTION && entry.get().channel() != null) {
      // The reports count what was asked, on which channel.
      satisfaction.asked(request(n), entry.get().channel().code());
    }
    return true;
  }

  /** Why sending it now would be of no use, if so. */
  private Optional<String> uselessNow(Notification n, @Nullable Appointment a, Instant now) {
    if (n.usefulUntil() != null && now.isAfter(n.usefulUntil())) {
      return Optional.of("too late: due " + n.dueAt() + ", of use until " + n.usefulUntil());
    }
    if (n.kind() == NotificationKind.WAITLIST_OFFER) {
      // Declined, taken or withdrawn while its message waited (quiet hours, a retry).
      return waitlist
          .findOffer(UUID.fromString(String.valueOf(n.data().get("offer"))))
          .filter(o -> o.status() != WaitlistOffer.Status.OFFERED)
          .map(o -> "offer " + o.status().code());
    }
    if (n.kind() == NotificationKind.DISRUPTION) {
      // Answered, settled or escalated while its message waited (a retry): nothing to offer.
      return disruptions.stillOffered(
              UUID.fromString(String.valueOf(n.data().get("disruption"))),
              AppointmentId.of(Objects.requireNonNull(n.appointmentId())),
              ((Number) n.data().getOrDefault("round", 1)).intValue())
          ? Optional.empty()
          : Optional.of("the offer was answered or closed");
    }
    if (n.kind() == NotificationKind.QUESTIONNAIRE
        || n.kind() == NotificationKind.QUESTIONNAIRE_REMINDER) {
      // Answered, or closed with its visit, while the message waited; or no address to link to.
      String base = properties.publicBaseUrl();
      if (base == null || base.isBlank()) {
        return Optional.of("no public-base-url for the form's link");
      }
      Optional<QuestionnaireRequest> form =
          questionnaires.request(UUID.fromString(String.valueOf(n.data().get("request"))));
      if (form.isEmpty()) {
        return Optional.of("form request not found");
      }
      return form.get().open(now)
          ? Optional.empty()
          : Optional.of("form " + form.get().status() + ", link until " + form.get().expiresAt());
    }
    if (n.kind() == NotificationKind.SATISFACTION) {
      // Answered on the e-mail's page or to an earlier question, or withdrawn for the visit's.
      return satisfaction.notToAsk(request(n));
    }
    if (n.appointmentId() == null) {
      return Optional.empty();
    }
    if (a == null) {
      return Optional.of("appointment not found");
    }
    String start = String.valueOf(n.data().get("start"));
    return switch (n.kind()) {
      case REMINDER, BOOKED, MOVED -> {
        if (a.status() != AppointmentStatus.BOOKED && a.status() != AppointmentStatus.PENDING) {
          yield Optional.of("appointment " + a.status().code());
        }
        if (!a.start().toString().equals(start)) {
          yield Optional.of("appointment moved since");
        }
        if (n.kind() == NotificationKind.REMINDER && store.laterReminderDue(n, now)) {
          yield Optional.of("superseded by a later reminder due too");
        }
        if (n.kind() == NotificationKind.REMINDER && disruptions.disrupted(a.id())) {
          // The provider cannot see the patient then: the patient has the disruption's message.
          yield Optional.of("the appointment is in a disruption");
        }
        yield Optional.empty();
      }
      case CANCELLED -> a.start().isAfter(now) ? Optional.empty() : Optional.of("visit time past");
      case AFTER_VISIT ->
          a.status() == AppointmentStatus.FULFILLED
              ? Optional.empty()
              : Optional.of("appointment " + a.status().code());
      case NO_SHOW ->
          a.status() == AppointmentStatus.NOSHOW
              ? Optional.empty()
              : Optional.of("the patient came after all");
      default -> Optional.empty();
    };
  }

  private static UUID disruption(Notification n) {
    return UUID.fromString(String.valueOf(n.data().get("disruption")));
  }

  private static UUID request(Notification n) {
    return UUID.fromString(String.valueOf(n.data().get("request")));
  }

  private static Locale languageOf(Patient patient, PracticeSnapshot snapshot) {
    if (patient.preferredLanguage() != null) {
      return Locale.forLanguageTag(patient.preferredLanguage());
    }
    List<String> languages = snapshot.profile().languages();
    return Locale.forLanguageTag(languages.isEmpty() ? "fr" : languages.getFirst());
  }

  @Override
  public void destroy() {
    waker.shutdownNow();
  }
}
