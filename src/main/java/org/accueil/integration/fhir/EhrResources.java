package org.accueil.integration.fhir;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.accueil.integration.fhir.FhirConnectorProperties.Identifiers;
import org.accueil.patients.Identifier;
import org.accueil.patients.Patient;
import org.accueil.patients.fhir.FhirPatients;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.Location;
import org.accueil.practice.Provider;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.AppointmentParticipantComponent;
import org.hl7.fhir.r4.model.Appointment.ParticipantRequired;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;

/**
 * Our records as the FHIR R4 resources the EHR receives. Every resource carries our identifier
 * under its system ({@link Identifiers}): that is how a write is found again after a timeout, and
 * how the EHR's notifications of our own writes are recognised.
 *
 * <p>Nothing clinical goes out: no reason for visit, no comment; the appointment's type is named by
 * its code and name only.
 */
final class EhrResources {

  private EhrResources() {}

  /**
   * The appointment as a new resource.
   *
   * @param ehrType the EHR's own coding of the type when an administrator mapped it
   */
  static org.hl7.fhir.r4.model.Appointment appointment(
      Appointment appointment,
      AppointmentType type,
      Identifiers systems,
      Reference patient,
      Reference practitioner,
      @Nullable Reference location,
      @Nullable Coding ehrType) {
    var resource = new org.hl7.fhir.r4.model.Appointment();
    resource
        .addIdentifier()
        .setSystem(systems.appointment())
        .setValue(appointment.id().value().toString());
    resource.setCreatedElement(new DateTimeType(Date.from(appointment.createdAt())));
    apply(resource, appointment, type, systems, patient, practitioner, location, ehrType);
    return resource;
  }

  /**
   * Writes our state of the appointment onto {@code resource} (a new one, or the EHR's current
   * copy, whose other elements stay as the EHR has them): status, time, type and the participants
   * we manage.
   */
  static void apply(
      org.hl7.fhir.r4.model.Appointment resource,
      Appointment appointment,
      AppointmentType type,
      Identifiers systems,
      Reference patient,
      Reference practitioner,
      @Nullable Reference location,
      @Nullable Coding ehrType) {
    if (ours(resource, systems.appointment()).isEmpty()) {
      resource
          .addIdentifier()
          .setSystem(systems.appointment())
          .setValue(appointment.id().value().toString());
    }
    resource.setStatus(status(appointment.status()));
    resource.setStart(Date.from(appointment.start()));
    resource.setEnd(Date.from(appointment.end()));
    resource.setMinutesDuration(
        (int) Duration.between(appointment.start(), appointment.end()).toMinutes());
    if (appointment.status() != AppointmentStatus.CANCELLED
        && appointment.status() != AppointmentStatus.NOSHOW) {
      // app-4: a cancellation reason only on a cancelled or no-show appointment.
      resource.setCancelationReason(null);
    }
    CodeableConcept service = new CodeableConcept();
    if (ehrType != null) {
      service.addCoding(ehrType);
    }
    service.addCoding(
        new Coding(systems.appointmentType(), type.code(), type.name().in(Locale.ENGLISH)));
    resource.setServiceType(List.of(service));
    resource.setParticipant(
        resource.getParticipant().stream()
            .filter(p -> !managed(p.getActor()))
            .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new)));
    resource.addParticipant(participant(patient));
    resource.addParticipant(participant(practitioner));
    if (location != null) {
      resource.addParticipant(participant(location));
    }
  }

  /** Patient, Practitioner and Location participants are ours to set; others the EHR's. */
  private static boolean managed(Reference actor) {
    String ref = actor.getReference();
    return ref != null
        && (ref.startsWith("Patient/")
            || ref.startsWith("Practitioner/")
            || ref.startsWith("Location/")
            || ref.startsWith("urn:uuid:"));
  }

  private static AppointmentParticipantComponent participant(Reference actor) {
    return new AppointmentParticipantComponent()
        .setActor(actor)
        .setRequired(ParticipantRequired.REQUIRED)
        .setStatus(ParticipationStatus.ACCEPTED);
  }

  /** Our statuses are FHIR's codes; a hold ({@code proposed}) is never pushed. */
  static org.hl7.fhir.r4.model.Appointment.AppointmentStatus status(AppointmentStatus status) {
    return org.hl7.fhir.r4.model.Appointment.AppointmentStatus.fromCode(status.code());
  }

  /** The value of our identifier on the resource, if it has one under {@code system}. */
  static Optional<String> ours(org.hl7.fhir.r4.model.Appointment resource, String system) {
    return resource.getIdentifier().stream()
        .filter(i -> system.equals(i.getSystem()) && i.getValue() != null)
        .map(org.hl7.fhir.r4.model.Identifier::getValue)
        .findFirst();
  }

  /**
   * The patient as the EHR receives them: what the registry holds (names, birth date, sex,
   * contacts, identifiers), our identifier, and none of Accueil's own extensions. The EHR's own id,
   * recorded on our side under {@code ehrPatientSystem}, is not sent back to it as an identifier.
   */
  static org.hl7.fhir.r4.model.Patient patient(
      Patient patient,
      List<Identifier> identifiers,
      Identifiers systems,
      @Nullable String ehrPatientSystem) {
    List<Identifier> sent =
        identifiers.stream()
            .filter(i -> ehrPatientSystem == null || !ehrPatientSystem.equals(i.system()))
            .toList();
    var resource = FhirPatients.resource(patient, sent);
    resource.setIdElement(null);
    resource.getExtension().clear();
    resource.addIdentifier().setSystem(systems.patient()).setValue(patient.id().value().toString());
    return resource;
  }

  static org.hl7.fhir.r4.model.Practitioner practitioner(Provider provider, Identifiers systems) {
    var resource = new org.hl7.fhir.r4.model.Practitioner();
    resource
        .addIdentifier()
        .setSystem(systems.practitioner())
        .setValue(provider.id().value().toString());
    resource.setActive(provider.active());
    HumanName name =
        resource
            .addName()
            .setUse(HumanName.NameUse.OFFICIAL)
            .setFamily(provider.familyName())
            .addGiven(provider.givenName());
    if (!provider.title().isBlank()) {
      name.addPrefix(provider.title());
    }
    return resource;
  }

  static org.hl7.fhir.r4.model.Location location(Location location, Identifiers systems) {
    var resource = new org.hl7.fhir.r4.model.Location();
    resource
        .addIdentifier()
        .setSystem(systems.location())
        .setValue(location.id().value().toString());
    resource.setStatus(
        location.active()
            ? org.hl7.fhir.r4.model.Location.LocationStatus.ACTIVE
            : org.hl7.fhir.r4.model.Location.LocationStatus.INACTIVE);
    resource.setName(location.name());
    var address = resource.getAddress();
    if (!location.address().line().isBlank()) {
      address.addLine(location.address().line());
    }
    address
        .setPostalCode(location.address().postalCode())
        .setCity(location.address().city())
        .setCountry(location.address().country());
    return resource;
  }

  static Instant instant(Date date) {
    return date.toInstant();
  }
}
