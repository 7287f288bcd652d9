package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.PatchTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Type;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a PATCH of an Appointment may say: that it is cancelled, and why. It is the one change the
 * FHIR API takes on an appointment (times move through {@code $book} with {@code
 * cancelled-appt-id}), in either standard patch form:
 *
 * <ul>
 *   <li>JSON Patch (RFC 6902, {@code application/json-patch+json}): {@code [{"op": "replace",
 *       "path": "/status", "value": "cancelled"}]}, optionally {@code {"op": "add", "path":
 *       "/cancelationReason", "value": {"text": "..."}}};
 *   <li>FHIRPath Patch (a {@code Parameters}): an operation {@code replace} of {@code
 *       Appointment.status} with {@code valueCode} {@code cancelled}, optionally an {@code add} to
 *       {@code Appointment} of {@code cancelationReason}.
 * </ul>
 *
 * @param reason the cancellation reason's text (or its first coding's display or code); may be
 *     empty
 */
record Cancellation(String reason) {

  private static final String ONLY =
      "Only cancelling is done by PATCH here: set status to cancelled (and, if you like,"
          + " cancelationReason); move an appointment with $book and cancelled-appt-id.";

  static Cancellation parse(
      PatchTypeEnum type, @Nullable String body, JsonMapper json, FhirContext fhir) {
    if (body == null || body.isBlank()) {
      throw new InvalidRequestException("The PATCH has no body. " + ONLY);
    }
    return switch (type) {
      case JSON_PATCH -> jsonPatch(body, json);
      case FHIR_PATCH_JSON, FHIR_PATCH_XML -> fhirPathPatch(type, body, fhir);
      default ->
          throw new UnprocessableEntityException(
              "Send a JSON Patch (application/json-patch+json) or a FHIRPath Patch (a Parameters"
                  + " resource). "
                  + ONLY);
    };
  }

  private static Cancellation jsonPatch(String body, JsonMapper json) {
    JsonNode operations;
    try {
      operations = json.readTree(body);
    } catch (JacksonException e) {
      throw new InvalidRequestException("The JSON Patch is not JSON. " + ONLY);
    }
    if (!operations.isArray()) {
      throw new InvalidRequestException("A JSON Patch is an array of operations. " + ONLY);
    }
    boolean cancels = false;
    String reason = "";
    for (JsonNode operation : operations) {
      String op = operation.path("op").asString("");
      String path = operation.path("path").asString("");
      JsonNode value = operation.path("value");
      boolean sets = op.equals("replace") || op.equals("add");
      if (sets && path.equals("/status") && value.asString("").equals("cancelled")) {
        cancels = true;
      } else if (sets && path.equals("/cancelationReason") && value.isObject()) {
        reason = text(value.path("text").asString(""), value.path("coding").path(0));
      } else {
        throw new UnprocessableEntityException(
            "The operation %s %s cannot be applied. %s".formatted(op, path, ONLY));
      }
    }
    return cancelling(cancels, reason);
  }

  private static String text(String text, JsonNode coding) {
    if (!text.isBlank()) {
      return text.strip();
    }
    String display = coding.path("display").asString("");
    return display.isBlank() ? coding.path("code").asString("").strip() : display.strip();
  }

  private static Cancellation fhirPathPatch(PatchTypeEnum type, String body, FhirContext fhir) {
    Parameters parameters;
    try {
      parameters =
          (type == PatchTypeEnum.FHIR_PATCH_XML ? fhir.newXmlParser() : fhir.newJsonParser())
              .parseResource(Parameters.class, body);
    } catch (DataFormatException e) {
      throw new InvalidRequestException("The FHIRPath Patch is not a Parameters resource. " + ONLY);
    }
    boolean cancels = false;
    String reason = "";
    for (ParametersParameterComponent operation : parameters.getParameter()) {
      String kind = primitive(part(operation, "type"));
      String path = primitive(part(operation, "path"));
      String name = primitive(part(operation, "name"));
      Type value = part(operation, "value");
      boolean sets = kind.equals("replace") || kind.equals("add");
      boolean status =
          kind.equals("replace") && path.equals("Appointment.status")
              || kind.equals("add") && path.equals("Appointment") && name.equals("status");
      boolean why =
          kind.equals("replace") && path.equals("Appointment.cancelationReason")
              || kind.equals("add")
                  && path.equals("Appointment")
                  && name.equals("cancelationReason");
      if (!operation.getName().equals("operation") || !sets) {
        throw new UnprocessableEntityException(
            "The operation %s %s cannot be applied. %s".formatted(kind, path, ONLY));
      }
      if (status && primitive(value).equals("cancelled")) {
        cancels = true;
      } else if (why && value instanceof CodeableConcept concept) {
        reason =
            concept.hasText()
                ? concept.getText().strip()
                : concept.getCodingFirstRep().hasDisplay()
                    ? concept.getCodingFirstRep().getDisplay().strip()
                    : concept.getCodingFirstRep().getCode() == null
                        ? ""
                        : concept.getCodingFirstRep().getCode().strip();
      } else {
        throw new UnprocessableEntityException(
            "The operation %s %s cannot be applied. %s".formatted(kind, path, ONLY));
      }
    }
    return cancelling(cancels, reason);
  }

  private static @Nullable Type part(ParametersParameterComponent operation, String name) {
    return operation.getPart().stream()
        .filter(p -> p.getName().equals(name))
        .map(ParametersParameterComponent::getValue)
        .findFirst()
        .orElse(null);
  }

  private static String primitive(@Nullable Type value) {
    return value instanceof PrimitiveType<?> p && p.getValueAsString() != null
        ? p.getValueAsString()
        : "";
  }

  private static Cancellation cancelling(boolean cancels, String reason) {
    if (!cancels) {
      throw new UnprocessableEntityException("The PATCH does not set status to cancelled. " + ONLY);
    }
    return new Cancellation(reason.length() > 500 ? reason.substring(0, 500) : reason);
  }
}
