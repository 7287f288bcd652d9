package org.accueil.integration.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.accueil.disruptions.AffectedPatient;
import org.accueil.disruptions.AffectedPatient.State;
import org.accueil.disruptions.Disruption;
import org.accueil.disruptions.Disruption.Reason;
import org.accueil.disruptions.Disruptions;
import org.accueil.disruptions.Disruptions.Progress;
import org.accueil.patients.PatientDetails;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.TimeOff;
import org.accueil.scheduling.Appointment;
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
 * The practice-management system blocks a provider's time (SIU S23, over MLLP): over booked
 * appointments the block is a disruption, its patients listed and reached with other times, the
 * reason read from the message; a block sent again is applied once; a block over nobody is only
 * time off.
 */
@AccueilTest
class Hl7DisruptionTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** Monday 2027-04-05, 07:00 in Paris. */
  static final LocalDateTime NOW = LocalDateTime.of(2027, 4, 5, 7, 0);

  @Autowired MllpListener listener;
  @Autowired PracticeAdministration admin;
  @Autowired PracticeDirectory practice;
  @Autowired Appointments appointments;
  @Autowired Disruptions disruptions;
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
  void aBlockOverTwoBookedAppointmentsIsADisruptionWithTheReasonTheMessageGives() throws Exception {
    Appointment ten = booked(tuesdayAt(10, 0));
    Appointment eleven = booked(tuesdayAt(11, 0));
    PeerMessage s23 =
        block("B-" + Tags.letters(), tuesdayAt(10, 0), tuesdayAt(12, 0), 0)
            .reason("Dr absent - malade");

    assertThat(PeerClient.ackCode(peer.send(s23))).isEqualTo("AA");

    Map<String, Object> settled = settled(s23.controlId());
    assertThat(settled.get("state")).as(settled.toString()).isEqualTo("applied");
    assertThat((String) settled.get("outcome")).contains("disruption");
    // The time is blocked at once: nobody books into it any more.
    assertThat(bookByStaff(tuesdayAt(10, 30))).isInstanceOf(BookingResult.Refused.class);
    List<Disruption> found = disruptionsOfTheClinic();
    assertThat(found).hasSize(1);
    Disruption d = found.getFirst();
    assertThat(d.source()).isEqualTo("hl7v2");
    assertThat(d.reason()).isEqualTo(Reason.ILL);
    // SCH-6 is read for the reason kind, not kept.
    assertThat(d.note()).isEmpty();
    assertThat(d.start()).isEqualTo(tuesdayAt(10, 0).toInstant());
    assertThat(d.end()).isEqualTo(tuesdayAt(12, 0).toInstant());
    assertThat(d.timeOff()).isEqualTo(timeOff().getFirst().id());
    Progress progress = disruptions.progress(d.id());
    assertThat(progress.counts().affected()).isEqualTo(2);
    assertThat(progress.patients())
        .extracting(AffectedPatient::appointment)
        .containsExactly(ten.id(), eleven.id());
    // contact-from-ehr is on by default: the patients are to be reached, not left for staff.
    assertThat(progress.patients())
        .extracting(AffectedPatient::state)
        .doesNotContain(State.PLANNED);
  }

  @Test
  void theSameBlockSentAgainMakesNoSecondDisruption() throws Exception {
    booked(tuesdayAt(14, 0));
    String filler = "B-" + Tags.letters();
    PeerMessage s23 =
        block(filler, tuesdayAt(14, 0), tuesdayAt(15, 0), 0).reason("Formation continue");
    peer.send(s23);
    assertThat(settled(s23.controlId()).get("state")).isEqualTo("applied");

    // The very message again (a retry: acknowledged, stored once), then the same block in a new
    // message, as a system sending its schedule again would.
    peer.send(s23);
    PeerMessage again =
        block(filler, tuesdayAt(14, 0), tuesdayAt(15, 0), 1).reason("Formation continue");
    peer.send(again);

    Map<String, Object> settled = settled(again.controlId());
    assertThat(settled.get("state")).as(settled.toString()).isEqualTo("applied");
    assertThat(settled.get("outcome")).isEqualTo("Already blocked.");
    List<Disruption> found = disruptionsOfTheClinic();
    assertThat(found).hasSize(1);
    assertThat(found.getFirst().reason()).isEqualTo(Reason.TRAINING);
    assertThat(disruptions.progress(found.getFirst().id()).counts().affected()).isOne();
    assertThat(timeOff()).hasSize(1);
  }

  @Test
  void aBlockOverNobodyIsOnlyTimeOff() throws Exception {
    PeerMessage s23 = block("B-" + Tags.letters(), tuesdayAt(16, 0), tuesdayAt(17, 0), 0);

    peer.send(s23);

    Map<String, Object> settled = settled(s23.controlId());
    assertThat(settled.get("state")).as(settled.toString()).isEqualTo("applied");
    assertThat((String) settled.get("outcome")).doesNotContain("disruption");
    assertThat(timeOff()).hasSize(1);
    assertThat(disruptionsOfTheClinic()).isEmpty();
    assertThat(bookByStaff(tuesdayAt(16, 0))).isInstanceOf(BookingResult.Refused.class);
  }

  @Test
  void aMovedBlockListsTheAppointmentsItNowCoversOnceEach() throws Exception {
    Appointment nine = booked(tuesdayAt(9, 0));
    Appointment ten = booked(tuesdayAt(10, 0));
    Appointment eleven = booked(tuesdayAt(11, 0));
    String filler = "B-" + Tags.letters();
    PeerMessage first = block(filler, tuesdayAt(9, 0), tuesdayAt(10, 30), 0).reason("retard");
    peer.send(first);
    assertThat(settled(first.controlId()).get("state")).isEqualTo("applied");

    // Moved an hour later: the 10:00 patient is worked on already, the 11:00 one is new.
    PeerMessage moved = block(filler, tuesdayAt(10, 0), tuesdayAt(11, 30), 1).reason("retard");
    peer.send(moved);

    Map<String, Object> settled = settled(moved.controlId());
    assertThat(settled.get("state")).as(settled.toString()).isEqualTo("applied");
    assertThat(timeOff()).hasSize(1);
    assertThat(timeOff().getFirst().start()).isEqualTo(tuesdayAt(10, 0).toInstant());
    List<Disruption> found = disruptionsOfTheClinic();
    assertThat(found).hasSize(2);
    // Both made at the test clock's one instant: told apart by their times.
    Disruption earlier = startingAt(found, tuesdayAt(9, 0));
    Disruption second = startingAt(found, tuesdayAt(10, 0));
    assertThat(second.reason()).isEqualTo(Reason.LATE);
    assertThat(second.timeOff()).isEqualTo(timeOff().getFirst().id());
    // The first block's time off is gone; the record of its disruption stays.
    assertThat(earlier.timeOff()).isNull();
    assertThat(disruptions.progress(earlier.id()).patients())
        .extracting(AffectedPatient::appointment)
        .containsExactly(nine.id(), ten.id());
    assertThat(disruptions.progress(second.id()).patients())
        .extracting(AffectedPatient::appointment)
        .containsExactly(eleven.id());
  }

  // ------------------------------------------------------------------------------ helpers

  private PeerMessage block(
      String filler, ZonedDateTime start, ZonedDateTime end, int sentMinutesAfterNow) {
    return PeerMessage.siu("S23")
        .filler(filler)
        .sentAt(NOW.plusMinutes(sentMinutesAfterNow).atZone(PARIS))
        .at(start)
        .until(end)
        .provider(clinic.provider.id());
  }

  private static Disruption startingAt(List<Disruption> found, ZonedDateTime start) {
    return found.stream()
        .filter(d -> d.start().equals(start.toInstant()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No disruption from " + start + " in " + found));
  }

  /** The clinic's disruptions, the newest first. */
  private List<Disruption> disruptionsOfTheClinic() {
    return disruptions.recent(30).stream()
        .filter(d -> d.provider().equals(clinic.provider.id()))
        .toList();
  }

  private Appointment booked(ZonedDateTime start) {
    BookingResult<Appointment> result = bookByStaff(start);
    assertThat(result).isInstanceOf(BookingResult.Success.class);
    return ((BookingResult.Success<Appointment>) result).value();
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

  private static ZonedDateTime tuesdayAt(int hour, int minute) {
    return LocalDateTime.of(2027, 4, 6, hour, minute).atZone(PARIS);
  }

  private List<TimeOff> timeOff() {
    return practice.timeOff(
        List.of(clinic.provider.id()), tuesdayAt(0, 0).toInstant(), tuesdayAt(23, 0).toInstant());
  }

  /** The row once the worker is done with it. */
  private Map<String, Object> settled(String controlId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Map<String, Object> row =
          jdbc.sql("SELECT state, outcome FROM hl7v2_inbox WHERE control_id = :c")
              .param("c", controlId)
              .query()
              .singleRow();
      if (!"pending".equals(row.get("state")) || System.nanoTime() > deadline) {
        return row;
      }
      Thread.sleep(50);
    }
  }
}
