package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.accueil.integration.hl7v2.Hl7v2Properties;
import org.accueil.integration.outbox.Outbox;
import org.accueil.patients.PatientId;
import org.accueil.questionnaires.QuestionnaireAnswered;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/** Where a completed form goes: the FHIR EHR if it takes it, else the HL7 v2 peer, else nowhere. */
class QuestionnaireOutboundTests {

  record Row(String destination, String key, String kind) {}

  @Test
  void aFhirEhrThatCreatesQuestionnaireResponsesGetsIt() {
    assertThat(route(true, Set.of("QuestionnaireResponse", "Patient"), true))
        .containsExactly("fhir");
  }

  @Test
  void aFhirEhrThatCannotTakeItLeavesItToTheHl7Peer() {
    assertThat(route(true, Set.of("Patient", "Appointment"), true)).containsExactly("hl7v2");
    assertThat(route(true, Set.of("Patient", "Appointment"), false)).isEmpty();
  }

  @Test
  void aFhirEhrThatNeverAnsweredYetGetsItAndDecidesAtDeliveryWithoutBeingAskedNow() {
    assertThat(route(true, null, true)).containsExactly("fhir");
  }

  @Test
  void withNoFhirEhrTheHl7PeerGetsItOrNobody() {
    assertThat(route(false, Set.of("QuestionnaireResponse"), true)).containsExactly("hl7v2");
    assertThat(route(false, Set.of("QuestionnaireResponse"), false)).isEmpty();
  }

  /** The destinations of the rows written for one response. */
  private static List<String> route(
      boolean fhirOn, @Nullable Set<String> creatable, boolean hl7Peer) {
    Map<String, String> settings = new HashMap<>();
    if (fhirOn) {
      settings.put("accueil.integration.fhir.enabled", "true");
      settings.put("accueil.integration.fhir.base-url", "http://ehr.invalid/fhir");
    }
    if (hl7Peer) {
      settings.put("accueil.integration.hl7v2.outbound.host", "127.0.0.1");
      settings.put("accueil.integration.hl7v2.outbound.port", "2575");
    }
    Binder binder = new Binder(new MapConfigurationPropertySource(settings));
    FhirConnectorProperties fhir =
        binder.bindOrCreate("accueil.integration.fhir", FhirConnectorProperties.class);
    Hl7v2Properties hl7 = binder.bindOrCreate("accueil.integration.hl7v2", Hl7v2Properties.class);
    FhirEhr ehr =
        new FhirEhr(fhir, JsonMapper.builder().build(), Clock.systemUTC()) {
          @Override
          public FhirCapabilities capabilities() {
            throw new AssertionError("routing asked the EHR inside the patient's transaction");
          }

          @Override
          public @Nullable FhirCapabilities knownCapabilities() {
            return creatable == null
                ? null // never answered yet
                : new FhirCapabilities(
                    Set.of(), Set.of(), Set.of(), creatable, Set.of(), false, false, "test");
          }
        };
    List<Row> rows = new ArrayList<>();
    Outbox outbox =
        (destination, key, kind, payload) -> {
          rows.add(new Row(destination, key, kind));
          return rows.size();
        };
    StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("outbox", outbox));
    UUID response = UUID.randomUUID();
    new QuestionnaireOutbound(beans.getBeanProvider(Outbox.class), fhir, hl7, ehr)
        .on(
            new QuestionnaireAnswered(
                response, UUID.randomUUID(), PatientId.of(UUID.randomUUID()), null));
    rows.forEach(
        r -> {
          assertThat(r.key()).isEqualTo("questionnaire-response:" + response);
          assertThat(r.kind()).isEqualTo("questionnaire.answered");
        });
    return rows.stream().map(Row::destination).toList();
  }
}
