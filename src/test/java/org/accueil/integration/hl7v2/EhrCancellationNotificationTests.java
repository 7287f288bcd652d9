package org.accueil.integration.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.assistant.AssistantTest;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.twilio.TwilioRecorder;
import org.accueil.notifications.Notifications;
import org.accueil.patients.Channel;
import org.accueil.patients.Identifier;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A booking the practice makes in its EHR reaches the patient as any other (confirmation,
 * reminders); the receptionist's cancellation in the EHR the next morning (SIU^S15 over MLLP) drops
 * the reminders and tells the patient.
 */
@AssistantTest
class EhrCancellationNotificationTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final LocalDateTime NOW = LocalDateTime.of(2027, 4, 5, 9, 0);

  @Autowired MllpListener listener;
  @Autowired PracticeAdministration admin;
  @Autowired Patients patients;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;
  @Autowired Notifications notifications;
  @Autowired ChannelOutbox outbox;
  @Autowired TwilioRecorder twilioApi;

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
  void aCancellationInTheEhrCancelsTheRemindersAndTellsThePatient() throws Exception {
    String mrn = "MRN" + Tags.letters();
    String phone = "+3367" + (1000000 + (int) (Math.random() * 8999999));
    patients.register(
        new PatientDetails(
            "Lina",
            "Ehr" + Tags.letters(),
            LocalDate.of(1990, 5, 6),
            phone,
            null,
            null,
            null,
            null,
            "fr",
            Channel.SMS,
            List.of(new Identifier("mrn", mrn))));
    String filler = "F-" + Tags.letters();
    PeerMessage s12 =
        PeerMessage.siu("S12")
            .sentAt(NOW.atZone(PARIS))
            .at(thursdayAt(10, 0))
            .minutes(30)
            .provider(clinic.provider.id())
            .service(clinic.consultation.code())
            .status("Booked")
            .filler(filler)
            .patient(mrn, "Someone", "Else", "19900506");
    peer.send(s12);
    UUID appointment = (UUID) settled(s12.controlId()).get("appointment_id");
    assertThat(kinds(appointment, "scheduled")).contains("reminder", "reminder");
    notifications.sendDue();
    assertThat(textContaining(phone, "RDV pris")).contains("jeudi 8 avril à 10:00");

    clock.setParis(NOW.plusDays(1));
    PeerMessage s15 = PeerMessage.siu("S15").filler(filler).sentAt(NOW.plusDays(1).atZone(PARIS));
    assertThat(PeerClient.ackCode(peer.send(s15))).isEqualTo("AA");
    assertThat(settled(s15.controlId()).get("state")).isEqualTo("applied");

    assertThat(kinds(appointment, "scheduled")).isEmpty();
    assertThat(kinds(appointment, "cancelled")).containsExactly("reminder", "reminder");
    notifications.sendDue();
    assertThat(textContaining(phone, "annulé")).contains("jeudi 8 avril à 10:00");
  }

  private static ZonedDateTime thursdayAt(int hour, int minute) {
    return LocalDateTime.of(2027, 4, 8, hour, minute).atZone(PARIS);
  }

  private List<String> kinds(UUID appointment, String status) {
    return jdbc.sql(
            "SELECT kind FROM notification WHERE appointment_id = :a AND status = :s ORDER BY kind")
        .param("a", appointment)
        .param("s", status)
        .query(String.class)
        .list();
  }

  private String textContaining(String phone, String words) throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      outbox.sendPending();
      var found =
          twilioApi.sentTo(phone).stream()
              .map(r -> r.form().get("Body"))
              .filter(b -> b.contains(words))
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError(
        "No text with "
            + words
            + " among "
            + twilioApi.sentTo(phone).stream().map(r -> r.form().get("Body")).toList());
  }

  private Map<String, Object> settled(String controlId) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      Map<String, Object> row =
          jdbc.sql("SELECT state, appointment_id FROM hl7v2_inbox WHERE control_id = :c")
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
