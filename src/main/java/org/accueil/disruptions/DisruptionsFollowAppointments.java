package org.accueil.disruptions;

import org.accueil.scheduling.AppointmentCancelled;
import org.accueil.scheduling.AppointmentRescheduled;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An appointment of a disruption moved or cancelled, whoever did it (the patient's answer, staff on
 * the calendar, the EHR, a patient link): its row follows in the same transaction, and the times
 * held for the patient are released.
 */
@Component
class DisruptionsFollowAppointments {

  private final Disruptions disruptions;

  DisruptionsFollowAppointments(Disruptions disruptions) {
    this.disruptions = disruptions;
  }

  @EventListener
  void on(AppointmentRescheduled moved) {
    disruptions.moved(moved.appointment());
  }

  @EventListener
  void on(AppointmentCancelled cancelled) {
    disruptions.cancelled(cancelled.appointment());
  }
}
