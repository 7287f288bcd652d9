package org.accueil.integration.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.Identifier;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
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
 * A practice-management system sends SIU messages to Accueil's listener with HAPI's MLLP client:
 * each is stored before it is acknowledged, applied once, in its appointment's order.
 */
@AccueilTest
class Hl7InboundTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** Monday 2027-04-05, 07:00 in Paris. */
  static final LocalDateTime NOW = LocalDateTime.of(2027, 4, 5, 7, 0);

  @Autowired MllpListener listener;
  @Autowired PracticeAdministration admin;
  @Autowired PracticeDirectory practice;
  @Autowired Appointments appointments;
  @Autowired Patients patients;
  @Autowired Hl7Inbox inbox;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  ClinicFixture clinic;
  PeerClient peer;

  @BeforeEach
  void aClinicAndAPeer() {
    clock.setParis(NOW);
    clinic = ClinicFixture.create(admin);
    peer = new PeerClient(listener.port());
  }

  @AfterEach
  void closePeer() throws Exception {
    peer.close();
  }

  @Test
  void aBookingFromThePeerIsStoredBeforeItsAckAndBecomesAnAppointment() throws Exception {
    String mrn = "MRN" + Tags.letters();
    PeerMessage s12 =
        booking("F-" + Tags.letters(), tuesdayAt(10, 0))
            .patient(mrn, "Durand", "Lea" + Tags.letters(), "19800214");

    Message ack = peer.send(s12);

    assertThat(PeerClient.ackCode(ack)).isEqualTo("AA");
    assertThat(new Terser(ack).get("/MSA-2")).isEqualTo(s12.controlId());
    // The ACK promised this row: it was committed before the ACK left.
    assertThat(row(s12.controlId())).isNotNull();
    Map<String, Object> settled = settled(s12.controlId());
    assertThat(settled.get("state")).as(settled.toString()).isEqualTo("applied");
    Appointment booked =
        appointments.find(AppointmentId.of((UUID) settled.get("appointment_id"))).orElseThrow();
    assertThat(booked.start()).isEqualTo(tuesdayAt(10, 0).toInstant());
    assertThat(booked.provider()).isEqualTo(clinic.provider.id());
    assertThat(booked.type()).isEqualTo(clinic.consultation.id());
    assertThat(booked.source()).isEqualTo(Source.EHR);
    assertThat(booked.status()).isEqualTo(AppointmentStatus.BOOKED);
    assertThat(patients.record(patients.find(booked.patient()).orElseThrow()).identifiers())
        .extracting(i -> i.system() + "|" + i.value())
        .containsExactly("mrn|" + mrn);
    // Not echoed back to the peer it came from.
    assertThat(siuRowsOf(booked.id())).isZero();
  }

  @Test
  void aMessageSentAgainIsAcknowledgedAgainAndAppliedOnce() throws Exception {
    PeerMessage s12 =
        booking("F-" + Tags.letters(), tuesdayAt(11, 0))
            .patient("MRN" + Tags.letters(), "Petit", "Jean" + Tags.letters(), "19750101");

    Message first = peer.send(s12);
    settled(s12.controlId());
    Message again = peer.send(s12);

    assertThat(PeerClient.ackCode(first)).isEqualTo("AA");
    assertThat(PeerClient.ackCode(again)).isEqualTo("AA");
    assertThat(
            jdbc.sql("SELECT count(*) FROM hl7v2_inbox WHERE control_id = :c")
                .param("c", s12.controlId())
                .query(Integer.class)
                .single())
        .isOne();
    assertThat(appointmentsOfTheClinic()).hasSize(1);
  }

  @Test
  void aKnownIdentifierBooksTheSamePatientAndNeverRegistersThemTwice() throws Exception {
    String mrn = "MRN" + Tags.letters();
    var known =
        patients.register(
            new PatientDetails(
                "Anne" + Tags.letters(),
                "Known",
                LocalDate.of(1990, 5, 6),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                List.of(new Identifier("mrn", mrn))));

    PeerMessage s12 =
        booking("F-" + Tags.letters(), tuesdayAt(9, 0)).patient(mrn, "Someone", "Else", "19900506");
    peer.send(s12);

    Map<String, Object> settled = settled(s12.controlId());
    Appointment booked =
        appointments.find(AppointmentId.of((UUID) settled.get("appointment_id"))).orElseThrow();
    assertThat(booked.patient()).isEqualTo(known.id());
  }

  @Test
  void aCancellationFromThePeerCancelsAndFreesTheTime() throws Exception {
    String filler = "F-" + Tags.letters();
    PeerMessage s12 =
        booking(filler, tuesdayAt(14, 0))
            .patient("MRN" + Tags.letters(), "Roux", "Paul" + Tags.letters(), "19600303");
    peer.send(s12);
    UUID id = (UUID) settled(s12.controlId()).get("appointment_id");

    PeerMessage s15 =
        PeerMessage.siu("S15").filler(filler).sentAt(sentAt(1)).reason("Patient called");
    assertThat(PeerClient.ackCode(peer.send(s15))).isEqualTo("AA");

    assertThat(settled(s15.controlId()).get("state")).isEqualTo("applied");
    Appointment cancelled = appointments.find(AppointmentId.of(id)).orElseThrow();
    assertThat(cancelled.status()).isEqualTo(AppointmentStatus.CANCELLED);
    assertThat(siuRowsOf(id)).isZero();
    BookingResult<Appointment> again = bookByStaff(tuesdayAt(14, 0));
    assertThat(again).isInstanceOf(BookingResult.Success.class);
  }

  @Test
  void oneAppointmentsMessagesAreAppliedInTheirOrderWhateverOrderTheyArriveIn() throws Exception {
    String filler = "F-" + Tags.letters();
    // The cancellation (sent at 07:02) arrives before the booking (sent at 07:00).
    PeerMessage s15 = PeerMessage.siu("S15").filler(filler).sentAt(sentAt(2));
    PeerMessage s12 =
        booking(filler, tuesdayAt(15, 0))
            .sentAt(sentAt(0))
            .patient("MRN" + Tags.letters(), "Blanc", "Eva" + Tags.letters(), "19850707");

    peer.send(s15);
    Thread.sleep(300);
    peer.send(s12);

    Map<String, Object> booked = settled(s12.controlId());
    Map<String, Object> cancelled = settled(s15.controlId());
    assertThat(booked.get("state")).as(booked.toString()).isEqualTo("applied");
    assertThat(cancelled.get("state")).as(cancelled.toString()).isEqualTo("applied");
    Appointment appointment =
        appointments.find(AppointmentId.of((UUID) booked.get("appointment_id"))).orElseThrow();
    assertThat(appointment.status()).isEqualTo(AppointmentStatus.CANCELLED);
    // Applied, not ignored: it found the booking, so it ran after it.
    assertThat(cancelled.get("appointment_id")).isEqualTo(booked.get("appointment_id"));
  }

  @Test
  void aModificationThatArrivesLateDoesNotUndoALaterOne() throws Exception {
    String filler = "F-" + Tags.letters();
    String mrn = "MRN" + Tags.letters();
    PeerMessage s12 =
        booking(filler, tuesdayAt(9, 0))
            .sentAt(sentAt(0))
            .patient(mrn, "Noir", "Ugo" + Tags.letters(), "19700101");
    PeerMessage moveTo11 =
        booking(filler, tuesdayAt(11, 30), "S13")
            .sentAt(sentAt(2))
            .patient(mrn, "Noir", "Ugo", "19700101");
    PeerMessage lateMoveTo10 =
        booking(filler, tuesdayAt(10, 0), "S13")
            .sentAt(sentAt(1))
            .patient(mrn, "Noir", "Ugo", "19700101");

    peer.send(s12);
    settled(s12.controlId());
    peer.send(moveTo11);
    settled(moveTo11.controlId());
    peer.send(lateMoveTo10);

    assertThat(settled(lateMoveTo10.controlId()).get("state")).isEqualTo("superseded");
    Appointment appointment =
        appointments
            .find(AppointmentId.of((UUID) settled(s12.controlId()).get("appointment_id")))
            .orElseThrow();
    assertThat(appointment.start()).isEqualTo(tuesdayAt(11, 30).toInstant());
  }

  @Test
  void thePmsMovingItsOwnAppointmentIsRecordedWhereItSaysOutsideOurHoursAndKeepsItsId()
      throws Exception {
    String filler = "F-" + Tags.letters();
    String mrn = "MRN" + Tags.letters();
    PeerMessage s12 =
        booking(filler, tuesdayAt(9, 0))
            .sentAt(sentAt(0))
            .patient(mrn, "Gris", "Ana" + Tags.letters(), "19700101");
    // 18:30 is after the provider's hours here (08:00-18:00): the PMS's decision all the same.
    PeerMessage s13 =
        booking(filler, tuesdayAt(18, 30), "S13")
            .minutes(45)
            .sentAt(sentAt(1))
            .patient(mrn, "Gris", "Ana", "19700101");

    peer.send(s12);
    UUID id = (UUID) settled(s12.controlId()).get("appointment_id");
    peer.send(s13);

    Map<String, Object> moved = settled(s13.controlId());
    assertThat(moved.get("state")).as(moved.toString()).isEqualTo("applied");
    assertThat(moved.get("appointment_id")).isEqualTo(id);
    Appointment appointment = appointments.find(AppointmentId.of(id)).orElseThrow();
    assertThat(appointment.status()).isEqualTo(AppointmentStatus.BOOKED);
    assertThat(appointment.start()).isEqualTo(tuesdayAt(18, 30).toInstant());
    assertThat(appointment.end()).as("the PMS's length").isEqualTo(tuesdayAt(19, 15).toInstant());
    assertThat(appointmentsOfTheClinic()).hasSize(1);
    // Its old time is free again for bookings made here.
    assertThat(bookByStaff(tuesdayAt(9, 0))).isInstanceOf(BookingResult.Success.class);
    // Not echoed back to the peer it came from.
    assertThat(siuRowsOf(appointment.id())).isZero();
  }

  @Test
  void aTimeTakenHereIsKeptForStaffWithNothingHalfWritten() throws Exception {
    assertThat(bookByStaff(tuesdayAt(16, 0))).isInstanceOf(BookingResult.Success.class);
    String mrn = "MRN" + Tags.letters();
    PeerMessage s12 =
        booking("F-" + Tags.letters(), tuesdayAt(16, 0))
            .patient(mrn, "Vert", "Zoe" + Tags.letters(), "19950909");

    assertThat(PeerClient.ackCode(peer.send(s12))).isEqualTo("AA");

    Map<String, Object> settled = settled(s12.controlId());
    assertThat(settled.get("state")).isEqualTo("failed");
    assertThat((String) settled.get("outcome")).contains("taken");
    // The patient registered on the way was rolled back with the booking.
    assertThat(
            patients.search(
                null, null, null, null, null, new Identifier("mrn", mrn), Patients.LIVE, 2))
        .isEmpty();
  }

  @Test
  void aBlockedTimeIsTheProvidersTimeOffUntilItIsOpenedAgain() throws Exception {
    String filler = "B-" + Tags.letters();
    PeerMessage s23 =
        PeerMessage.siu("S23")
            .filler(filler)
            .sentAt(sentAt(0))
            .at(tuesdayAt(12, 0))
            .until(tuesdayAt(14, 0))
            .provider(clinic.provider.id());

    assertThat(PeerClient.ackCode(peer.send(s23))).isEqualTo("AA");
    assertThat(settled(s23.controlId()).get("state")).isEqualTo("applied");
    assertThat(timeOff()).hasSize(1);
    assertThat(timeOff().getFirst().start()).isEqualTo(tuesdayAt(12, 0).toInstant());
    assertThat(bookByStaff(tuesdayAt(12, 30))).isInstanceOf(BookingResult.Refused.class);

    PeerMessage s24 =
        PeerMessage.siu("S24")
            .filler(filler)
            .sentAt(sentAt(1))
            .at(tuesdayAt(12, 0))
            .until(tuesdayAt(14, 0))
            .provider(clinic.provider.id());
    peer.send(s24);

    assertThat(settled(s24.controlId()).get("state")).isEqualTo("applied");
    assertThat(timeOff()).isEmpty();
  }

  @Test
  void aMessageWithoutItsFillerIdIsAnsweredAeAndStored() throws Exception {
    PeerMessage noFiller =
        booking(null, tuesdayAt(10, 0)).patient("MRN" + Tags.letters(), "A", "B", "19800101");

    Message ack = peer.send(noFiller);

    assertThat(PeerClient.ackCode(ack)).isEqualTo("AE");
    assertThat(new Terser(ack).get("/ERR-3-1")).isEqualTo("101");
    assertThat(row(noFiller.controlId())).containsEntry("state", "rejected");
  }

  @Test
  void anUnsupportedMessageIsAnsweredArAndStored() throws Exception {
    String control = "ADT" + Tags.letters();
    String adt =
        "MSH|^~\\&|PMS|CLINIC|ACCUEIL|ACCUEIL|20270405070000||ADT^A08^ADT_A01|"
            + control
            + "|P|2.5.1\rEVN|A08|20270405070000\rPID|1||123^^^PMS^MR||Doe^John\r";

    Message ack = peer.send(adt);

    assertThat(PeerClient.ackCode(ack)).isEqualTo("AR");
    assertThat(new Terser(ack).get("/ERR-3-1")).isEqualTo("200");
    assertThat(row(control)).containsEntry("state", "rejected");
  }

  @Test
  void garbageIsAnsweredAeAndStoredNonetheless() throws Exception {
    String text = "this is not HL7 at all " + Tags.letters();

    String answer = peer.sendRaw(text);

    assertThat(answer).contains("MSA|AE");
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM hl7v2_inbox WHERE state = 'rejected' AND control_id IS NULL"
                        + " AND received_at = :at")
                .param("at", Hl7Inbox.utc(clock.instant()))
                .query(Integer.class)
                .single())
        .isPositive();
  }

  @Test
  void settledMessagesAreForgottenAfterTheRetentionAndPendingOnesNever() throws Exception {
    PeerMessage s12 =
        booking("F-" + Tags.letters(), tuesdayAt(8, 0))
            .patient("MRN" + Tags.letters(), "Gris", "Ida" + Tags.letters(), "19880808");
    peer.send(s12);
    settled(s12.controlId());
    long pending =
        jdbc.sql(
                """
                INSERT INTO hl7v2_inbox (sending_application, sending_facility, control_id,
                  ordered_at, received_at, message, ack_code, state, not_before)
                VALUES ('PMS', 'CLINIC', :c, :at, :at, '\\x00', 'AA', 'pending',
                        now() + interval '1 day')
                RETURNING id
                """)
            .param("c", "P" + Tags.letters())
            .param("at", Hl7Inbox.utc(clock.instant().minus(Duration.ofDays(400))))
            .query(Long.class)
            .single();
    try {
      inbox.forgetSettledBefore(clock.instant().plus(Duration.ofDays(1)));

      assertThat(
              jdbc.sql("SELECT count(*) FROM hl7v2_inbox WHERE control_id = :c")
                  .param("c", s12.controlId())
                  .query(Integer.class)
                  .single())
          .isZero();
      assertThat(
              jdbc.sql("SELECT count(*) FROM hl7v2_inbox WHERE id = :id")
                  .param("id", pending)
                  .query(Integer.class)
                  .single())
          .isOne();
    } finally {
      jdbc.sql("DELETE FROM hl7v2_inbox WHERE id = :id").param("id", pending).update();
    }
  }

  // ------------------------------------------------------------------------------ helpers

  /** How many outbox rows were written for the HL7 peer about appointment {@code id}. */
  private int siuRowsOf(Object id) {
    return jdbc.sql(
            "SELECT count(*) FROM integration_outbox WHERE destination = 'hl7v2' AND key = :key")
        .param("key", "appointment:" + id)
        .query(Integer.class)
        .single();
  }

  private PeerMessage booking(String filler, ZonedDateTime start) {
    return booking(filler, start, "S12");
  }

  private PeerMessage booking(String filler, ZonedDateTime start, String event) {
    PeerMessage m =
        PeerMessage.siu(event)
            .sentAt(sentAt(0))
            .at(start)
            .minutes(30)
            .provider(clinic.provider.id())
            .service(clinic.consultation.code())
            .status("Booked");
    return filler == null ? m : m.filler(filler);
  }

  private static ZonedDateTime tuesdayAt(int hour, int minute) {
    return LocalDateTime.of(2027, 4, 6, hour, minute).atZone(PARIS);
  }

  private static ZonedDateTime sentAt(int minutesAfterNow) {
    return NOW.plusMinutes(minutesAfterNow).atZone(PARIS);
  }

  private BookingResult<Appointment> bookByStaff(ZonedDateTime start) {
    return appointments.book(
        new BookAppointment(
            null,
            clinic.consultation.id(),
            clinic.provider.id(),
            start.toInstant(),
            null,
            null,
            new PatientDetails(
                "Staff" + Tags.letters(), "Booked", LocalDate.of(1970, 1, 1), null, null),
            null,
            Source.STAFF,
            "test"));
  }

  private List<Appointment> appointmentsOfTheClinic() {
    return appointments.list(
        new org.accueil.scheduling.Commands.AppointmentQuery(
            tuesdayAt(0, 0).toInstant(),
            tuesdayAt(23, 0).toInstant(),
            clinic.provider.id(),
            null,
            null,
            100));
  }

  private List<org.accueil.practice.TimeOff> timeOff() {
    return practice.timeOff(
        List.of(clinic.provider.id()), tuesdayAt(0, 0).toInstant(), tuesdayAt(23, 0).toInstant());
  }

  private Map<String, Object> row(String controlId) {
    return jdbc.sql(
            "SELECT state, outcome, appointment_id, applied_at FROM hl7v2_inbox WHERE control_id = :c")
        .param("c", controlId)
        .query()
        .singleRow();
  }

  /** The row once the worker is done with it. */
  private Map<String, Object> settled(String controlId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Map<String, Object> row = row(controlId);
      if (!"pending".equals(row.get("state")) || System.nanoTime() > deadline) {
        return row;
      }
      Thread.sleep(50);
    }
  }
}
