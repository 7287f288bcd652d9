package org.accueil.conversations.internal;

import java.util.Map;
import org.accueil.conversations.Conversations;
import org.accueil.scheduling.AppointmentBooked;
import org.accueil.scheduling.AppointmentCancelled;
import org.accueil.scheduling.AppointmentRescheduled;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Appointments booked, moved and cancelled, on the patient's timeline beside what they wrote: the
 * receptionist reading the conversation sees that the visit it asked for was booked. Written in the
 * booking's own transaction: a booking that rolls back leaves no trace on the timeline, and one
 * that commits always has its entry.
 */
@Component
class AppointmentsOnTimeline {

  private final Conversations conversations;

  AppointmentsOnTimeline(Conversations conversations) {
    this.conversations = conversations;
  }

  @EventListener
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

  @EventListener
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

  @EventListener
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
