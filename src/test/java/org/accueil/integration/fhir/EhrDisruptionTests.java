package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.accueil.disruptions.AffectedPatient;
import org.accueil.disruptions.Disruption;
import org.accueil.disruptions.Disruption.Reason;
import org.accueil.disruptions.Disruptions;
import org.accueil.disruptions.Disruptions.Progress;
import org.accueil.scheduling.Appointment;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The EHR blocks a provider's time (a Slot {@code busy-unavailable}) over appointments booked in
 * Accueil: the block is a disruption, its patients listed; the same block seen again makes no
 * second one; moved, it lists the appointments it now covers.
 */
class EhrDisruptionTests extends FhirConnectorTestBase {

  @Autowired Disruptions disruptions;

  @Test
  void aBlockInTheEhrOverBookedAppointmentsIsADisruptionWithTheSlotsComment() {
    awaitSubscriptionsActive();
    String practitioner = ehrPractitioner();
    Instant from = dayAt(3, 10, 0);
    Instant until = from.plus(Duration.ofHours(1));
    Appointment first = book(from, newPatient());
    Appointment second = book(from.plus(Duration.ofMinutes(30)), newPatient());

    String slotId = blockInEhr(practitioner, from, until, "Dr absent : formation continue");

    Disruption d = awaitDisruptionFrom(from);
    assertThat(d.source()).isEqualTo("fhir");
    assertThat(d.reason()).isEqualTo(Reason.TRAINING);
    // The comment is read for the reason kind, not kept (it may name patients).
    assertThat(d.note()).isEmpty();
    assertThat(d.end()).isEqualTo(until);
    assertThat(d.timeOff()).isNotNull();
    Progress progress = disruptions.progress(d.id());
    assertThat(progress.counts().affected()).isEqualTo(2);
    assertThat(progress.patients())
        .extracting(AffectedPatient::appointment)
        .containsExactly(first.id(), second.id());
    // Nobody books into the block any more.
    assertThat(freeStarts(from)).noneMatch(s -> !s.isBefore(from) && s.isBefore(until));
    assertThat(outcomeOf(slotId)).contains("blocked:disruption");
    // The Slot came with the notification, stored without its comment (the inbox keeps nothing
    // said in the EHR): it was read again for the disruption.
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM fhir_inbox WHERE resource_type = 'Slot'"
                        + " AND resource_id = :id AND payload IS NOT NULL"
                        + " AND payload->>'comment' IS NULL")
                .param("id", slotId)
                .query(Integer.class)
                .single())
        .isPositive();

    // The EHR touches the Slot without moving it (a new version): still one disruption.
    var current = sandbox().read().resource(Slot.class).withId(slotId).execute();
    current.setComment("Dr absent : formation continue (toute la matinée)");
    sandbox().update().resource(current).execute();
    await(
        "the new version applied",
        Duration.ofSeconds(10),
        () -> outcomeOf(slotId).filter("unchanged"::equals));
    assertThat(disruptionsOfTheClinic()).hasSize(1);
  }

  @Test
  void aBlockMovedInTheEhrListsTheAppointmentsItNowCoversOnceEach() {
    awaitSubscriptionsActive();
    String practitioner = ehrPractitioner();
    Instant from = dayAt(3, 14, 0);
    Appointment two = book(from, newPatient());
    Appointment three = book(from.plus(Duration.ofHours(1)), newPatient());
    Appointment four = book(from.plus(Duration.ofHours(2)), newPatient());
    String slotId = blockInEhr(practitioner, from, from.plus(Duration.ofMinutes(90)), null);
    Disruption earlier = awaitDisruptionFrom(from);
    assertThat(earlier.reason()).isEqualTo(Reason.OTHER);

    // An hour later: the 15:00 patient is worked on by the first disruption already, the 16:00
    // one is new.
    Instant later = from.plus(Duration.ofHours(1));
    var slot = sandbox().read().resource(Slot.class).withId(slotId).execute();
    slot.setStart(Date.from(later));
    slot.setEnd(Date.from(later.plus(Duration.ofMinutes(90))));
    sandbox().update().resource(slot).execute();

    Disruption moved = awaitDisruptionFrom(later);
    assertThat(moved.source()).isEqualTo("fhir");
    assertThat(moved.timeOff()).isNotNull();
    assertThat(disruptions.progress(moved.id()).patients())
        .extracting(AffectedPatient::appointment)
        .containsExactly(four.id());
    assertThat(disruptions.progress(earlier.id()).patients())
        .extracting(AffectedPatient::appointment)
        .containsExactly(two.id(), three.id());
    assertThat(disruptions.find(earlier.id()).orElseThrow().timeOff())
        .as("the first block's time off is gone with the move")
        .isNull();
  }

  // ------------------------------------------------------------------------------ helpers

  /**
   * A block of the clinic's provider in the EHR, as its front desk makes one. The practitioner is
   * made before the bookings: their push would make it too, at the same moment.
   */
  private String blockInEhr(
      String practitioner, Instant from, Instant until, @Nullable String comment) {
    var schedule = new Schedule();
    schedule.addActor(new Reference("Practitioner/" + practitioner));
    String scheduleId = sandbox().create().resource(schedule).execute().getId().getIdPart();
    var slot = new Slot();
    slot.setSchedule(new Reference("Schedule/" + scheduleId));
    slot.setStatus(Slot.SlotStatus.BUSYUNAVAILABLE);
    slot.setStart(Date.from(from));
    slot.setEnd(Date.from(until));
    if (comment != null) {
      slot.setComment(comment);
    }
    return sandbox().create().resource(slot).execute().getId().getIdPart();
  }

  private Disruption awaitDisruptionFrom(Instant start) {
    return await(
        "a disruption from " + start,
        Duration.ofSeconds(10),
        () -> disruptionsOfTheClinic().stream().filter(d -> d.start().equals(start)).findFirst());
  }

  private List<Disruption> disruptionsOfTheClinic() {
    return disruptions.recent(30).stream()
        .filter(d -> d.provider().equals(clinic.provider.id()))
        .toList();
  }

  /** What the inbox did with the Slot's latest change. */
  private Optional<String> outcomeOf(String slotId) {
    return jdbc.sql(
            "SELECT outcome FROM fhir_inbox WHERE resource_type = 'Slot' AND resource_id = :id"
                + " AND applied_at IS NOT NULL ORDER BY id DESC LIMIT 1")
        .param("id", slotId)
        .query(String.class)
        .optional();
  }
}
