package org.accueil.patients.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.Channel;
import org.accueil.patients.Identifier;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientDetails;
import org.accueil.patients.PostalAddress;
import org.accueil.patients.Sex;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.HumanName.NameUse;
import org.hl7.fhir.r4.model.StringType;
import org.jspecify.annotations.Nullable;

/**
 * A registry record as a FHIR R4 {@code Patient}, and a {@code Patient} as the details of a
 * registration. Written once for both directions so they agree: what {@link #resource} writes,
 * {@link #details} reads back unchanged.
 *
 * <p>Names: the name in use is the {@code usual} name, else the {@code official} one, else the
 * first that is not old, a nickname or anonymous; the name at birth is the {@code maiden} name,
 * else the {@code official} one when a different {@code usual} name is in use (France's FHIR
 * profiles write the birth name as official and the used name as usual). {@link #resource} writes
 * the name in use as official and the name at birth as maiden. Given names are joined by spaces.
 *
 * <p>Identifiers: France's INS (NIR) and Italy's codice fiscale by their official systems,
 * Accueil's short codes ({@code mrn}) under {@link #NAMING_SYSTEM}, every other system as its URI.
 * Accueil's own id is written as FHIR writes a resource's URI ({@value #URI_SYSTEM}, {@code
 * urn:uuid:...}); read back, it names the record the resource was exported from.
 */
public final class FhirPatients {

  /** INS-NIR, France's national health identifier (ANS, "Identifiant national de santé"). */
  public static final String INS_SYSTEM = "urn:oid:1.2.250.1.213.1.4.8";

  /** Italy's tax code, as HL7 Italia's FHIR profiles name it. */
  public static final String CODICE_FISCALE_SYSTEM = "http://hl7.it/sid/codiceFiscale";

  /** Accueil's short identifier codes as URIs: FHIR wants a URI for a system. */
  public static final String NAMING_SYSTEM = "urn:accueil:fhir:NamingSystem:";

  /** FHIR's system for "the value is a URI": a resource's own id as {@code urn:uuid:...}. */
  public static final String URI_SYSTEM = "urn:ietf:rfc:3986";

  public static final String PREFERRED_CHANNEL_EXTENSION =
      "urn:accueil:fhir:StructureDefinition:preferred-channel";

  private static final String LANGUAGE_SYSTEM = "urn:ietf:bcp:47";
  private static final String IDENTIFIER_TYPES = "http://terminology.hl7.org/CodeSystem/v2-0203";

  private FhirPatients() {}

  /** The one R4 context of the process: building one costs seconds and megabytes. */
  public static FhirContext context() {
    return FhirContext.forR4Cached();
  }

  // ------------------------------------------------------------------------ registry to FHIR

  /** The record as a {@code Patient} whose id is ours, active unless merged away. */
  public static org.hl7.fhir.r4.model.Patient resource(
      Patient patient, List<Identifier> identifiers) {
    var resource = new org.hl7.fhir.r4.model.Patient();
    String id = patient.id().value().toString();
    resource.setId(id);
    resource.addIdentifier().setSystem(URI_SYSTEM).setValue("urn:uuid:" + id);
    for (Identifier identifier : identifiers) {
      var written = resource.addIdentifier().setSystem(system(identifier.system()));
      written.setValue(identifier.value());
      if (identifier.system().equals(Identifier.MRN)) {
        written.setType(new CodeableConcept(new Coding(IDENTIFIER_TYPES, "MR", null)));
      }
    }
    resource.setActive(patient.mergedInto() == null);
    if (patient.familyName() != null || patient.givenName() != null) {
      HumanName name = resource.addName().setUse(NameUse.OFFICIAL).setFamily(patient.familyName());
      if (patient.givenName() != null) {
        name.addGiven(patient.givenName());
      }
    }
    if (patient.birthFamilyName() != null) {
      resource.addName().setUse(NameUse.MAIDEN).setFamily(patient.birthFamilyName());
    }
    if (patient.sex() != null) {
      resource.setGender(AdministrativeGender.fromCode(patient.sex().code()));
    }
    if (patient.birthDate() != null) {
      resource.setBirthDateElement(new DateType(patient.birthDate().toString()));
    }
    if (patient.phone() != null) {
      resource
          .addTelecom()
          .setSystem(ContactPoint.ContactPointSystem.PHONE)
          .setValue(patient.phone());
    }
    if (patient.email() != null) {
      resource
          .addTelecom()
          .setSystem(ContactPoint.ContactPointSystem.EMAIL)
          .setValue(patient.email());
    }
    PostalAddress address = patient.address();
    if (address != null) {
      Address written = resource.addAddress().setUse(Address.AddressUse.HOME);
      if (address.line() != null) {
        written.addLine(address.line());
      }
      written.setPostalCode(address.postalCode()).setCity(address.city());
      written.setCountry(address.country());
    }
    if (patient.preferredLanguage() != null) {
      resource
          .addCommunication()
          .setPreferred(true)
          .setLanguage(
              new CodeableConcept(new Coding(LANGUAGE_SYSTEM, patient.preferredLanguage(), null)));
    }
    if (patient.preferredChannel() != null) {
      resource.addExtension(
          PREFERRED_CHANNEL_EXTENSION, new CodeType(patient.preferredChannel().code()));
    }
    return resource;
  }

