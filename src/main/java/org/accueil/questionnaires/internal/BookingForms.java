package org.accueil.questionnaires.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.accueil.patients.Origin;
import org.accueil.patients.Patients;
import org.accueil.patients.PatientsMerged;
import org.accueil.platform.Audit;
import org.accueil.questionnaires.QuestionnaireDefinition;
import org.accueil.questionnaires.QuestionnaireRequest;
import org.accueil.questionnaires.QuestionnaireRequested;
import org.accueil.questionnaires.QuestionnaireRule;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.questionnaires.QuestionnairesProperties;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentBooked;
import org.accueil.scheduling.AppointmentCancelled;
import org.accueil.scheduling.AppointmentRescheduled;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.PatientAppointment;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The forms a booking calls for, sent in the booking's transaction (a form is sent with the booking
 * or not at all); a move shifts their expiry and reminder, a cancellation closes them.
 */
@Component
class BookingForms {

  private static final Logger log = LoggerFactory.getLogger(BookingForms.class);

  private final QuestionnaireStore store;
  private final Questionnaires questionnaires;
  private final Appointments appointments;
  private final Patients patients;
  private final QuestionnairesProperties properties;
  private final ApplicationEventPublisher events;
  private final Audit audit;
  private final Clock clock;

  BookingForms(
      QuestionnaireStore store,
      Questionnaires questionnaires,
      Appointments appointments,
      Patients patients,
      QuestionnairesProperties properties,
      ApplicationEventPublisher events,
      Audit audit,
      Clock clock) {
    this.store = store;
    this.questionnaires = questionnaires;
    this.appointments = appointments;
    this.patients = patients;
    this.properties = properties;
    this.events = events;
    this.audit = audit;
    this.clock = clock;
  }

  @EventListener
  void on(AppointmentBooked booked) {
    if (!properties.enabled()) {
      return;
    }
    Optional<Appointment> found = appointments.find(booked.appointment());
    Instant now = clock.instant();
    if (found.isEmpty() || !found.get().start().isAfter(now)) {
      return; // history, or a visit already begun: no form can help it now
    }
    Appointment a = found.get();
    String category = category(a);
    Set<String> sent = new LinkedHashSet<>();
    for (QuestionnaireRule rule : store.rulesFor(a.type().value(), category)) {
      if (!sent.add(rule.questionnaireCode())) {
        continue; // two rules naming one form send it once
      }
      Optional<QuestionnaireDefinition> form =
          store.definitions("active", rule.questionnaireCode()).stream().findFirst();
      if (form.isEmpty()) {
        log.warn(
            "Rule {} names the form {}, which has no active version: not sent",
            rule.id(),
            rule.questionnaireCode());
        continue;
      }
      questionnaires.sendForVisit(
          form.get(),
          a.patient(),
          a.id().value(),
          rule.id(),
          a.end().plus(properties.afterVisit()),
          remindAt(a, rule));
    }
  }

  @EventListener
  void on(AppointmentRescheduled moved) {
    Optional<Appointment> found = appointments.find(moved.appointment());
    if (found.isEmpty()) {
      return;
    }
    Appointment a = found.get();
    Instant now = clock.instant();
    for (QuestionnaireRequest r : store.openRequestsOf(a.id().value())) {
      Optional<QuestionnaireRule> rule = r.remindAt() == null ? Optional.empty() : ruleOf(r);
      Instant remind = rule.map(x -> remindAt(a, x)).orElse(null);
      Instant expires =
          Instant.ofEpochSecond(a.end().plus(properties.afterVisit()).getEpochSecond());
      store.reschedule(r.id(), expires, remind, now);
      events.publishEvent(
          new QuestionnaireRequested(r.id(), r.patient(), r.appointmentId(), expires, remind));
    }
  }

  @EventListener
  void on(AppointmentCancelled cancelled) {
    Instant now = clock.instant();
    for (QuestionnaireRequest r : store.openRequestsOf(cancelled.appointment().value())) {
      store.cancel(r.id(), now);
      audit.success(
          "questionnaire.cancel",
          "questionnaire-request",
          r.id(),
          Map.of("reason", "appointment cancelled"));
    }
  }

  @EventListener
  void on(PatientsMerged merged) {
    store.movePatient(merged.duplicate().value(), merged.survivor().value());
  }

  private Optional<QuestionnaireRule> ruleOf(QuestionnaireRequest r) {
    return store.ruleOfRequest(r.id());
  }

  private static @Nullable Instant remindAt(Appointment a, QuestionnaireRule rule) {
    return rule.remindBefore() == null ? null : a.start().minus(rule.remindBefore());
  }

  /**
   * New or returning: what the booking said; else returning when the patient has a visit that took
   * place; else new when there is no other visit of theirs at all (not even booked) and the record
   * was not imported nor made by the EHR; else unknown (only rules for any patient apply).
   */
  private @Nullable String category(Appointment a) {
    if (a.newPatient() != null) {
      return a.newPatient() ? "new" : "returning";
    }
    var visits = appointments.ofPatient(a.patient(), java.util.Locale.ENGLISH);
    boolean seen =
        visits.stream()
            .anyMatch(
                v ->
                    !v.id().equals(a.id())
                        && (v.status() == AppointmentStatus.FULFILLED
                            || v.status() == AppointmentStatus.ARRIVED
                            || v.status() == AppointmentStatus.CHECKED_IN));
    if (seen) {
      return "returning";
    }
    boolean others = visits.stream().map(PatientAppointment::id).anyMatch(id -> !id.equals(a.id()));
    // A record imported or created by the EHR is the practice's patient from before Accueil.
    boolean fromBefore =
        patients
            .find(a.patient())
            .map(p -> p.origin() == Origin.IMPORT || p.origin() == Origin.EHR)
            .orElse(true);
    return others || fromBefore ? null : "new";
  }
}
