package org.accueil.integration.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.util.Terser;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.integration.outbox.Delivery;
import org.accueil.integration.outbox.OutboxMessage;
import org.accueil.integration.outbox.internal.OutboxDispatcher;
import org.accueil.patients.PatientDetails;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Source;
import org.accueil.testing.AccueilTest;
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
 * SIU messages, through the outbox and its dispatcher: in order per appointment, tried again along
 * the destination's backoff while the peer is down (the test moves the clock past each wait).
 */
@AccueilTest
class Hl7OutboundTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final LocalDateTime NOW = LocalDateTime.of(2027, 4, 5, 7, 0);

  @Autowired Hl7v2Destination destination;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired Appointments appointments;
  @Autowired PracticeAdministration admin;
  @Autowired MllpListener listener;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  ClinicFixture clinic;
  SiuRows rows;
  TestPeer peer = TestPeer.get();

  @BeforeEach
  void aClinic() {
    clock.setParis(NOW);
    clinic = ClinicFixture.create(admin);
    rows = new SiuRows(jdbc, dispatcher);
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

    rows.awaitDelivered(List.of(booked.id()));

    List<SiuRows.Row> written = rows.of(booked.id());
    assertThat(written).extracting(SiuRows.Row::kind).containsExactly("appointment.booked");
    assertThat(peer.receivedOf(booked.id())).hasSize(1);
    Terser siu = new Terser(peer.appliedOf(booked.id()).getFirst().message());
    assertThat(siu.get("/MSH-9-1") + "^" + siu.get("/MSH-9-2")).isEqualTo("SIU^S12");
    assertThat(siu.get("/MSH-3-1")).isEqualTo("ACCUEIL");
    assertThat(siu.get("/MSH-5-1")).isEqualTo("PMS");
    assertThat(siu.get("/MSH-10"))
        .isEqualTo(ControlIds.of(written.getFirst().message().idempotencyKey()));
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
  void aPeerDownForAWhileGetsEveryMessageExactlyOnceAndInOrderWhenItReturns() throws Exception {
    List<Appointment> booked = new ArrayList<>();
    List<AppointmentId> ids = new ArrayList<>();
    peer.stop();
    try {
      for (int i = 0; i < 10; i++) {
        Appointment a = book(tuesdayAt(8 + i / 2, (i % 2) * 30), "Pat" + Tags.letters());
        booked.add(a);
        ids.add(a.id());
      }
      for (Appointment a : booked.subList(0, 3)) {
        appointments.cancel(new CancelAppointment(a.id(), "Changed plans", "test"));
      }
      // The dispatcher tried each booking at once and failed; the cancellations wait behind them.
      rows.await(ids, r -> r.getFirst().settledAfter(1));
      for (Appointment a : booked.subList(0, 3)) {
        assertThat(rows.of(a.id())).extracting(SiuRows.Row::attempts).containsExactly(1, 0);
      }
      assertThat(rows.of(ids.getFirst()).getFirst().lastError()).startsWith("Cannot connect to");
      // Not tried again before its backoff step (200 ms) has passed...
      dispatcher.drain();
      assertThat(rows.of(ids.getFirst()).getFirst().attempts()).isEqualTo(1);
      // ... and tried again, still down, once it has.
      clock.advance(Duration.ofSeconds(1));
      rows.await(ids, r -> r.getFirst().settledAfter(2));
    } finally {
      peer.start();
    }
    clock.advance(Duration.ofSeconds(2));
    rows.awaitDelivered(ids);

    for (Appointment a : booked) {
      List<String> expected = booked.indexOf(a) < 3 ? List.of("S12", "S15") : List.of("S12");
      assertThat(peer.appliedOf(a.id())).extracting(TestPeer.Received::event).isEqualTo(expected);
      assertThat(peer.receivedOf(a.id())).as("received once each").hasSameSizeAs(expected);
      assertThat(rows.outcomes(rows.of(a.id()).getFirst().id()))
          .containsExactly("retry", "retry", "delivered");
    }

    // Accueil dies after the peer took a message and before the outbox recorded it: the row is
    // delivered again with the same MSH-10, and the peer applies it once (the crash tests do it
    // with a real SIGKILL).
    OutboxMessage taken = rows.of(ids.getFirst()).getFirst().message();
    assertThat(destination.deliver(taken)).isInstanceOf(Delivery.Delivered.class);
    assertThat(peer.receivedOf(ids.getFirst())).hasSize(3);
    assertThat(peer.appliedOf(ids.getFirst())).hasSize(2);
  }

  @Test
  void anErrorAckIsTriedAgainAFewTimesAndARejectionOfTheMessageTypeIsFinal() throws Exception {
    peer.answer(AcknowledgmentCode.AE, ErrorCode.APPLICATION_RECORD_LOCKED);
    Appointment locked = book(tuesdayAt(15, 0), "Err" + Tags.letters());
    for (int attempt = 1; attempt <= 2; attempt++) {
      int tried = attempt;
      rows.await(List.of(locked.id()), r -> r.getFirst().settledAfter(tried));
      clock.advance(Duration.ofSeconds(1));
    }
    rows.await(List.of(locked.id()), r -> r.getFirst().state().equals("dead"));
    SiuRows.Row dead = rows.of(locked.id()).getFirst();
    assertThat(dead.attempts()).as("attempts-on-error").isEqualTo(3);
    assertThat(rows.outcomes(dead.id())).containsExactly("retry", "retry", "failed");

    peer.answer(AcknowledgmentCode.AR, ErrorCode.APPLICATION_INTERNAL_ERROR);
    Appointment refused = book(tuesdayAt(16, 0), "Err" + Tags.letters());
    rows.await(List.of(refused.id()), r -> r.getFirst().settledAfter(1));
    SiuRows.Row forNow = rows.of(refused.id()).getFirst();
    assertThat(forNow.state()).isEqualTo("pending");
    assertThat(forNow.lastError()).contains("rejected it for now");

    peer.answer(AcknowledgmentCode.AR, ErrorCode.UNSUPPORTED_MESSAGE_TYPE);
    Appointment unsupported = book(tuesdayAt(17, 0), "Err" + Tags.letters());
    rows.await(List.of(unsupported.id()), r -> r.getFirst().state().equals("dead"));
    SiuRows.Row rejected = rows.of(unsupported.id()).getFirst();
    assertThat(rejected.attempts()).isEqualTo(1);
    assertThat(rejected.lastError()).contains("200");

    peer.reset();
    clock.advance(Duration.ofSeconds(1));
    rows.awaitDelivered(List.of(refused.id()));
    assertThat(peer.appliedOf(refused.id()))
        .extracting(TestPeer.Received::event)
        .containsExactly("S12");
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
    assertThat(rows.of(id)).isEmpty();

    appointments.cancel(new CancelAppointment(AppointmentId.of(id), "Doctor ill", "test"));

    assertThat(rows.of(id)).extracting(SiuRows.Row::kind).containsExactly("appointment.cancelled");
    rows.awaitDelivered(List.of(id));
    List<TestPeer.Received> sent = peer.appliedOf(id);
    assertThat(sent).extracting(TestPeer.Received::event).containsExactly("S15");
    Terser s15 = new Terser(sent.getFirst().message());
    assertThat(s15.get("/SCH-2-1")).isEqualTo(filler);
    assertThat(s15.get("/SCH-25-1")).isEqualTo("Cancelled");
  }

  // ------------------------------------------------------------------------------ helpers

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
