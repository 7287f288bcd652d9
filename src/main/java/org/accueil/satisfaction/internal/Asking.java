package org.accueil.satisfaction.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.accueil.conversations.ConversationResolved;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientsMerged;
import org.accueil.practice.PracticeDirectory;
import org.accueil.satisfaction.SatisfactionAsked;
import org.accueil.satisfaction.SatisfactionProperties;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.AppointmentStatusChanged;
import org.accueil.scheduling.Appointments;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Decides whom to ask, in the transaction of the change that calls for it (the visit marked
 * fulfilled, the conversation resolved), so that the request commits with it or not at all: once
 * per visit; about a conversation at most once per {@code ask-again-after}, never on a day whose
 * visit is asked about, and never about an urgent one (an emergency, distress).
 */
@Component
class Asking {

  private final RequestStore store;
  private final Appointments appointments;
  private final PracticeDirectory practice;
  private final SatisfactionProperties properties;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  Asking(
      RequestStore store,
      Appointments appointments,
      PracticeDirectory practice,
      SatisfactionProperties properties,
      ApplicationEventPublisher events,
      Clock clock) {
    this.store = store;
    this.appointments = appointments;
    this.practice = practice;
    this.properties = properties;
    this.events = events;
    this.clock = clock;
  }

  @EventListener
  void on(AppointmentStatusChanged changed) {
    if (!properties.enabled() || changed.current() != AppointmentStatus.FULFILLED) {
      return;
    }
    Optional<Appointment> found = appointments.find(changed.appointment());
    if (found.isEmpty()) {
      return;
    }
    Appointment a = found.get();
    Instant now = clock.instant();
    LocalDate day = a.start().atZone(a.zone()).toLocalDate();
    store.lockPatient(a.patient());
    Optional<UUID> request = store.planVisit(a.patient(), a.id(), a.provider(), day, now);
    if (request.isEmpty()) {
      return; // asked about before: fulfilled, corrected, fulfilled again
    }
    // The visit is what the patient remembers of the day: a conversation question still waiting
    // gives way to it.
    store.withdrawConversationsOn(a.patient(), day, "the visit that day is asked about");
    // After the visit, not after the moment the front desk got round to marking it.
    Instant due = (a.end().isAfter(now) ? a.end() : now).plus(properties.afterVisit());
    events.publishEvent(
        new SatisfactionAsked(
            request.get(), a.patient(), a.id(), due, due.plus(properties.usefulFor())));
  }

  @EventListener
  void on(ConversationResolved resolved) {
    PatientId patient = resolved.patient();
    if (!properties.enabled() || patient == null || resolved.urgent()) {
      return; // nobody, or an emergency or distress dealt with: not a moment to ask for a rating
    }
    LocalDate day = resolved.at().atZone(practice.snapshot().zone()).toLocalDate();
    store.lockPatient(patient);
    if (store.anyOn(patient, day)
        || store.conversationAskedSince(patient, resolved.at().minus(properties.askAgainAfter()))) {
      return;
    }
    UUID request = store.planConversation(patient, resolved.conversation(), day, clock.instant());
    Instant due = resolved.at().plus(properties.afterConversation());
    events.publishEvent(
        new SatisfactionAsked(request, patient, null, due, due.plus(properties.usefulFor())));
  }

  @EventListener
  void on(PatientsMerged merged) {
    store.movePatient(merged.duplicate(), merged.survivor());
  }
}
