package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Slot;
import org.junit.jupiter.api.Test;

/** The validator the FHIR tests rely on: it finds real errors, and it asks nobody online. */
class FhirValidationTests {

  @Test
  void aSlotWithoutItsScheduleIsAnErrorAndAWholeOneIsNot() {
    Slot whole = slot();
    Slot withoutSchedule = slot().setSchedule(null);

    assertThat(FhirValidation.r4().errors(whole)).isEmpty();
    assertThat(FhirValidation.r4().errors(withoutSchedule))
        .anySatisfy(m -> assertThat(m.getMessage()).contains("Slot.schedule"));
  }

  @Test
  void anAppointmentBreakingAnInvariantIsAnError() {
    // app-3: only proposed or cancelled appointments may lack start and end.
    Appointment booked = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
    booked
        .addParticipant()
        .setActor(new Reference("Practitioner/1"))
        .setStatus(Appointment.ParticipationStatus.ACCEPTED);

    assertThat(FhirValidation.r4().errors(booked))
        .anySatisfy(m -> assertThat(m.getMessage()).contains("app-3"));
  }

  @Test
  void validatingReachesForNoServer() {
    ProxySelector previous = ProxySelector.getDefault();
    List<URI> asked = new CopyOnWriteArrayList<>();
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            asked.add(uri);
            return List.of(Proxy.NO_PROXY);
          }

          @Override
          public void connectFailed(URI uri, SocketAddress address, IOException e) {}
        });
    try {
      Slot slot = slot();
      slot.addServiceType(
          new CodeableConcept(new Coding("http://snomed.info/sct", "394814009", null)));
      FhirValidation.r4().assertValid(slot);
    } finally {
      ProxySelector.setDefault(previous);
    }

    assertThat(asked).isEmpty();
  }

  private static Slot slot() {
    Slot slot = new Slot();
    slot.setSchedule(new Reference("Schedule/1"));
    slot.setStatus(Slot.SlotStatus.FREE);
    slot.setStart(new Date(1_800_000_000_000L));
    slot.setEnd(new Date(1_800_000_900_000L));
    return slot;
  }
}