  private static String system(String ours) {
    return switch (ours) {
      case Identifier.INS -> INS_SYSTEM;
      case Identifier.CODICE_FISCALE -> CODICE_FISCALE_SYSTEM;
      default -> ours.contains(":") ? ours : NAMING_SYSTEM + ours;
    };
  }

  // ------------------------------------------------------------------------ FHIR to registry

  /**
   * What the resource says of the person, unchecked: the caller validates it as any registration.
   *
   * @param details absent values are null, even required ones, so that validation names them
   * @param recordId Accueil's id of the record the resource was exported from, if it says one
   * @param fields where each of {@code details}' fields came from in the resource ({@code
   *     familyName} from {@code name[1].family}), to name it in a problem
   * @param unreadable what could not become a detail at all (a birth date without its day)
   */
  public record Mapped(
      PatientDetails details,
      @Nullable UUID recordId,
      Map<String, String> fields,
      List<Unreadable> unreadable) {}

  /**
   * A value of the resource that cannot become a detail.
   *
   * @param code the message key of the explanation
   * @param english the explanation when no bundle has the key; {0} is the value
   */
  public record Unreadable(String field, String code, String english, String value) {}

  /**
   * @param defaultCountry for an address that names no country: the practice's
   */
  public static Mapped details(org.hl7.fhir.r4.model.Patient resource, String defaultCountry) {
    Map<String, String> fields = new LinkedHashMap<>();
    List<Unreadable> unreadable = new ArrayList<>();

    List<HumanName> names = resource.getName();
    int used = FhirChoices.usedName(names);
    int birth = FhirChoices.birthName(names, used);
    String given = null;
    String family = null;
    if (used >= 0) {
      HumanName name = names.get(used);
      family = blankToNull(name.getFamily());
      given = givenNames(name);
      fields.put("familyName", "name[" + used + "].family");
      fields.put("givenName", "name[" + used + "].given");
    } else {
      fields.put("familyName", "name");
      fields.put("givenName", "name");
    }
    String birthFamily = null;
    if (birth >= 0) {
      birthFamily = blankToNull(names.get(birth).getFamily());
      fields.put("birthFamilyName", "name[" + birth + "].family");
      if (birthFamily != null && birthFamily.equals(family)) {
        birthFamily = null;
      }
    }

    java.time.LocalDate birthDate = null;
    DateType born = resource.getBirthDateElement();
    if (born != null && !born.isEmpty()) {
      if (born.getPrecision() == TemporalPrecisionEnum.DAY && born.getValue() != null) {
        birthDate = java.time.LocalDate.parse(born.getValueAsString());
      } else {
        unreadable.add(
            new Unreadable(
                "birthDate",
                "import.partial-date",
                "\"{0}\" is not a whole date: the birth date needs its year, month and day.",
                born.getValueAsString()));
      }
    }

    Sex sex = FhirChoices.sex(resource);
    fields.put("sex", "gender");

    String phone = telecom(resource, ContactPoint.ContactPointSystem.PHONE, "phone", fields);
    if (phone == null) {
      phone = telecom(resource, ContactPoint.ContactPointSystem.SMS, "phone", fields);
    }
    String email = telecom(resource, ContactPoint.ContactPointSystem.EMAIL, "email", fields);
    PostalAddress address = address(resource, defaultCountry, fields, unreadable);
    String language = language(resource, fields);
    Channel channel = channel(resource, fields, unreadable);

    List<Identifier> identifiers = new ArrayList<>();
    UUID recordId = identifiers(resource, identifiers, fields, unreadable);

    PatientDetails details =
        new PatientDetails(
            given,
            family,
            birthDate,
            phone,
            email,
            birthFamily,
            sex,
            address,
            language,
            channel,
            identifiers.isEmpty() ? null : identifiers);
    return new Mapped(details, recordId, fields, unreadable);
  }

  /**
   * Collects the resource's identifiers in ours; a resource's own URI is not one of them.
   *
   * @return Accueil's id of the record the resource was exported from, if it names one
   */
  private static @Nullable UUID identifiers(
      org.hl7.fhir.r4.model.Patient resource,
      List<Identifier> identifiers,
      Map<String, String> fields,
      List<Unreadable> unreadable) {
    UUID recordId = null;
    for (int i = 0; i < resource.getIdentifier().size(); i++) {
      var identifier = resource.getIdentifier().get(i);
      String system = blankToNull(identifier.getSystem());
      String value = blankToNull(identifier.getValue());
      if (identifier.getUse() == org.hl7.fhir.r4.model.Identifier.IdentifierUse.OLD
          || value == null) {
        continue;
      }
      if (URI_SYSTEM.equals(system)) {
        // A resource's own URI: ours names the record it was exported from; another system's
        // names nothing here, and is not an identifier of the person.
        if (recordId == null) {
          recordId = uuid(value);
        }
        continue;
      }
      if (system == null) {
        unreadable.add(
            new Unreadable(
                "identifier[" + i + "].system",
                "import.identifier-without-system",
                "The identifier \"{0}\" says no system: without who issued it, it identifies"
                    + " nobody.",
                value));
        continue;
      }
      fields.put("identifiers[" + identifiers.size() + "].value", "identifier[" + i + "].value");
      fields.put("identifiers[" + identifiers.size() + "].system", "identifier[" + i + "].system");
      identifiers.add(new Identifier(ourSystem(system), value));
    }
    return recordId;
  }

