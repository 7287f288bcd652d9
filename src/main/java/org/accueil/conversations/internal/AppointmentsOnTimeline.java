package org.accueil.conversations.internal;

import java.util.Map;
import org.accueil.conversations.Conversations;
import org.accueil.scheduling.AppointmentBooked;
import org.accueil.scheduling.AppointmentCancelled;
import org.accueil.scheduling.AppointmentRescheduled;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Appointments booked, moved and cancelled, on the patient's timeline beside what they wrote: the
 * receptionist reading the conversation sees that the visit it asked for was booked. Each event is
 * delivered once through the event publication registry, after its booking committed.
 */
@Component
class AppointmentsOnTimeline {

  private final Conversations conversations;

  AppointmentsOnTimeline(Conversations conversations) {
    this.conversations = conversations;
  }

  @ApplicationModuleListener
  void on(AppointmentBooked booked) {
    conversations.record(
        booked.patient(),
        "appointment.booked",
        Map.of(
            "appointment", booked.appointment().value(),
            "provider", booked.provider().value(),
            "start", booked.start().toString(),
            "source", booked.source().name().toLowerCase(java.util.Locale.ROOT)));
  }

  @ApplicationModuleListener
  void on(AppointmentRescheduled moved) {
    conversations.record(
        moved.patient(),
        "appointment.rescheduled",
        Map.of(
            "appointment", moved.appointment().value(),
            "previousStart", moved.previousStart().toString(),
            "provider", moved.provider().value(),
            "start", moved.start().toString()));
  }

  @ApplicationModuleListener
  void on(AppointmentCancelled cancelled) {
    conversations.record(
        cancelled.patient(),
        "appointment.cancelled",
        Map.of(
            "appointment", cancelled.appointment().value(),
            "start", cancelled.start().toString(),
            "cancelledBy", cancelled.cancelledBy()));
  }
}
