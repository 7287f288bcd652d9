package org.accueil.integration.fhir;

import java.util.Map;
import org.accueil.integration.outbox.Outbox;
import org.accueil.platform.Actor;
import org.accueil.scheduling.AppointmentBooked;
import org.accueil.scheduling.AppointmentCancelled;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentRescheduled;
import org.accueil.scheduling.AppointmentStatusChanged;
import org.accueil.scheduling.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes an outbox row for the EHR in the transaction of every booking, move, cancellation and
 * status change, so the EHR hears of exactly the changes that committed. Changes the EHR itself
 * made (applied by the connector as the EHR actor, or booked with source EHR) are not sent back to
 * it.
 */
@Component
class FhirOutboundEvents {

  private static final Logger log = LoggerFactory.getLogger(FhirOutboundEvents.class);

  private final ObjectProvider<Outbox> outbox;
  private final FhirConnectorProperties properties;

  FhirOutboundEvents(ObjectProvider<Outbox> outbox, FhirConnectorProperties properties) {
    this.outbox = outbox;
    this.properties = properties;
  }

  @EventListener
  void on(AppointmentBooked event) {
    if (event.source() != Source.EHR) {
      enqueue(event.appointment(), "appointment.booked");
    }
  }

  @EventListener
  void on(AppointmentRescheduled event) {
    enqueue(event.appointment(), "appointment.rescheduled");
  }

  @EventListener
  void on(AppointmentCancelled event) {
    enqueue(event.appointment(), "appointment.cancelled");
  }

  @EventListener
  void on(AppointmentStatusChanged event) {
    enqueue(event.appointment(), "appointment.status." + event.current().code());
  }

  private void enqueue(AppointmentId appointment, String kind) {
    if (!properties.active() || Actor.current().kind() == Actor.Kind.EHR) {
      return;
    }
    Outbox target = outbox.getIfAvailable();
    if (target == null) {
      log.warn("No outbox in this application: {} of {} is not sent to the EHR", kind, appointment);
      return;
    }
    target.enqueue(
        FhirConnectorProperties.SYSTEM,
        "appointment:" + appointment.value(),
        kind,
        Map.of("appointmentId", appointment.value().toString()));
  }
}
