package org.accueil.integration.hl7v2;

import java.util.Optional;
import org.accueil.integration.outbox.Outbox;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentBooked;
import org.accueil.scheduling.AppointmentCancelled;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentRescheduled;
import org.accueil.scheduling.AppointmentStatusChanged;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Source;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes an outbox row for the HL7 peer in the transaction of each booking, move, cancellation and
 * change of status, when {@code accueil.integration.hl7v2.outbound} names a peer. Nothing goes back
 * to where it came from: bookings recorded from an EHR, changes made while applying the peer's own
 * messages, and later changes of an EHR's appointment the peer never knew (one from a FHIR EHR) are
 * not sent.
 */
@Component
class SiuOutboxWriter {

  static final String DESTINATION = Hl7v2Properties.DESTINATION;

  private final ObjectProvider<Outbox> outbox;
  private final Appointments appointments;
  private final Hl7Links links;
  private final Hl7v2Properties properties;

  SiuOutboxWriter(
      ObjectProvider<Outbox> outbox,
      Appointments appointments,
      Hl7Links links,
      Hl7v2Properties properties) {
    this.outbox = outbox;
    this.appointments = appointments;
    this.links = links;
    this.properties = properties;
  }

  @EventListener
  void booked(AppointmentBooked event) {
    if (event.source() == Source.EHR) {
      return;
    }
    enqueue(event.appointment(), "appointment.booked", "S12");
  }

  @EventListener
  void rescheduled(AppointmentRescheduled event) {
    enqueue(event.appointment(), "appointment.rescheduled", "S13");
  }

  @EventListener
  void cancelled(AppointmentCancelled event) {
    enqueue(event.appointment(), "appointment.cancelled", "S15");
  }

  @EventListener
  void statusChanged(AppointmentStatusChanged event) {
    String siu =
        switch (event.current()) {
          case NOSHOW -> "S26";
          case ENTERED_IN_ERROR -> "S17";
          // Modification: SCH-25 says Started or Complete.
          case ARRIVED, CHECKED_IN, FULFILLED -> "S14";
          default -> null;
        };
    if (siu != null) {
      enqueue(event.appointment(), "appointment.status-changed", siu);
    }
  }

  private void enqueue(AppointmentId id, String kind, String siu) {
    if (!properties.outbound().enabled() || InboundApplication.isRunning()) {
      return;
    }
    Optional<Appointment> found = appointments.find(id);
    if (found.isEmpty()) {
      return;
    }
    Appointment a = found.get();
    if (a.source() == Source.EHR && links.fillerIdOf(id.value()).isEmpty()) {
      return;
    }
    Outbox queue = outbox.getIfAvailable();
    if (queue == null) {
      // The outbox is the integration module's own; configured without it, nothing could be sent.
      throw new IllegalStateException(
          "accueil.integration.hl7v2.outbound is set but no Outbox is available");
    }
    queue.enqueue(
        DESTINATION,
        "appointment:" + id.value(),
        kind,
        new SiuPayload(
            id.value(),
            siu,
            a.patient().value(),
            a.provider().value(),
            a.location().value(),
            a.type().value(),
            a.start(),
            a.end(),
            a.zone().getId(),
            a.status().code()));
  }
}
