package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.PracticeSnapshot;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.jspecify.annotations.Nullable;

/**
 * Appointment types as FHIR names them: a service type whose code is the type's code ({@code
 * new-patient-visit}) under {@value FhirIds#APPOINTMENT_TYPE_SYSTEM}, with that system or none; the
 * type's HealthcareService id is accepted as well.
 */
final class ServiceTypes {

  private ServiceTypes() {}

  static boolean matches(TokenParam token, AppointmentType type) {
    return matches(token.getSystem(), token.getValue(), type);
  }

  static boolean matches(@Nullable String system, @Nullable String value, AppointmentType type) {
    boolean ours =
        system == null || system.isEmpty() || system.equals(FhirIds.APPOINTMENT_TYPE_SYSTEM);
    return ours
        && value != null
        && (value.equals(type.code()) || value.equals(type.id().value().toString()));
  }

  /**
   * The types {@code tokens} name ({@code system|code} or {@code code}); every active type when
   * none is given. A token that names no type is a bad request: a typo must not read as "no slots".
   */
  static List<AppointmentType> resolve(
      String parameter, List<String> tokens, PracticeSnapshot snapshot) {
    if (tokens.isEmpty()) {
      return snapshot.appointmentTypes().stream()
          .filter(AppointmentType::active)
          .sorted(Comparator.comparing(AppointmentType::code))
          .toList();
    }
    Set<AppointmentType> types = new LinkedHashSet<>();
    for (String token : tokens) {
      for (String one : token.split(",")) {
        TokenParam parsed = token(one);
        types.add(
            snapshot.appointmentTypes().stream()
                .filter(t -> matches(parsed, t))
                .findFirst()
                .orElseThrow(() -> unknown(parameter, one, snapshot)));
      }
    }
    return List.copyOf(types);
  }

  /** The type a resource's service types name, if one of them names one of ours. */
  static Optional<AppointmentType> of(List<CodeableConcept> concepts, PracticeSnapshot snapshot) {
    for (CodeableConcept concept : concepts) {
      for (Coding coding : concept.getCoding()) {
        Optional<AppointmentType> type =
            snapshot.appointmentTypes().stream()
                .filter(t -> matches(coding.getSystem(), coding.getCode(), t))
                .findFirst();
        if (type.isPresent()) {
          return type;
        }
      }
    }
    return Optional.empty();
  }

  private static TokenParam token(String text) {
    int bar = text.indexOf('|');
    return bar < 0
        ? new TokenParam(null, text.strip())
        : new TokenParam(text.substring(0, bar).strip(), text.substring(bar + 1).strip());
  }

  private static InvalidRequestException unknown(
      String parameter, String token, PracticeSnapshot snapshot) {
    String codes =
        String.join(
            ", ",
            snapshot.appointmentTypes().stream()
                .filter(AppointmentType::active)
                .map(AppointmentType::code)
                .sorted()
                .toList());
    return new InvalidRequestException(
        "%s: \"%s\" is not an appointment type of this practice; use one of %s (system %s)."
            .formatted(parameter, token, codes, FhirIds.APPOINTMENT_TYPE_SYSTEM));
  }
}
