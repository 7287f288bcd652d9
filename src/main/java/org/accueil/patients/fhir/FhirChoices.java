package org.accueil.patients.fhir;

import java.util.List;
import java.util.Locale;
import org.accueil.patients.Sex;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.HumanName.NameUse;
import org.hl7.fhir.r4.model.Patient;
import org.jspecify.annotations.Nullable;

/**
 * Which of a FHIR {@code Patient}'s repeated elements is the one the registry keeps: a resource may
 * have several names, phone numbers, addresses and languages; a record has one of each. Each answer
 * is an index into the resource's list, -1 for none, so the caller can name where it read.
 */
final class FhirChoices {

  private FhirChoices() {}

  /** The name in use: the usual name, else the official one, else the first without a use. */
  static int usedName(List<HumanName> names) {
    int official = -1;
    int other = -1;
    for (int i = 0; i < names.size(); i++) {
      NameUse use = names.get(i).getUse();
      if (use == NameUse.USUAL) {
        return i;
      }
      if (use == NameUse.OFFICIAL && official < 0) {
        official = i;
      } else if ((use == null || use == NameUse.NULL || use == NameUse.TEMP) && other < 0) {
        other = i;
      }
    }
    return official >= 0 ? official : other;
  }

  /**
   * The name at birth: the maiden name, else the official one when another (usual) name is in use,
   * as France's FHIR profiles write the birth name.
   */
  static int birthName(List<HumanName> names, int used) {
    int official = -1;
    for (int i = 0; i < names.size(); i++) {
      NameUse use = names.get(i).getUse();
      if (use == NameUse.MAIDEN) {
        return i;
      }
      if (use == NameUse.OFFICIAL && i != used && official < 0) {
        official = i;
      }
    }
    return official;
  }

  /** The first current value of {@code system}, a mobile number before any other. */
  static int telecom(Patient resource, ContactPoint.ContactPointSystem system) {
    int chosen = -1;
    List<ContactPoint> telecom = resource.getTelecom();
    for (int i = 0; i < telecom.size(); i++) {
      ContactPoint point = telecom.get(i);
      if (point.getSystem() != system
          || point.getUse() == ContactPoint.ContactPointUse.OLD
          || point.getValue() == null
          || point.getValue().isBlank()) {
        continue;
      }
      if (point.getUse() == ContactPoint.ContactPointUse.MOBILE) {
        return i;
      }
      if (chosen < 0) {
        chosen = i;
      }
    }
    return chosen;
  }

  /** The home address, else the first that is neither old nor for billing. */
  static int address(Patient resource) {
    int chosen = -1;
    List<Address> addresses = resource.getAddress();
    for (int i = 0; i < addresses.size(); i++) {
      Address.AddressUse use = addresses.get(i).getUse();
      if (use == Address.AddressUse.HOME) {
        return i;
      }
      if (use != Address.AddressUse.OLD && use != Address.AddressUse.BILLING && chosen < 0) {
        chosen = i;
      }
    }
    return chosen;
  }

  /** A language the patient speaks that the registry knows, and where it was said. */
  record Language(String code, int index) {}

  /** The preferred of fr, en and it the patient speaks, else the first of them. */
  static @Nullable Language language(Patient resource) {
    Language first = null;
    for (int i = 0; i < resource.getCommunication().size(); i++) {
      var communication = resource.getCommunication().get(i);
      for (Coding coding : communication.getLanguage().getCoding()) {
        String code = coding.getCode() == null ? "" : coding.getCode();
        // BCP 47: fr-FR, fr-CA and fr are all French.
        String language = code.split("-")[0].toLowerCase(Locale.ROOT);
        if (!List.of("fr", "en", "it").contains(language)) {
          continue;
        }
        if (communication.getPreferred()) {
          return new Language(language, i);
        }
        if (first == null) {
          first = new Language(language, i);
        }
      }
    }
    return first;
  }

  static @Nullable Sex sex(Patient resource) {
    if (!resource.hasGender()) {
      return null;
    }
    return Sex.ofCode(resource.getGender().toCode() == null ? "" : resource.getGender().toCode())
        .orElse(null);
  }
}
