package org.accueil.integration.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.util.Terser;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.integration.outbox.Delivery;
import org.accueil.integration.outbox.OutboxMessage;
import org.accueil.patients.PatientDetails;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Source;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accueil's bookings reach the practice-management system (a HAPI MLLP server, {@link TestPeer}) as
 * SIU messages. The outbox's dispatcher is played by the test: it hands each row to {@link
 * Hl7v2Destination} in order per appointment and tries again what was not delivered.
 */
@Hl7Test
class Hl7OutboundTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final LocalDateTime NOW = LocalDateTime.of(2027, 4, 5, 7, 0);

  @Autowired Hl7v2Destination destination;
  @Autowired RecordingOutbox outbox;
  @Autowired Appointments appointments;
  @Autowired PracticeAdministration admin;
  @Autowired MllpListener listener;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  ClinicFixture clinic;
  TestPeer peer = TestPeer.get();

  @BeforeEach
  void aClinic() {
    clock.setParis(NOW);
    clinic = ClinicFixture.create(admin);
    peer.reset();
  }

  @AfterEach
  void peerBackToNormal() {
    peer.reset();
  }

  @Test
  void aBookingReachesThePeerAsSiuS12() throws Exception {
    String given = "Lou" + Tags.letters();
    Appointment booked = book(tuesdayAt(10, 0), given);

    List<OutboxMessage> rows = outbox.rowsOf("appointment:" + booked.id());
    assertThat(rows).extracting(OutboxMessage::kind).containsExactly("appointment.booked");
    assertThat(destination.deliver(rows.getFirst())).isInstanceOf(Delivery.Delivered.class);

    assertThat(peer.applied()).hasSize(1);
    Terser siu = new Terser(peer.applied().getFirst().message());
    assertThat(siu.get("/MSH-9-1") + "^" + siu.get("/MSH-9-2")).isEqualTo("SIU^S12");
    assertThat(siu.get("/MSH-3-1")).isEqualTo("ACCUEIL");
    assertThat(siu.get("/MSH-5-1")).isEqualTo("PMS");
    assertThat(siu.get("/MSH-10")).isEqualTo(ControlIds.of(rows.getFirst().idempotencyKey()));
    assertThat(siu.get("/SCH-1-1")).isEqualTo(booked.id().toString());
    assertThat(siu.get("/SCH-1-2")).isEqualTo("ACCUEIL");
    assertThat(siu.get("/SCH-25-1")).isEqualTo("Booked");
    assertThat(siu.get("/TQ1-7-1")).isEqualTo("20270406100000+0200");
    assertThat(siu.get("/TQ1-8-1")).isEqualTo("20270406103000+0200");
    assertThat(siu.get("/.PID-3-1")).isEqualTo(booked.patient().toString());
    assertThat(siu.get("/.PID-3-4-1")).isEqualTo("ACCUEIL");
    assertThat(siu.get("/.PID-5-1-1")).isEqualTo("Outbound");
    assertThat(siu.get("/.PID-5-2")).isEqualTo(given);
    assertThat(siu.get("/.PID-7-1")).isEqualTo("19800214");
    assertThat(siu.get("/.AIP-3-1")).isEqualTo(clinic.provider.id().toString());
    assertThat(siu.get("/.AIP-3-2-1")).isEqualTo(clinic.provider.familyName());
    assertThat(siu.get("/.AIL-3-1")).isEqualTo(clinic.site.id().toString());
    assertThat(siu.get("/.AIS-3-1")).isEqualTo(clinic.consultation.id().toString());
  }

  @Test
  void aPeerDownForAWhileGetsEveryMessageExactlyOnceWhenItReturns() throws Exception {
    List<Appointment> booked = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      booked.add(book(tuesdayAt(8 + i / 2, (i % 2) * 30), "Pat" + Tags.letters()));
    }
    for (Appointment a : booked.subList(0, 3)) {
      appointments.cancel(new CancelAppointment(a.id(), "Changed plans", "test"));
    }
    Map<String, Deque<OutboxMessage>> queues = new LinkedHashMap<>();
    for (Appointment a : booked) {
      queues.put("appointment:" + a.id(), new ArrayDeque<>(outbox.rowsOf("appointment:" + a.id())));
    }
    int rows = queues.values().stream().mapToInt(Deque::size).sum();
    assertThat(rows).isEqualTo(13);
    Map<Long, Integer> attempts = new LinkedHashMap<>();

    peer.stop();
    try {
      List<Delivery> whileDown = deliverHeads(queues, attempts);
      assertThat(whileDown).hasSize(10).allMatch(d -> d instanceof Delivery.Retry);
    } finally {
      peer.start();
    }
    // Accueil dies after the peer took a message and before the outbox recorded it: the row is
    // delivered again, with the same MSH-10.
    OutboxMessage taken = queues.values().iterator().next().peek();
    assertThat(destination.deliver(RecordingOutbox.attempt(taken, 2)))
        .isInstanceOf(Delivery.Delivered.class);
    for (int round = 0;
        round < 5 && queues.values().stream().anyMatch(q -> !q.isEmpty());
        round++) {
      assertThat(deliverHeads(queues, attempts)).allMatch(d -> d instanceof Delivery.Delivered);
    }

    assertThat(queues.values()).allMatch(Deque::isEmpty);
    assertThat(peer.received()).hasSize(rows + 1);
    assertThat(peer.applied()).hasSize(rows);
    for (Appointment a : booked.subList(0, 3)) {
      assertThat(
              peer.applied().stream()
                  .filter(r -> r.text().contains(a.id().toString()))
                  .map(TestPeer.Received::event))
          .containsExactly("S12", "S15");
    }
  }

  @Test
  void anErrorAckIsTriedAgainAFewTimesAndARejectionOfTheMessageTypeIsFinal() throws Exception {
    Appointment booked = book(tuesdayAt(15, 0), "Err" + Tags.letters());
    OutboxMessage row = outbox.rowsOf("appointment:" + booked.id()).getFirst();

    peer.answer(AcknowledgmentCode.AE, ErrorCode.APPLICATION_RECORD_LOCKED);
    assertThat(destination.deliver(row)).isInstanceOf(Delivery.Retry.class);
    assertThat(destination.deliver(RecordingOutbox.attempt(row, 3)))
        .isInstanceOf(Delivery.Failed.class);

    peer.answer(AcknowledgmentCode.AR, ErrorCode.APPLICATION_INTERNAL_ERROR);
    assertThat(destination.deliver(row)).isInstanceOf(Delivery.Retry.class);

    peer.answer(AcknowledgmentCode.AR, ErrorCode.UNSUPPORTED_MESSAGE_TYPE);
    Delivery rejected = destination.deliver(row);
    assertThat(rejected).isInstanceOf(Delivery.Failed.class);
    assertThat(((Delivery.Failed) rejected).error()).contains("200");
  }

  @Test
  void thePeersOwnAppointmentsAreNotEchoedButAccueilsChangesToThemAre() throws Exception {
    String filler = "F-" + Tags.letters();
    PeerMessage s12 =
        PeerMessage.siu("S12")
            .filler(filler)
            .sentAt(NOW.atZone(PARIS))
            .at(tuesdayAt(17, 0))
            .provider(clinic.provider.id())
            .service(clinic.consultation.code())
            .patient("MRN" + Tags.letters(), "Echo", "Ema" + Tags.letters(), "19910101");
    try (PeerClient client = new PeerClient(listener.port())) {
      assertThat(PeerClient.ackCode(client.send(s12))).isEqualTo("AA");
    }
    UUID id = appliedAppointment(s12.controlId());
    assertThat(outbox.rowsOf("appointment:" + id)).isEmpty();

    appointments.cancel(new CancelAppointment(AppointmentId.of(id), "Doctor ill", "test"));

    List<OutboxMessage> rows = outbox.rowsOf("appointment:" + id);
    assertThat(rows).extracting(OutboxMessage::kind).containsExactly("appointment.cancelled");
    assertThat(destination.deliver(rows.getFirst())).isInstanceOf(Delivery.Delivered.class);
    Terser s15 = new Terser(peer.applied().getLast().message());
    assertThat(s15.get("/MSH-9-2")).isEqualTo("S15");
    assertThat(s15.get("/SCH-2-1")).isEqualTo(filler);
    assertThat(s15.get("/SCH-25-1")).isEqualTo("Cancelled");
  }

  // ------------------------------------------------------------------------------ helpers

  /** One pass of the dispatcher: the first undelivered row of each appointment. */
  private List<Delivery> deliverHeads(
      Map<String, Deque<OutboxMessage>> queues, Map<Long, Integer> attempts) throws Exception {
    List<Delivery> outcomes = new ArrayList<>();
    for (Deque<OutboxMessage> queue : queues.values()) {
      OutboxMessage head = queue.peek();
      if (head == null) {
        continue;
      }
      int attempt = attempts.merge(head.id(), 1, Integer::sum);
      Delivery outcome = destination.deliver(RecordingOutbox.attempt(head, attempt));
      outcomes.add(outcome);
      if (outcome instanceof Delivery.Delivered) {
        queue.poll();
      }
    }
    return outcomes;
  }

  private Appointment book(ZonedDateTime start, String given) {
    BookingResult<Appointment> result =
        appointments.book(
            new BookAppointment(
                null,
                clinic.consultation.id(),
                clinic.provider.id(),
                start.toInstant(),
                null,
                null,
                new PatientDetails(given, "Outbound", LocalDate.of(1980, 2, 14), null, null),
                null,
                Source.STAFF,
                "test"));
    assertThat(result).isInstanceOf(BookingResult.Success.class);
    return ((BookingResult.Success<Appointment>) result).value();
  }

  private UUID appliedAppointment(String controlId) throws InterruptedException {
    for (int i = 0; i < 400; i++) {
      Map<String, Object> row =
          jdbc.sql("SELECT state, appointment_id FROM hl7v2_inbox WHERE control_id = :c")
              .param("c", controlId)
              .query()
              .singleRow();
      if ("applied".equals(row.get("state"))) {
        return (UUID) row.get("appointment_id");
      }
      Thread.sleep(50);
    }
    throw new AssertionError("Not applied: " + controlId);
  }

  private static ZonedDateTime tuesdayAt(int hour, int minute) {
    return LocalDateTime.of(2027, 4, 6, hour, minute).atZone(PARIS);
  }
}
