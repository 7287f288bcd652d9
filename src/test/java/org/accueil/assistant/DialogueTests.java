package org.accueil.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.channels.whatsapp.MetaRecorder;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.Patients;
import org.accueil.privacy.ConsentChannel;
import org.accueil.privacy.ConsentPurpose;
import org.accueil.privacy.Consents;
import org.accueil.testing.Api;
import org.accueil.testing.Demo;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The dialogue on WhatsApp, step by step: real free slots as up to three reply buttons, the chosen
 * one held while the patient confirms, then booked; identity before an existing appointment is
 * touched; a person at once when asked; staff after two misunderstandings in a row.
 */
@AssistantTest
class DialogueTests {

  private static final Pattern BUTTON_ID = Pattern.compile("\"id\":\"(slot:\\d+)\"");

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired Demo demo;
  @Autowired ChannelInbox inbox;
  @Autowired ChannelOutbox outbox;
  @Autowired MetaRecorder meta;
  @Autowired Patients patients;
  @Autowired Consents consents;

  Patient chiara;
  WhatsAppPatient phone;

  @BeforeEach
  void aKnownPatient() {
    // Tuesday 9 March 2027, 09:00 in Paris.
    clock.setParis(LocalDateTime.of(2027, 3, 9, 9, 0));
    demo.practice();
    String number = "+3362" + (1000000 + (int) (Math.random() * 8999999));
    chiara =
        patients.register(
            new PatientDetails(
                "Chiara", "Rossi" + Tags.letters(), LocalDate.of(1988, 4, 2), number, null));
    phone = new WhatsAppPatient(api, clock, jdbc, inbox, outbox, meta, number);
  }

  @Test
  void offersRealSlotsAsButtonsHoldsTheChosenOneAndBooksOnYes() {
    String offer =
        phone.writes(
            "Bonjour, je voudrais une consultation de suivi avec le Dr Johnson jeudi matin");

    assertThat(offer).contains("\"type\":\"interactive\"").contains("\"type\":\"button\"");
    List<String> ids = ids(offer);
    assertThat(ids).hasSizeBetween(1, 3);
    // Thursday 11 March, in the morning, Dr Johnson's hours (08:30–12:30).
    for (String id : ids) {
      LocalDateTime start = localStart(id);
      assertThat(start.toLocalDate()).isEqualTo(LocalDate.of(2027, 3, 11));
      assertThat(start.getHour()).isBetween(8, 11);
    }

    int holds = holdsOf();
    String confirm = phone.taps(ids.getFirst(), "jeu. 11 mars");
    assertThat(confirm).contains("Je réserve").contains("Dr Marc Johnson");
    assertThat(holdsOf()).isEqualTo(holds + 1);

    String booked = phone.taps("yes", "Oui");
    assertThat(booked).contains("réservé").doesNotContain("\"type\":\"template\"");
    assertThat(bookedStarts()).containsExactly(localStart(ids.getFirst()));
  }

  @Test
  void aProviderWithSeveralKindsOfVisitAsksWhichOneInAList() {
    String which = phone.writes("Bonjour, je voudrais un rendez-vous avec le Dr Johnson");
    assertThat(which).contains("\"type\":\"list\"").contains("Vaccination");
    Matcher vaccination =
        Pattern.compile("\"id\":\"(type:[0-9a-f-]+)\",\"title\":\"Vaccination\"").matcher(which);
    assertThat(vaccination.find()).as(which).isTrue();

    String offer = phone.picks(vaccination.group(1), "Vaccination");
    assertThat(ids(offer)).isNotEmpty();
  }

  @Test
  void aTimeThatIsFreeIsHeldAtOnceAndNoLeavesItFree() {
    int holds = holdsOf();
    String confirm = phone.writes("Je peux avoir un vaccin avec le docteur Chen jeudi à 10h ?");
    assertThat(confirm).contains("Je réserve").contains("10:00").contains("Dr Wei Chen");
    assertThat(holdsOf()).isEqualTo(holds + 1);

    String others = phone.taps("no", "Non");
    assertThat(others).contains("d'autres créneaux").contains("\"type\":\"button\"");
    assertThat(holdsOf()).isEqualTo(holds);
    assertThat(bookedStarts()).isEmpty();
  }