  /**
   * An identifier system as the registry names it: {@code ins}, {@code codice-fiscale}, one of our
   * short codes ({@code mrn}), or any other system's URI as it is.
   */
  public static String ourSystem(String system) {
    if (system.equals(INS_SYSTEM)) {
      return Identifier.INS;
    }
    if (system.equals(CODICE_FISCALE_SYSTEM)) {
      return Identifier.CODICE_FISCALE;
    }
    return system.startsWith(NAMING_SYSTEM) ? system.substring(NAMING_SYSTEM.length()) : system;
  }

  private static @Nullable String givenNames(HumanName name) {
    List<String> given = new ArrayList<>();
    for (StringType part : name.getGiven()) {
      if (part.getValue() != null && !part.getValue().isBlank()) {
        given.add(part.getValue().strip());
      }
    }
    return given.isEmpty() ? null : String.join(" ", given);
  }

  private static @Nullable String telecom(
      org.hl7.fhir.r4.model.Patient resource,
      ContactPoint.ContactPointSystem system,
      String field,
      Map<String, String> fields) {
    int chosen = FhirChoices.telecom(resource, system);
    if (chosen < 0) {
      return null;
    }
    fields.put(field, "telecom[" + chosen + "].value");
    return resource.getTelecom().get(chosen).getValue().strip();
  }

  private static @Nullable PostalAddress address(
      org.hl7.fhir.r4.model.Patient resource,
      String defaultCountry,
      Map<String, String> fields,
      List<Unreadable> unreadable) {
    int chosen = FhirChoices.address(resource);
    if (chosen < 0) {
      return null;
    }
    Address address = resource.getAddress().get(chosen);
    String prefix = "address[" + chosen + "].";
    List<String> lines = new ArrayList<>();
    address
        .getLine()
        .forEach(l -> Optional.ofNullable(blankToNull(l.getValue())).ifPresent(lines::add));
    String line = lines.isEmpty() ? null : String.join(", ", lines);
    String postalCode = blankToNull(address.getPostalCode());
    String city = blankToNull(address.getCity());
    if (line == null && postalCode == null && city == null) {
      return null;
    }
    fields.put("address.line", prefix + "line");
    fields.put("address.postalCode", prefix + "postalCode");
    fields.put("address.city", prefix + "city");
    fields.put("address.country", prefix + "country");
    String country = defaultCountry;
    String written = blankToNull(address.getCountry());
    if (written != null) {
      Optional<String> code = Countries.code(written);
      if (code.isEmpty()) {
        unreadable.add(
            new Unreadable(
                prefix + "country",
                "import.unknown-country",
                "\"{0}\" is not a country we recognise: write its ISO code, e.g. FR or IT.",
                written));
      }
      country = code.orElse(defaultCountry);
    }
    return new PostalAddress(line, postalCode, city, country);
  }

  private static @Nullable String language(
      org.hl7.fhir.r4.model.Patient resource, Map<String, String> fields) {
    FhirChoices.Language language = FhirChoices.language(resource);
    if (language == null) {
      return null;
    }
    fields.put("preferredLanguage", "communication[" + language.index() + "].language");
    return language.code();
  }

  private static @Nullable Channel channel(
      org.hl7.fhir.r4.model.Patient resource,
      Map<String, String> fields,
      List<Unreadable> unreadable) {
    var extension = resource.getExtensionByUrl(PREFERRED_CHANNEL_EXTENSION);
    if (extension == null || extension.getValue() == null) {
      return null;
    }
    String code = extension.getValue().primitiveValue();
    Optional<Channel> channel = Channel.ofCode(code == null ? "" : code);
    if (channel.isEmpty()) {
      unreadable.add(
          new Unreadable(
              "extension",
              "import.unknown-channel",
              "\"{0}\" is not a channel: write sms, whatsapp, email, phone or webchat.",
              String.valueOf(code)));
    }
    fields.put("preferredChannel", "extension");
    return channel.orElse(null);
  }

  private static @Nullable UUID uuid(String uri) {
    if (!uri.startsWith("urn:uuid:")) {
      return null;
    }
    try {
      return UUID.fromString(uri.substring("urn:uuid:".length()));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static @Nullable String blankToNull(@Nullable String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
