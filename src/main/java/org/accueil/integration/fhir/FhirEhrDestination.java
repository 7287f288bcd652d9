package org.accueil.integration.fhir;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.time.Duration;
import java.util.UUID;
import org.accueil.integration.fhir.AppointmentPush.Pushed;
import org.accueil.integration.outbox.Delivery;
import org.accueil.integration.outbox.OutboxDestination;
import org.accueil.integration.outbox.OutboxMessage;
import org.accueil.patients.PatientId;
import org.accueil.scheduling.AppointmentId;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivers the outbox's {@code fhir} rows: each {@code appointment:<id>} row makes the EHR hold
 * that appointment as it is when delivered (not as it was when the row was written: two quick
 * changes make one write), patient first; a {@code patient:<id>} row makes sure the EHR has the
 * patient; a {@code questionnaire-response:<id>} row makes the EHR hold that completed form (see
 * {@link QuestionnaireResponsePush}).
 */
@Component
class FhirEhrDestination implements OutboxDestination {

  private static final Logger log = LoggerFactory.getLogger(FhirEhrDestination.class);

  private final AppointmentPush push;
  private final QuestionnaireResponsePush responses;
  private final FhirInbox inbox;
  private final FhirConnectorProperties properties;
  private final JsonMapper json;
  private final FhirEhr ehr;

  FhirEhrDestination(
      AppointmentPush push,
      QuestionnaireResponsePush responses,
      FhirInbox inbox,
      FhirConnectorProperties properties,
      JsonMapper json,
      FhirEhr ehr) {
    this.push = push;
    this.responses = responses;
    this.inbox = inbox;
    this.properties = properties;
    this.json = json;
    this.ehr = ehr;
  }

  /**
   * The EHR answers its CapabilityStatement, kept as what it supports now (it may have changed).
   */
  @Override
  public boolean answers(String destination) {
    if (!properties.active()) {
      return false;
    }
    ehr.readCapabilities();
    return true;
  }

  @Override
  public boolean handles(String destination) {
    return FhirConnectorProperties.SYSTEM.equals(destination);
  }

  @Override
  public Delivery deliver(OutboxMessage message) {
    if (!properties.active()) {
      return new Delivery.Retry(
          "The FHIR connector is disabled (accueil.integration.fhir.enabled)",
          Duration.ofMinutes(10));
    }
    JsonNode payload = json.readTree(message.payload());
    try {
      if (message.key().startsWith("patient:")) {
        var reference =
            push.patient(PatientId.of(UUID.fromString(payload.path("patientId").asString())));
        return new Delivery.Delivered(reference.getReference());
      }
      if (message.key().startsWith(QuestionnaireOutbound.KEY_PREFIX)) {
        return new Delivery.Delivered(
            responses.push(UUID.fromString(payload.path("responseId").asString())));
      }
      AppointmentId id =
          AppointmentId.of(UUID.fromString(payload.path("appointmentId").asString()));
      return switch (push.push(id)) {
        case Pushed.Written(String reference) -> new Delivery.Delivered(reference);
        case Pushed.Nothing(String why) -> Delivery.delivered();
        case Pushed.TheirsCancelled(var current) -> {
          // Their cancellation stands: it is applied to ours as any change from the EHR.
          inbox.store(current, FhirInbox.Source.PUSH);
          yield new Delivery.Delivered("Appointment/" + current.getIdElement().getIdPart());
        }
      };
    } catch (AppointmentPush.CannotPush e) {
      return new Delivery.Failed(e.getMessage());
    } catch (SmartBackendServices.TokenUnavailable e) {
      return e.transientFailure()
          ? Delivery.retry(e.getMessage())
          : new Delivery.Failed(e.getMessage());
    } catch (FhirClientConnectionException e) {
      // The outcome is unknown: the next attempt searches by our identifier before writing.
      return Delivery.retry("The EHR did not answer: " + e.getMessage());
    } catch (BaseServerResponseException e) {
      return answered(e);
    }
  }

  /** 5xx, 408, 409, 412, 429 and 401 (a token to renew) may mend; other 4xx will not. */
  private static Delivery answered(BaseServerResponseException e) {
    int status = e.getStatusCode();
    String error = "The EHR answered " + status + ": " + outcome(e);
    if (status >= 500
        || status == 408
        || status == 409
        || status == 412
        || status == 429
        || status == 401) {
      Duration after = retryAfter(e);
      return new Delivery.Retry(error, after);
    }
    return new Delivery.Failed(error);
  }

  private static String outcome(BaseServerResponseException e) {
    if (e.getOperationOutcome() instanceof OperationOutcome outcome && outcome.hasIssue()) {
      return outcome.getIssue().stream()
          .map(i -> i.getSeverity() + " " + i.getDiagnostics())
          .reduce((a, b) -> a + "; " + b)
          .orElse(e.getMessage());
    }
    return e.getMessage();
  }

  private static Duration retryAfter(BaseServerResponseException e) {
    var headers = e.getResponseHeaders();
    if (headers == null) {
      return null;
    }
    return headers.entrySet().stream()
        .filter(h -> h.getKey().equalsIgnoreCase("Retry-After") && !h.getValue().isEmpty())
        .map(h -> h.getValue().getFirst())
        .filter(v -> v.matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v)))
        .findFirst()
        .orElse(null);
  }

  @Override
  public void deadLettered(OutboxMessage message, String lastError) {
    log.error(
        "EHR delivery {} ({}) dead-lettered after {} attempts: {}",
        message.id(),
        message.key(),
        message.attempt(),
        lastError);
  }
}
