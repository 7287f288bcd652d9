package org.accueil.notifications.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.disruptions.DisruptionOffered;
import org.accueil.notifications.NotificationKind;
import org.accueil.notifications.NotificationPolicy;
import org.accueil.notifications.NotificationsProperties;
import org.accueil.notifications.internal.NotificationStore.Planned;
import org.accueil.patients.PatientsMerged;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.PracticeDirectory;
import org.accueil.questionnaires.QuestionnaireRequested;
import org.accueil.satisfaction.SatisfactionAsked;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentBooked;
import org.accueil.scheduling.AppointmentCancelled;
import org.accueil.scheduling.AppointmentRescheduled;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.AppointmentStatusChanged;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Source;
import org.accueil.scheduling.WaitlistOfferAccepted;
import org.accueil.scheduling.WaitlistOfferLapsed;
import org.accueil.scheduling.WaitlistOffered;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Plans what a change calls for, in the change's own transaction (the rows commit with it, or not
 * at all): a confirmation, the reminders, a follow-up; a move re-plans the reminders, a
 * cancellation drops them.
 */
@Component
class Planner {

  private static final Logger log = LoggerFactory.getLogger(Planner.class);

  /** A reminder that would go this soon after the confirmation adds nothing to it. */
  static final Duration NOT_RIGHT_AFTER_CONFIRMATION = Duration.ofMinutes(30);

  private final NotificationStore store;
  private final Policies policies;
  private final Appointments appointments;
  private final PracticeDirectory practice;
  private final NotificationsProperties properties;
  private final Dispatcher dispatcher;
  private final Clock clock;

