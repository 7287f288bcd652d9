package org.accueil.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.twilio.TwilioRecorder;
import org.accueil.channels.twilio.TwilioWebhookClient;
import org.accueil.channels.whatsapp.MetaRecorder;
import org.accueil.disruptions.AffectedPatient;
import org.accueil.disruptions.Disruption;
import org.accueil.disruptions.Disruptions;
import org.accueil.disruptions.OfferLines;
import org.accueil.notifications.Notifications;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.patients.Patients;
import org.accueil.practice.PracticeAdministration;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Source;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.SmsPatients;
import org.accueil.testing.StaffSessions;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the assistant does with the answers to a disruption's held times that the journey test does
 * not make: "no" twice, an answer after the deadline, a day with nothing free, and a tap on the
 * offer while staff have the conversation.
 */
@AssistantTest
class DisruptionRepliesTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired PracticeAdministration admin;
  @Autowired Patients patients;
  @Autowired Appointments appointments;
  @Autowired Disruptions disruptions;
  @Autowired Notifications notifications;
  @Autowired ChannelInbox inbox;
  @Autowired ChannelOutbox outbox;
  @Autowired TwilioRecorder twilio;
  @Autowired TwilioWebhookClient twilioWebhooks;
  @Autowired MetaRecorder meta;
  @Autowired StaffSessions sessions;

  ClinicFixture clinic;
  LocalDate day = LocalDate.of(2027, 4, 6);

  @BeforeEach
  void aClinicOfItsOwn() {
    clinic = ClinicFixture.create(admin);
    clock.setParis(day.atTime(8, 0));
  }

  @Test
  void noTwiceAsksForAnotherDayThenPutsThePatientOnTheCallList() {
    Patient p = SmsPatients.register(patients, "en", Channel.SMS);
    Appointment a = offered(p);

    SmsPatients.text(twilioWebhooks, inbox, p, "No");
    SmsPatients.containing(inbox, outbox, twilio, p, "Which day and time would suit you");
    SmsPatients.text(twilioWebhooks, inbox, p, "No, none of them");
    SmsPatients.containing(inbox, outbox, twilio, p, "will call you");

    assertThat(disruptions.callList())
        .anyMatch(c -> c.patient().appointment().equals(a.id()))
        .filteredOn(c -> c.patient().appointment().equals(a.id()))
        .allMatch(c -> "none-suits".equals(c.patient().escalation()));
    assertThat(conversationState(p)).isEqualTo("waiting_for_staff");
    // The times held for the patient are free again.
    assertThat(heldFor(a)).isZero();
  }

  @Test
  void anAnswerAfterTheDeadlineIsToldStaffWillCall() {
    Patient p = SmsPatients.register(patients, "fr", Channel.SMS);
    Appointment a = offered(p);
    AffectedPatient row = disruptions.offeredTo(p.id()).orElseThrow();

    clock.set(row.escalateAt().plusSeconds(1));
    disruptions.runPass();
    SmsPatients.text(twilioWebhooks, inbox, p, "2");

    SmsPatients.containing(inbox, outbox, twilio, p, "va vous appeler rapidement");
    assertThat(appointments.find(a.id()).orElseThrow().start())
        .as("the late answer moves nothing")
        .isEqualTo(a.start());
    assertThat(conversationState(p)).isEqualTo("waiting_for_staff");
  }

  @Test
  void aDayWithNothingFreeKeepsTheTimesHeld() {
    Patient p = SmsPatients.register(patients, "fr", Channel.SMS);
    Appointment a = offered(p);
    List<AffectedPatient.OfferedTime> before = disruptions.offeredTo(p.id()).orElseThrow().offers();

    // The clinic does not open on Sundays.
    SmsPatients.text(twilioWebhooks, inbox, p, "Est-ce que je peux venir dimanche matin ?");

    SmsPatients.containing(inbox, outbox, twilio, p, "rien n'est libre");
    assertThat(disruptions.offeredTo(p.id()).orElseThrow().offers()).isEqualTo(before);
    assertThat(appointments.find(a.id()).orElseThrow().start()).isEqualTo(a.start());
  }

  @Test
  void anotherDayKeepsAnOfferedTimeThatFallsInItAndAddsOthersThen() {
    Patient p = SmsPatients.register(patients, "fr", Channel.SMS);
    offered(p);
    AffectedPatient before = disruptions.offeredTo(p.id()).orElseThrow();
    java.time.Instant afternoon = day.plusDays(1).atTime(12, 0).atZone(PARIS).toInstant();
    List<AffectedPatient.OfferedTime> tomorrowAfternoon =
        before.offers().stream().filter(o -> !o.start().isBefore(afternoon)).toList();
    assertThat(tomorrowAfternoon).as(before.offers().toString()).isNotEmpty();

    SmsPatients.text(twilioWebhooks, inbox, p, "Plutôt demain après-midi si possible");

    SmsPatients.containing(inbox, outbox, twilio, p, "Ces horaires sont libres");
    AffectedPatient after = disruptions.offeredTo(p.id()).orElseThrow();
    assertThat(after.rounds()).isEqualTo(2);
    assertThat(after.offers()).hasSize(3).allMatch(o -> !o.start().isBefore(afternoon));
    assertThat(after.offers().stream().map(AffectedPatient.OfferedTime::hold))
        .as("the time already held that afternoon stays offered")
        .contains(tomorrowAfternoon.getFirst().hold());
    // Nothing held for the patient but what they are offered.
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM appointment WHERE status = 'proposed'"
                        + " AND created_by = 'disruption' AND provider_id = :p")
                .param("p", clinic.provider.id().value())
                .query(Integer.class)
                .single())
        .isEqualTo(3);
  }

  @Test
  void aTapOnTheOfferIsTakenWhileStaffHaveTheConversationWhichStaysTheirs() {
    Patient p = SmsPatients.register(patients, "fr", Channel.WHATSAPP);
    Appointment a = offered(p);
    AffectedPatient row = disruptions.offeredTo(p.id()).orElseThrow();
    String conversation = conversationOf(p);
    var assigned =
        sessions
            .signIn(List.of("FRONT_DESK"), null)
            .post("/api/v1/conversations/" + conversation + "/assign", Map.of("assignee", "me"));
    assertThat(assigned.status()).as(assigned.toString()).isEqualTo(200);

    WhatsAppPatient onWhatsApp =
        new WhatsAppPatient(api, clock, jdbc, inbox, outbox, meta, p.phone());
    String answer = onWhatsApp.picks(OfferLines.choice(row, 2), "2");

    assertThat(answer).contains("C'est fait");
    assertThat(appointments.find(a.id()).orElseThrow().start())
        .isEqualTo(row.offers().get(1).start());
    assertThat(
            jdbc.sql("SELECT assignee IS NOT NULL FROM conversation WHERE id = :c")
                .param("c", UUID.fromString(conversation))
                .query(Boolean.class)
                .single())
        .as("still assigned")
        .isTrue();
  }

  // ------------------------------------------------------------------------------- helpers

  /** A visit at 15:00 inside a block of 14:00-16:00, its patient offered the next free times. */
  private Appointment offered(Patient p) {
    Appointment a =
        SmsPatients.book(
            appointments,
            clinic,
            p,
            day.atTime(15, 0).atZone(PARIS).toInstant(),
            false,
            Source.STAFF);
    notifications.sendDue();
    disruptions.block(
        new Disruptions.Block(
            clinic.provider.id(),
            day.atTime(14, 0).atZone(PARIS).toOffsetDateTime(),
            day.atTime(16, 0).atZone(PARIS).toOffsetDateTime(),
            Disruption.Reason.LATE,
            null,
            Disruption.Action.SAME_PROVIDER,
            true,
            "test"));
    disruptions.runPass();
    notifications.sendDue();
    for (int i = 0; i < 5; i++) {
      outbox.sendPending();
    }
    assertThat(disruptions.offeredTo(p.id())).isPresent();
    return a;
  }

  private String conversationState(Patient p) {
    return jdbc.sql("SELECT state FROM conversation WHERE patient_id = :p")
        .param("p", p.id().value())
        .query(String.class)
        .single();
  }

  private String conversationOf(Patient p) {
    return jdbc.sql("SELECT id::text FROM conversation WHERE patient_id = :p")
        .param("p", p.id().value())
        .query(String.class)
        .single();
  }

  private int heldFor(Appointment a) {
    return jdbc.sql("SELECT count(*) FROM disruption_offer WHERE appointment_id = :a")
        .param("a", a.id().value())
        .query(Integer.class)
        .single();
  }
}
