package org.accueil.integration.fhir;

import java.util.Map;
import org.accueil.integration.hl7v2.Hl7v2Properties;
import org.accueil.integration.outbox.Outbox;
import org.accueil.questionnaires.QuestionnaireAnswered;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the outbox row that takes a completed form to the EHR, in the transaction that recorded
 * it: to the FHIR EHR as a QuestionnaireResponse when the connector is on and the EHR's
 * CapabilityStatement offers QuestionnaireResponse create, else to the HL7 v2 peer as an ORU^R01
 * when one is configured. One row per response, keyed {@code questionnaire-response:<id>}.
 */
@Component
class QuestionnaireOutbound {

  static final String KEY_PREFIX = "questionnaire-response:";
  static final String KIND = "questionnaire.answered";
  static final String QUESTIONNAIRE_RESPONSE = "QuestionnaireResponse";

  private static final Logger log = LoggerFactory.getLogger(QuestionnaireOutbound.class);

  private final ObjectProvider<Outbox> outbox;
  private final FhirConnectorProperties fhir;
  private final Hl7v2Properties hl7;
  private final FhirEhr ehr;

  QuestionnaireOutbound(
      ObjectProvider<Outbox> outbox,
      FhirConnectorProperties fhir,
      Hl7v2Properties hl7,
      FhirEhr ehr) {
    this.outbox = outbox;
    this.fhir = fhir;
    this.hl7 = hl7;
    this.ehr = ehr;
  }

  @EventListener
  void on(QuestionnaireAnswered event) {
    String destination = destination();
    if (destination == null) {
      return;
    }
    Outbox target = outbox.getIfAvailable();
    if (target == null) {
      log.warn("No outbox in this application: response {} is not sent", event.response());
      return;
    }
    target.enqueue(
        destination,
        KEY_PREFIX + event.response(),
        KIND,
        Map.of(
            "responseId", event.response().toString(),
            "patientId", event.patient().value().toString()));
  }

  /** Where the response goes: {@code fhir}, {@code hl7v2}, or nowhere (null). */
  private @Nullable String destination() {
    if (fhir.active()) {
      Boolean writes = fhirWrites();
      // Not known (the EHR never answered yet): the FHIR row waits for it, and its delivery
      // reads the CapabilityStatement.
      if (writes == null || writes) {
        return FhirConnectorProperties.SYSTEM;
      }
    }
    if (hl7.outbound().enabled()) {
      return Hl7v2Properties.DESTINATION;
    }
    if (fhir.active()) {
      log.warn(
          "The EHR takes no QuestionnaireResponse over FHIR and no HL7 v2 peer is configured:"
              + " completed forms stay in Accueil");
    }
    return null;
  }

  /**
   * Whether the EHR creates QuestionnaireResponses, as it said last time: the patient's submission
   * never waits on the EHR's /metadata (the connector reads it at start-up and every
   * capabilities-refresh).
   */
  private @Nullable Boolean fhirWrites() {
    FhirCapabilities known = ehr.knownCapabilities();
    return known == null ? null : known.canCreate(QUESTIONNAIRE_RESPONSE);
  }
}
