package org.accueil.integration.webhooks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.conversations.ConversationHandedOver;
import org.accueil.integration.outbox.Outbox;
import org.accueil.patients.PatientCreated;
import org.accueil.patients.PatientsMerged;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentBooked;
import org.accueil.scheduling.AppointmentCancelled;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentRescheduled;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.AppointmentStatusChanged;
import org.accueil.scheduling.Appointments;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns what happened into one outbox row per endpoint subscribed to it, in the transaction of the
 * change: a booking that rolls back sends nothing, one that commits is sent at least once. Rows of
 * one appointment (one patient, one conversation) share a key, so a receiver gets an appointment's
 * booking before its cancellation.
 *
 * <p>What a payload carries is chosen here, field by field: ids, times, statuses and where a
 * booking came from. Never a reason for the visit, a cancellation's reason, a message's text, a
 * name or a contact detail: a receiver that needs more reads it through the API, with a key whose
 * reads are audited.
 */
@Component
class WebhookFanOut {

  private final EndpointRepository endpoints;
  // Looked up when used: until the JDBC outbox is merged, the application starts without one, and
  // only a webhook endpoint actually in use needs it.
  private final ObjectProvider<Outbox> outbox;
  private final Appointments appointments;
  private final Clock clock;

  WebhookFanOut(
      EndpointRepository endpoints,
      ObjectProvider<Outbox> outbox,
      Appointments appointments,
      Clock clock) {
    this.endpoints = endpoints;
    this.outbox = outbox;
    this.appointments = appointments;
    this.clock = clock;
  }

  @EventListener
  void on(AppointmentBooked booked) {
    appointment(WebhookEventTypes.APPOINTMENT_BOOKED, booked.appointment(), Map.of());
  }

  @EventListener
  void on(AppointmentRescheduled moved) {
    Map<String, Object> before = new LinkedHashMap<>();
    before.put("previousProviderId", moved.previousProvider().value().toString());
    before.put("previousStart", moved.previousStart().toString());
    appointment(WebhookEventTypes.APPOINTMENT_RESCHEDULED, moved.appointment(), before);
  }

  @EventListener
  void on(AppointmentCancelled cancelled) {
    appointment(WebhookEventTypes.APPOINTMENT_CANCELLED, cancelled.appointment(), Map.of());
  }

  @EventListener
  void on(AppointmentStatusChanged changed) {
    // The other moves (arrived, fulfilled, entered in error) are not events of the contract.
    if (changed.current() == AppointmentStatus.CHECKED_IN) {
      appointment(WebhookEventTypes.APPOINTMENT_CHECKED_IN, changed.appointment(), Map.of());
    } else if (changed.current() == AppointmentStatus.NOSHOW) {
      appointment(WebhookEventTypes.APPOINTMENT_NO_SHOW, changed.appointment(), Map.of());
    }
  }

  @EventListener
  void on(PatientCreated created) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("patientId", created.patient().value().toString());
    data.put("status", created.status().code());
    data.put("origin", created.origin().code());
    send(WebhookEventTypes.PATIENT_CREATED, "patient:" + created.patient().value(), data);
  }

  @EventListener
  void on(PatientsMerged merged) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("mergeId", merged.merge().toString());
    data.put("survivorPatientId", merged.survivor().value().toString());
    data.put("duplicatePatientId", merged.duplicate().value().toString());
    // Keyed on the survivor: its later events follow the merge.
    send(WebhookEventTypes.PATIENT_MERGED, "patient:" + merged.survivor().value(), data);
  }

  @EventListener
  void on(ConversationHandedOver handedOver) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("conversationId", handedOver.conversation().toString());
    data.put(
        "patientId", handedOver.patient() == null ? null : handedOver.patient().value().toString());
    data.put("urgent", handedOver.urgent());
    send(
        WebhookEventTypes.CONVERSATION_HANDED_OVER,
        "conversation:" + handedOver.conversation(),
        data);
  }

  private void appointment(String type, AppointmentId id, Map<String, Object> extra) {
    List<UUID> subscribers = endpoints.subscribers(type);
    if (subscribers.isEmpty()) {
      return;
    }
    // Read in the writer's transaction: the appointment as this change left it.
    Appointment a = appointments.find(id).orElseThrow();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("appointmentId", a.id().value().toString());
    data.put("patientId", a.patient().value().toString());
    data.put("providerId", a.provider().value().toString());
    data.put("appointmentTypeId", a.type().value().toString());
    data.put("locationId", a.location().value().toString());
    data.put("roomId", a.room() == null ? null : a.room().value().toString());
    data.put("start", a.start().toString());
    data.put("end", a.end().toString());
    data.put("timeZone", a.zone().getId());
    data.put("status", a.status().code());
    data.put("source", a.source().code());
    data.putAll(extra);
    enqueue(subscribers, type, "appointment:" + a.id().value(), data);
  }

  private void send(String type, String key, Map<String, Object> data) {
    List<UUID> subscribers = endpoints.subscribers(type);
    if (!subscribers.isEmpty()) {
      enqueue(subscribers, type, key, data);
    }
  }

  private void enqueue(List<UUID> subscribers, String type, String key, Map<String, Object> data) {
    WebhookMessage message = WebhookMessage.of(type, clock.instant(), data);
    for (UUID endpoint : subscribers) {
      outbox
          .getObject()
          .enqueue(WebhookEndpoints.DESTINATION_PREFIX + endpoint, key, type, message);
    }
  }
}
