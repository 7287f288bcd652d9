package org.accueil.integration.fhir;

import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Appointment;

/** Comparisons and copies of EHR resources. */
final class EhrJson {

  private EhrJson() {}

  /**
   * The elements of an Appointment the connector writes, as one comparable text: when our state
   * already matches, the update is skipped (and the EHR sends no change back).
   */
  static String managedFields(Appointment a) {
    return String.join(
        "\n",
        String.valueOf(a.getStatus()),
        a.hasStart() ? String.valueOf(a.getStart().getTime()) : "",
        a.hasEnd() ? String.valueOf(a.getEnd().getTime()) : "",
        String.valueOf(a.getMinutesDuration()),
        a.getIdentifier().stream()
            .map(i -> i.getSystem() + "|" + i.getValue())
            .sorted()
            .collect(Collectors.joining(",")),
        a.getServiceType().stream()
            .flatMap(c -> c.getCoding().stream())
            .map(c -> c.getSystem() + "|" + c.getCode())
            .collect(Collectors.joining(",")),
        a.getParticipant().stream()
            .map(p -> p.getActor().getReference() + ":" + p.getStatus() + ":" + p.getRequired())
            .sorted()
            .collect(Collectors.joining(",")));
  }
}
