package org.accueil.integration.hl7v2;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.model.v251.segment.OBX;
import ca.uhn.hl7v2.util.Terser;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.accueil.patients.PatientDetails;
import org.accueil.practice.PracticeAdministration;
import org.accueil.questionnaires.QuestionnaireAnswers;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.BookAppointment;
import org.accueil.scheduling.Source;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.CompletedForms;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * With no FHIR EHR (the FHIR connector off, as in every plain {@code @AccueilTest} context), a
 * completed form reaches the HL7 v2 peer as an ORU^R01 with one OBX per answer, through the outbox
 * and the same MLLP destination as SIU.
 */
@AccueilTest
class Hl7QuestionnaireTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Autowired Questionnaires questionnaires;
  @Autowired Appointments appointments;
  @Autowired PracticeAdministration admin;
  @Autowired JdbcClient jdbc;
  @Autowired TestClock clock;

  ClinicFixture clinic;
  TestPeer peer = TestPeer.get();

  @BeforeEach
  void aClinic() {
    clock.reset();
    clinic = ClinicFixture.create(admin);
  }

  @Test
  void aCompletedFormReachesThePeerAsOruR01WithOneObxPerAnswer() throws Exception {
    CompletedForms forms = CompletedForms.forClinic(questionnaires, clinic);
    String given = "Ana" + Tags.letters();
    Appointment booked = book(given);
    QuestionnaireAnswers answers = forms.answer(booked);

    assertThat(
            jdbc.sql("SELECT destination FROM integration_outbox WHERE key = :key")
                .param("key", "questionnaire-response:" + answers.id())
                .query(String.class)
                .list())
        .containsExactly("hl7v2");
    List<TestPeer.Received> received = awaitReceived(answers);
    assertThat(received).hasSize(1);
    TestPeer.Received oru = received.getFirst();
    assertThat(oru.event()).isEqualTo("R01");
    ORU_R01 message = (ORU_R01) oru.message();
    Terser t = new Terser(message);
    assertThat(t.get("/MSH-9-1") + "^" + t.get("/MSH-9-2") + "^" + t.get("/MSH-9-3"))
        .isEqualTo("ORU^R01^ORU_R01");
    assertThat(t.get("/MSH-12-1")).isEqualTo("2.5.1");
    assertThat(t.get("/MSH-5-1")).isEqualTo("PMS");
    assertThat(t.get("/.PID-3-1")).isEqualTo(booked.patient().toString());
    assertThat(t.get("/.PID-3-4-1")).isEqualTo("ACCUEIL");
    assertThat(t.get("/.PID-5-1-1")).isEqualTo("Form");
    assertThat(t.get("/.PID-5-2")).isEqualTo(given);
    assertThat(t.get("/.OBR-2-1")).isEqualTo(answers.id().toString());
    assertThat(t.get("/.OBR-4-1")).isEqualTo(forms.form().code());
    assertThat(t.get("/.OBR-4-2")).isEqualTo(forms.form().title());
    assertThat(t.get("/.OBR-7-1")).isNotBlank();
    assertThat(t.get("/.OBR-25")).isEqualTo("F");

    var order = message.getPATIENT_RESULT().getORDER_OBSERVATION();
    Map<String, String> obx = new LinkedHashMap<>();
    for (int i = 0; i < order.getOBSERVATIONReps(); i++) {
      OBX segment = order.getOBSERVATION(i).getOBX();
      assertThat(segment.getSetIDOBX().getValue()).isEqualTo(Integer.toString(i + 1));
      assertThat(segment.getObservationResultStatus().getValue()).isEqualTo("F");
      List<String> values = new java.util.ArrayList<>();
      for (var value : segment.getObservationValue()) {
        values.add(value.getData().encode());
      }
      obx.put(
          segment.getObservationIdentifier().getIdentifier().getValue()
              + "^"
              + segment.getObservationIdentifier().getText().getValue(),
          segment.getValueType().getValue() + " " + String.join("~", values));
    }
    assertThat(obx)
        .containsExactly(
            Map.entry("name^Your name", "ST Lea Martin"),
            Map.entry("history^Anything we should know?", "TX Asthma as a child.~Nothing since."),
            Map.entry("age^Your age", "NM 38"),
            Map.entry("weight^Weight (kg)", "NM 61.5"),
            Map.entry("dob^Date of birth", "DT 19870314"),
            Map.entry("smoker^Do you smoke?", "CE N^" + no(answers.language()) + "^HL70136"),
            Map.entry("visit^Why do you come?", "CE pain^Pain^urn:example:reason"));
    assertThat(oru.text())
        .contains("OBX|7|CE|visit^Why do you come?||pain^Pain^urn:example:reason");
  }

  /** "No" in the language the patient answered in. */
  private static String no(String language) {
    return switch (language) {
      case "fr" -> "Non";
      case "it" -> "No";
      default -> "No";
    };
  }

  private List<TestPeer.Received> awaitReceived(QuestionnaireAnswers answers) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      List<TestPeer.Received> received = peer.appliedOf(answers.id());
      String state =
          jdbc.sql(
                  "SELECT state || ' ' || coalesce(last_error, '') FROM integration_outbox"
                      + " WHERE key = :key")
              .param("key", "questionnaire-response:" + answers.id())
              .query(String.class)
              .single();
      if (!received.isEmpty() && state.startsWith("delivered")) {
        return peer.receivedOf(answers.id());
      }
      assertThat(state).doesNotStartWith("dead");
      assertThat(Instant.now()).as("the ORU delivered, now " + state).isBefore(deadline);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private Appointment book(String given) {
    LocalDate date = LocalDate.now(PARIS).plusDays(5);
    if (date.getDayOfWeek() == java.time.DayOfWeek.SUNDAY) {
      date = date.plusDays(1);
    }
    Instant start = date.atTime(LocalTime.of(10, 0)).atZone(PARIS).toInstant();
    var result =
        appointments.book(
            new BookAppointment(
                null,
                clinic.consultation.id(),
                clinic.provider.id(),
                start,
                clinic.site.id(),
                null,
                new PatientDetails(
                    given, "Form", LocalDate.of(1980, 2, 14), null, given + "@example.org"),
                null,
                Source.STAFF,
                "test"));
    assertThat(result).isInstanceOf(BookingResult.Success.class);
    return ((BookingResult.Success<Appointment>) result).value();
  }
}