  @Test
  void cancellingAsksWhoTheyAreFirstAndAWrongBirthDateGoesToStaff() {
    phone.writes("Je voudrais une consultation de suivi avec le Dr Johnson jeudi à 11h");
    phone.taps("yes", "Oui");
    assertThat(bookedStarts()).hasSize(1);

    String who = phone.writes("Je dois annuler mon rendez-vous");
    assertThat(who).contains("date de naissance");
    String sure = phone.writes("Chiara " + chiara.familyName() + ", née le 02/04/1988");
    assertThat(sure).contains("J'annule").contains("jeudi 11 mars");
    String done = phone.taps("yes", "Oui");
    assertThat(done).contains("annulé");
    assertThat(bookedStarts()).isEmpty();

    String again = phone.writes("Finalement je veux annuler un autre rendez-vous");
    // Verified once in this conversation: no second question, and nothing left to cancel.
    assertThat(again).contains("aucun rendez-vous");
  }

  @Test
  void movingAnAppointmentMovesItAndBooksNoSecondOne() {
    phone.writes("Je voudrais une consultation de suivi avec le Dr Johnson jeudi à 11h");
    phone.taps("yes", "Oui");
    assertThat(bookedStarts()).hasSize(1);

    int holds = holdsOf();
    String who = phone.writes("Je voudrais déplacer mon rendez-vous");
    assertThat(who).contains("date de naissance");
    String offer = phone.writes("Chiara " + chiara.familyName() + ", née le 02/04/1988");
    List<String> ids = ids(offer);
    assertThat(ids).as(offer).isNotEmpty();
    String sure = phone.taps(ids.getFirst(), "1");
    assertThat(sure).contains("Je déplace votre rendez-vous");
    String done = phone.taps("yes", "Oui");
    assertThat(done).contains("déplacé");

    List<LocalDateTime> booked = bookedStarts();
    assertThat(booked).as("moved, not booked twice").hasSize(1);
    assertThat(booked.getFirst()).isNotEqualTo(LocalDateTime.of(2027, 3, 11, 11, 0));
    assertThat(holdsOf()).as("the hold became the appointment's time").isEqualTo(holds);
  }

  @Test
  void aWrongBirthDateHandsOverInsteadOfShowingAppointments() {
    phone.writes("je veux déplacer mon rendez-vous");
    String handed = phone.writes("Chiara " + chiara.familyName() + " 03/04/1988");
    assertThat(handed).contains("équipe");
    assertThat(conversationState()).isEqualTo("waiting-for-staff");
    assertThat(lastHandover()).contains("identity not confirmed");
  }

  @Test
  void twoMisunderstandingsInARowGoToStaffWithASummary() {
    String first = phone.writes("Euh, je ne sais pas trop");
    assertThat(first).contains("pas compris");
    String second = phone.writes("c'est compliqué");
    assertThat(second).contains("équipe");
    assertThat(conversationState()).isEqualTo("waiting-for-staff");
    assertThat(lastHandover()).contains("misunderstood twice");

    // Handed over: the assistant keeps quiet until staff hand the conversation back.
    int before = phone.received().size();
    phone.writes("allo ?");
    assertThat(phone.received()).hasSize(before);
  }

  @Test
  void askingForAPersonHandsOverAtOnce() {
    String answer = phone.writes("Je voudrais parler à quelqu'un du secrétariat s'il vous plaît");
    assertThat(answer).contains("équipe");
    assertThat(conversationState()).isEqualTo("waiting-for-staff");
    assertThat(lastHandover()).contains("asked for a person");
  }

  @Test
  void aRequestForOnesOwnPrescriptionGoesToTheTeamAtOnce() {
    String answer = phone.writes("Pouvez-vous me renouveler mon ordonnance de Levothyrox ?");
    assertThat(answer).contains("équipe");
    assertThat(conversationState()).isEqualTo("waiting-for-staff");
    assertThat(lastHandover()).contains("papers or results");
  }

  @Test
  void yesConfirmsTheNextAppointmentOnTheTimeline() {
    phone.writes("Une consultation de suivi avec le Dr Johnson jeudi à 11h30 svp");
    phone.taps("yes", "Oui");
    assertThat(bookedStarts()).hasSize(1);

    String confirmed = phone.writes("OUI");
    assertThat(confirmed).contains("confirmée");
    assertThat(timelineEvents()).contains("appointment.confirmed");
  }