  Planner(
      NotificationStore store,
      Policies policies,
      Appointments appointments,
      PracticeDirectory practice,
      NotificationsProperties properties,
      Dispatcher dispatcher,
      Clock clock) {
    this.store = store;
    this.policies = policies;
    this.appointments = appointments;
    this.practice = practice;
    this.properties = properties;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  @EventListener
  void on(AppointmentBooked booked) {
    if (!properties.enabled()) {
      return;
    }
    Instant now = clock.instant();
    Optional<Appointment> found = appointments.find(booked.appointment());
    if (found.isEmpty() || !found.get().start().isAfter(now)) {
      return; // history, or a visit already begun: nothing to tell
    }
    Appointment a = found.get();
    NotificationPolicy policy = policies.current();
    if (booked.source() != Source.EHR || policy.confirmEhrBookings()) {
      plan(NotificationKind.BOOKED, a, "booked:" + a.id().value(), now, a.start(), asked(a));
    }
    planReminders(a, policy, now);
    dispatcher.wakeAfterCommit();
  }

  @EventListener
  void on(AppointmentRescheduled moved) {
    if (!properties.enabled()) {
      return;
    }
    Instant now = clock.instant();
    store.cancelPlanned(
        moved.appointment().value(),
        EnumSet.of(NotificationKind.REMINDER, NotificationKind.BOOKED, NotificationKind.MOVED),
        "moved");
    Optional<Appointment> found = appointments.find(moved.appointment());
    if (found.isEmpty() || !found.get().start().isAfter(now)) {
      return;
    }
    Appointment a = found.get();
    plan(
        NotificationKind.MOVED,
        a,
        // The appointment's version: moved away and back again is a move of its own.
        "moved:" + a.id().value() + ":" + a.version(),
        now,
        a.start(),
        urgent(a, now) ? IMMEDIATE : asked(a));
    planReminders(a, policies.current(), now);
    dispatcher.wakeAfterCommit();
  }

  @EventListener
  void on(AppointmentCancelled cancelled) {
    if (!properties.enabled()) {
      return;
    }
    Instant now = clock.instant();
    store.cancelPlanned(
        cancelled.appointment().value(),
        EnumSet.complementOf(EnumSet.of(NotificationKind.CANCELLED)),
        "cancelled");
    if (!cancelled.start().isAfter(now)) {
      return;
    }
    appointments
        .find(cancelled.appointment())
        .ifPresent(
            a -> {
              plan(
                  NotificationKind.CANCELLED,
                  a,
                  "cancelled:" + a.id().value(),
                  now,
                  a.start(),
                  urgent(a, now) ? IMMEDIATE : Map.of());
              dispatcher.wakeAfterCommit();
            });
  }

  @EventListener
  void on(AppointmentStatusChanged changed) {
    if (!properties.enabled()) {
      return;
    }
    Instant now = clock.instant();
    if (changed.current() == AppointmentStatus.ENTERED_IN_ERROR) {
      store.cancelPlanned(
          changed.appointment().value(), EnumSet.allOf(NotificationKind.class), "entered in error");
      return;
    }
    Optional<Appointment> found = appointments.find(changed.appointment());
    if (found.isEmpty()) {
      return;
    }
    Appointment a = found.get();
    if (changed.current() == AppointmentStatus.NOSHOW) {
      store.cancelPlanned(a.id().value(), EnumSet.of(NotificationKind.REMINDER), "missed");
      // Two hours on, once the day's list has settled (a latecomer marked absent in error).
      plan(
          NotificationKind.NO_SHOW,
          a,
          "no-show:" + a.id().value(),
          now.plus(Duration.ofHours(2)),
          now.plus(Duration.ofDays(7)),
          Map.of());
      return;
    }
    // Arrived, checked in, seen: the reminders still planned (a late 3-hour one) say nothing now,
    // nor does a "we missed you" to a patient marked absent who came after all.
    store.cancelPlanned(
        a.id().value(),
        EnumSet.of(NotificationKind.REMINDER, NotificationKind.NO_SHOW),
        "visit started");
    if (changed.current() == AppointmentStatus.FULFILLED) {
      NotificationPolicy policy = policies.current();
      Optional<NotificationPolicy.FollowUp> followUp =
          typeCode(a).map(policy.types()::get).map(NotificationPolicy.TypePolicy::followUp);
      followUp.ifPresent(
          f ->
              plan(
                  NotificationKind.AFTER_VISIT,
                  a,
                  "after-visit:" + a.id().value(),
                  a.end().plus(f.after()),
                  a.end().plus(f.after()).plus(Duration.ofDays(14)),
                  Map.of("text", f.text())));
    }
  }

  /** A freed time held for a patient on the waitlist: offered at once (quiet hours allowing). */
  @EventListener
  void on(WaitlistOffered offered) {
    if (!properties.enabled()) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("offer", offered.offer().toString());
    data.put("start", offered.start().toString());
    data.put("provider", offered.provider().value().toString());
    data.put("expiresAt", offered.expiresAt().toString());
    store.plan(
        new Planned(
            NotificationKind.WAITLIST_OFFER,
            offered.patient().value(),
            null,
            "waitlist-offer:" + offered.offer(),
            clock.instant(),
            offered.expiresAt(),
            data));
    dispatcher.wakeAfterCommit();
  }

  /**
   * Times held for a patient whose provider cannot see them as planned: offered at once, quiet
   * hours or not (the visit may be this morning), and of no use after the staff's deadline.
   */
  @EventListener
  void on(DisruptionOffered offered) {
    if (!properties.enabled()) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("disruption", offered.disruption().toString());
    data.put("round", offered.round());
    data.put("expiresAt", offered.answerBy().toString());
    data.put("immediate", true);
    store.plan(
        new Planned(
            NotificationKind.DISRUPTION,
            offered.patient().value(),
            offered.appointment().value(),
            "disruption:"
                + offered.disruption()
                + ":"
                + offered.appointment().value()
                + ":"
                + offered.round(),
            clock.instant(),
            offered.answerBy(),
            data));
    dispatcher.wakeAfterCommit();
  }

  /**
   * A form sent: its link at once (quiet hours allowing), and a reminder when it asks for one. Sent
   * again when its visit moves: the link is not sent twice (same key), the reminder moves.
   */
  @EventListener
  void on(QuestionnaireRequested requested) {
    if (!properties.enabled()) {
      return;
    }
    Instant now = clock.instant();
    String request = requested.request().toString();
    UUID appointment = requested.appointment();
    store.plan(
        new Planned(
            NotificationKind.QUESTIONNAIRE,
            requested.patient().value(),
            appointment,
            "questionnaire:" + request,
            now,
            requested.expiresAt(),
            Map.of("request", request)));
    String prefix = "questionnaire-reminder:" + request + ":";
    Instant remindAt = requested.remindAt();
    String key = remindAt == null ? null : prefix + remindAt.getEpochSecond();
    store.cancelByKeyPrefix(
        NotificationKind.QUESTIONNAIRE_REMINDER, prefix, key, "the visit moved");
    if (remindAt != null && remindAt.isAfter(now.plus(NOT_RIGHT_AFTER_CONFIRMATION))) {
      store.plan(
          new Planned(
              NotificationKind.QUESTIONNAIRE_REMINDER,
              requested.patient().value(),
              appointment,
              key,
              remindAt,
              requested.expiresAt(),
              Map.of("request", request)));
    }
    dispatcher.wakeAfterCommit();
  }

  /**
   * A patient to ask for a rating (after a visit or a resolved conversation): at the time the
   * satisfaction module chose, quiet hours allowing; not at all once of no use.
   */
  @EventListener
  void on(SatisfactionAsked asked) {
    if (!properties.enabled()) {
      return;
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("request", asked.request().toString());
    if (asked.appointment() != null) {
      appointments
          .find(asked.appointment())
          .ifPresent(a -> data.put("start", a.start().toString()));
    }
    store.plan(
        new Planned(
            NotificationKind.SATISFACTION,
            asked.patient().value(),
            asked.appointment() == null ? null : asked.appointment().value(),
            "satisfaction:" + asked.request(),
            asked.dueAt(),
            asked.usefulUntil(),
            data));
    dispatcher.wakeAfterCommit();
  }

  @EventListener
  void on(WaitlistOfferAccepted accepted) {
    store.offerAccepted(accepted.offer(), clock.instant());
  }

  /** An offer declined or expired before its message went: the message would offer nothing. */
  @EventListener
  void on(WaitlistOfferLapsed lapsed) {
    store.cancelByKey("waitlist-offer:" + lapsed.offer(), "offer " + lapsed.why());
  }

  @EventListener
  void on(PatientsMerged merged) {
    store.movePatient(merged.duplicate().value(), merged.survivor().value());
  }

  /** Each reminder of the policy that can still go in time, placed outside quiet hours. */
  void planReminders(Appointment a, NotificationPolicy policy, Instant now) {
    if (a.status() != AppointmentStatus.BOOKED && a.status() != AppointmentStatus.PENDING) {
      return;
    }
    ZoneId zone = a.zone();
    Instant latest = a.start().minus(properties.latestReminder());
    QuietHours quiet = policies.quietHours(policy);
    for (Duration before : typeCode(a).map(policy::remindersFor).orElse(policy.reminders())) {
      Instant due = Reminders.dueAt(a.start(), zone, before);
      Optional<Instant> placed = quiet.place(due, zone, now, latest);
      if (placed.isEmpty() || placed.get().isBefore(now.plus(NOT_RIGHT_AFTER_CONFIRMATION))) {
        log.debug("No {} reminder for {}: too late to send it", before, a.id().value());
        continue;
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("before", before.toString());
      data.put("start", a.start().toString());
      store.plan(
          new Planned(
              NotificationKind.REMINDER,
              a.patient().value(),
              a.id().value(),
              "reminder:" + a.id().value() + ":" + a.version() + ":" + before,
              placed.get(),
              latest,
              data));
    }
  }

  private void plan(
      NotificationKind kind,
      Appointment a,
      String key,
      Instant due,
      Instant usefulUntil,
      Map<String, Object> extra) {
    Map<String, Object> data = new LinkedHashMap<>(extra);
    data.put("start", a.start().toString());
    store.plan(new Planned(kind, a.patient().value(), a.id().value(), key, due, usefulUntil, data));
  }

  private static final Map<String, Object> IMMEDIATE = Map.of("immediate", true);

  /**
   * A visit within the next 14 hours that moved or was cancelled: the patient must know before they
   * set out, quiet hours or not (a cancellation at 21:00 of an 08:30 visit).
   */
  private static boolean urgent(Appointment a, Instant now) {
    return a.start().isBefore(now.plus(Duration.ofHours(14)));
  }

  /** A booking the patient made themselves: they are awake, its confirmation goes at once. */
  private static Map<String, Object> asked(Appointment a) {
    return switch (a.source()) {
      case STAFF, EHR, API -> Map.of();
      default -> IMMEDIATE;
    };
  }

  private Optional<String> typeCode(Appointment a) {
    return practice.snapshot().appointmentType(a.type()).map(AppointmentType::code);
  }
}
