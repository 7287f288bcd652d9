package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.UUID;
import org.accueil.patients.fhir.FhirPatients;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/**
 * How the facade names things. Logical ids are our UUIDs (a provider's is its Practitioner's and
 * its Schedule's id); each resource also carries its id as an identifier the way the patients'
 * export writes one ({@value #URI_SYSTEM}, {@code urn:uuid:<id>}), so a copy kept elsewhere still
 * says which record it came from.
 */
final class FhirIds {

  /** FHIR's system for "the value is a URI": our ids as {@code urn:uuid:...}. */
  static final String URI_SYSTEM = FhirPatients.URI_SYSTEM;

  /** Accueil's own code systems and extensions, under the prefix the patients' export uses. */
  static final String ACCUEIL = "urn:accueil:fhir:";

  /** An appointment type's code ({@code new-patient-visit}) as a service type. */
  static final String APPOINTMENT_TYPE_SYSTEM = ACCUEIL + "CodeSystem:appointment-type";

  /** Why the API refused, as the REST API's problem type slug ({@code slot-taken}). */
  static final String PROBLEM_SYSTEM = ACCUEIL + "CodeSystem:problem";

  /** When a hold ({@code pending} appointment) stops keeping its time. */
  static final String HOLD_EXPIRES_EXTENSION = ACCUEIL + "StructureDefinition:hold-expires";

  private FhirIds() {}

  static Identifier identifier(UUID id) {
    return new Identifier().setSystem(URI_SYSTEM).setValue("urn:uuid:" + id);
  }

  static Reference reference(String type, Object id, @Nullable String display) {
    Reference reference = new Reference(type + "/" + id);
    if (display != null) {
      reference.setDisplay(display);
    }
    return reference;
  }

  /**
   * The id of a {@code type} named as {@code Type/<id>}, a bare id or an absolute URL ending in
   * {@code Type/<id>}; {@code null} when it is not one (wrong type, or not one of our ids).
   */
  static @Nullable String idPart(String type, @Nullable String reference) {
    if (reference == null || reference.isBlank()) {
      return null;
    }
    String value = reference.strip();
    int history = value.indexOf("/_history/");
    if (history >= 0) {
      value = value.substring(0, history);
    }
    int slash = value.lastIndexOf('/');
    if (slash < 0) {
      return value;
    }
    String before = value.substring(0, slash);
    String named = before.substring(before.lastIndexOf('/') + 1);
    return named.equals(type) ? value.substring(slash + 1) : null;
  }

  /** As {@link #idPart}, as a UUID; a reference that names none is a bad request. */
  static UUID uuid(String type, String parameter, @Nullable String reference) {
    UUID id = uuidOrNull(idPart(type, reference));
    if (id == null) {
      throw new InvalidRequestException(
          "%s must name a %s of this server (%s/<id>); \"%s\" does not."
              .formatted(parameter, type, type, reference));
    }
    return id;
  }

  static @Nullable UUID uuidOrNull(@Nullable String value) {
    if (value == null || value.length() != 36) {
      return null;
    }
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