  @Test
  void aParentBooksForTheirChildWhoIsRegisteredAndLinkedToThem() {
    String who =
        phone.writes("Bonjour, je voudrais une consultation pédiatrique pour mon fils jeudi matin");
    assertThat(who).contains("Pour qui").contains("date de naissance");

    String offer = phone.writes("Luca " + chiara.familyName() + ", né le 12/01/2022");
    List<String> ids = ids(offer);
    assertThat(ids).as(offer).isNotEmpty();
    assertThat(offer).contains("Dr Sofia Martinez");
    phone.taps(ids.getFirst(), "jeu. 11 mars");
    String booked = phone.taps("yes", "Oui");
    assertThat(booked).contains("réservé");

    var links = patients.record(patients.find(chiara.id()).orElseThrow()).dependents();
    assertThat(links).singleElement();
    Patient luca = patients.find(links.getFirst().dependent()).orElseThrow();
    assertThat(luca.givenName()).isEqualTo("Luca");
    assertThat(luca.birthDate()).isEqualTo(LocalDate.of(2022, 1, 12));
    assertThat(
            jdbc.sql("SELECT count(*) FROM appointment WHERE patient_id = :p AND status = 'booked'")
                .param("p", luca.id().value())
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    assertThat(bookedStarts()).as("nothing booked for the parent").isEmpty();
  }

  @Test
  void aNumberNeverSeenBeforeIsAnsweredToo() {
    WhatsAppPatient stranger =
        new WhatsAppPatient(
            api,
            clock,
            jdbc,
            inbox,
            outbox,
            meta,
            "+3365" + (1000000 + (int) (Math.random() * 8999999)));
    String answer = stranger.writes("Bonjour, je voudrais un vaccin avec le Dr Chen jeudi matin");
    assertThat(answer).contains("Dr Wei Chen").contains("\"type\":\"button\"");
  }

  @Test
  void stopOnWhatsAppOptsOutOfItsMessages() {
    String answer = phone.writes("STOP");
    assertThat(answer).contains("ne recevrez plus");
    assertThat(
            consents.permits(
                chiara.id(), ConsentChannel.WHATSAPP, ConsentPurpose.APPOINTMENT_MESSAGES))
        .isFalse();
  }

  // ------------------------------------------------------------------------------- helpers

  private static List<String> ids(String body) {
    Matcher m = BUTTON_ID.matcher(body);
    List<String> ids = new java.util.ArrayList<>();
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  private static LocalDateTime localStart(String slotId) {
    long epoch = Long.parseLong(slotId.substring("slot:".length()));
    return java.time.Instant.ofEpochSecond(epoch)
        .atZone(java.time.ZoneId.of("Europe/Paris"))
        .toLocalDateTime();
  }

  private int holdsOf() {
    return jdbc.sql(
            "SELECT count(*) FROM appointment WHERE status = 'proposed' AND created_by = 'assistant'"
                + " AND hold_expires_at > :now")
        .param("now", clock.instant().atOffset(java.time.ZoneOffset.UTC))
        .query(Integer.class)
        .single();
  }

  private List<LocalDateTime> bookedStarts() {
    return jdbc
        .sql(
            "SELECT starts_at FROM appointment WHERE patient_id = :p AND status = 'booked'"
                + " ORDER BY starts_at")
        .param("p", chiara.id().value())
        .query(java.time.OffsetDateTime.class)
        .list()
        .stream()
        .map(t -> t.atZoneSameInstant(java.time.ZoneId.of("Europe/Paris")).toLocalDateTime())
        .toList();
  }

  private JsonNode timeline() {
    return api.get("/api/v1/patients/" + chiara.id().value() + "/timeline").body();
  }

  private List<String> timelineEvents() {
    List<String> events = new java.util.ArrayList<>();
    timeline().forEach(e -> events.add(e.path("event").asString()));
    return events;
  }

  private String lastHandover() {
    String reason = "";
    for (JsonNode e : timeline()) {
      if (e.path("event").asString().equals("conversation.handed-over")) {
        reason = e.path("data").path("reason").asString();
      }
    }
    return reason;
  }

  private String conversationState() {
    UUID conversation =
        jdbc.sql("SELECT id FROM conversation WHERE patient_id = :p")
            .param("p", chiara.id().value())
            .query(UUID.class)
            .single();
    return api.get("/api/v1/conversations/" + conversation).body().path("state").asString();
  }
}
