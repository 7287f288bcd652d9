package org.accueil.integration.fhir;

import ca.uhn.fhir.rest.server.exceptions.PreconditionFailedException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.integration.fhir.EhrWrites.Written;
import org.accueil.integration.fhir.FhirConnectorProperties.Identifiers;
import org.accueil.integration.mapping.IntegrationLink;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientIdentifier;
import org.accueil.patients.Patients;
import org.accueil.patients.fhir.FhirPatients;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.Appointments;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Makes the EHR hold one of our appointments as it is now: the patient found or created first (by
 * our identifier, then by the identifiers the registry holds, never twice), the provider's and the
 * location's mapped resources, then the Appointment created, or updated over the EHR's current
 * version. Each step is safe to repeat after a crash or a lost answer.
 */
@Component
class AppointmentPush {

  static final String APPOINTMENT = "Appointment";
  static final String PATIENT = "Patient";
  static final String PRACTITIONER = "Practitioner";
  static final String LOCATION = "Location";
  static final String APPOINTMENT_TYPE = "AppointmentType";

  /** A concurrent change in the EHR between our read and our write: read and apply again. */
  private static final int UPDATE_ATTEMPTS = 3;

  private final Appointments appointments;
  private final Patients patients;
  private final PracticeDirectory practice;
  private final EhrLinks links;
  private final EhrWrites writes;
  private final FhirEhr ehr;
  private final FhirConnectorProperties properties;

  AppointmentPush(
      Appointments appointments,
      Patients patients,
      PracticeDirectory practice,
      EhrLinks links,
      EhrWrites writes,
      FhirEhr ehr,
      FhirConnectorProperties properties) {
    this.appointments = appointments;
    this.patients = patients;
    this.practice = practice;
    this.links = links;
    this.writes = writes;
    this.ehr = ehr;
    this.properties = properties;
  }

  /** What the push did. */
  sealed interface Pushed {
    /** The EHR holds the appointment as we have it, at this version. */
    record Written(String reference) implements Pushed {}

    /** Nothing to write: the appointment is gone, or was cancelled before the EHR ever had it. */
    record Nothing(String why) implements Pushed {}

    /** The EHR cancelled it meanwhile: its cancellation stands and comes back to us as a change. */
    record TheirsCancelled(org.hl7.fhir.r4.model.Appointment current) implements Pushed {}
  }

  /**
   * What no retry mends: a provider with no Practitioner in the EHR (an administrator must map it),
   * an EHR that does not take Appointment writes.
   */
  static final class CannotPush extends RuntimeException {
    CannotPush(String message) {
      super(message);
    }
  }

  Pushed push(AppointmentId id) {
    Optional<Appointment> found = appointments.find(id);
    if (found.isEmpty()) {
      return new Pushed.Nothing("no appointment " + id);
    }
    Appointment appointment = found.get();
    if (!ehr.capabilities().writable().contains(APPOINTMENT)) {
      // Epic's and athenahealth's R4 Appointment is read and search only.
      throw new CannotPush(
          "The EHR's CapabilityStatement offers no create and update of Appointment: bookings"
              + " cannot be written to it over FHIR R4 (use its booking operation or an HL7 v2"
              + " feed).");
    }
    PracticeSnapshot snapshot = practice.snapshot();
    AppointmentType type = snapshot.appointmentType(appointment.type()).orElseThrow();
    Provider provider = snapshot.provider(appointment.provider()).orElseThrow();
    Location location = snapshot.location(appointment.location()).orElseThrow();
    Identifiers systems = properties.identifiers();
    String ours = appointment.id().value().toString();

    FhirCapabilities capabilities = ehr.capabilities();
    Optional<IntegrationLink> link = links.byLocal(EhrLinks.APPOINTMENT, id.value());
    // Where the EHR creates conditionally, the create itself finds an earlier try's appointment:
    // no search first, one round trip fewer.
    boolean createFinds =
        capabilities.conditionalCreate(APPOINTMENT) && appointment.status().occupiesTime();
    Optional<org.hl7.fhir.r4.model.Appointment> existing =
        link.isPresent() || createFinds
            ? Optional.empty()
            : writes.findByIdentifier(
                org.hl7.fhir.r4.model.Appointment.class, systems.appointment(), ours);
    if (link.isEmpty() && existing.isEmpty() && !appointment.status().occupiesTime()) {
      return new Pushed.Nothing("cancelled before the EHR had it");
    }

    Reference practitioner = practitioner(provider);
    Reference place = location(location);
    Coding ehrType = ehrType(type);

    if (link.isPresent() || existing.isPresent()) {
      String remoteId =
          link.map(IntegrationLink::remoteId)
              .orElseGet(() -> existing.get().getIdElement().getIdPart());
      Pushed updated = update(remoteId, appointment, type, practitioner, place, ehrType);
      if (updated != null) {
        return updated;
      }
      // Deleted in the EHR since we linked it: ours is written again, as new.
      links.unlink(EhrLinks.APPOINTMENT, id.value());
      if (!appointment.status().occupiesTime()) {
        return new Pushed.Nothing("cancelled, and deleted in the EHR");
      }
    }

    boolean oneTransaction =
        capabilities.transactions()
            && capabilities.conditionalCreate(PATIENT)
            && capabilities.conditionalCreate(APPOINTMENT);
    Optional<Reference> patient =
        oneTransaction && nothingToFindPatientBy(appointment.patient())
            // The transaction's If-None-Exist on our identifier finds a Patient we made before.
            ? linkedPatient(appointment.patient())
            : knownPatient(appointment.patient());
    if (patient.isEmpty()
        && capabilities.transactions()
        && capabilities.conditionalCreate(PATIENT)
        && capabilities.conditionalCreate(APPOINTMENT)) {
      return inOneTransaction(appointment, type, practitioner, place, ehrType);
    }
    Reference patientRef = patient.orElseGet(() -> createPatient(appointment.patient()));
    var resource =
        EhrResources.appointment(
            appointment, type, systems, patientRef, practitioner, place, ehrType);
    Written written = writes.createOnce(resource, systems.appointment(), ours);
    if (!written.created()) {
      // Created by an earlier try whose outcome we never recorded: bring it up to date.
      Pushed updated = update(written.id(), appointment, type, practitioner, place, ehrType);
      if (updated != null) {
        return updated;
      }
    }
    links.link(EhrLinks.APPOINTMENT, id.value(), written.id(), written.version());
    return new Pushed.Written(reference(APPOINTMENT, written));
  }

  /** Our state written over the EHR's current version; null when the EHR deleted it. */
  private @Nullable Pushed update(
      String remoteId,
      Appointment appointment,
      AppointmentType type,
      Reference practitioner,
      @Nullable Reference place,
      @Nullable Coding ehrType) {
    Reference patient = patient(appointment.patient());
    for (int attempt = 1; ; attempt++) {
      org.hl7.fhir.r4.model.Appointment current;
      try {
        current = writes.read(org.hl7.fhir.r4.model.Appointment.class, remoteId);
      } catch (ResourceNotFoundException | ResourceGoneException e) {
        return null;
      }
      String version = current.getIdElement().getVersionIdPart();
      if (cancelledThere(current) && appointment.status().occupiesTime()) {
        links.link(EhrLinks.APPOINTMENT, appointment.id().value(), remoteId, version);
        return new Pushed.TheirsCancelled(current);
      }
      String before = EhrJson.managedFields(current);
      EhrResources.apply(
          current,
          appointment,
          type,
          properties.identifiers(),
          patient,
          practitioner,
          place,
          ehrType);
      if (before.equals(EhrJson.managedFields(current))) {
        links.link(EhrLinks.APPOINTMENT, appointment.id().value(), remoteId, version);
        return new Pushed.Written(APPOINTMENT + "/" + remoteId + "/_history/" + version);
      }
      try {
        Written written = writes.update(current);
        links.link(EhrLinks.APPOINTMENT, appointment.id().value(), remoteId, written.version());
        return new Pushed.Written(reference(APPOINTMENT, written));
      } catch (PreconditionFailedException | ResourceVersionConflictException e) {
        if (attempt == UPDATE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private static boolean cancelledThere(org.hl7.fhir.r4.model.Appointment current) {
    var status = current.getStatus();
    return status == org.hl7.fhir.r4.model.Appointment.AppointmentStatus.CANCELLED
        || status == org.hl7.fhir.r4.model.Appointment.AppointmentStatus.ENTEREDINERROR;
  }

  /**
   * The patient and the appointment in one transaction, each created only if no resource carries
   * our identifier: the EHR never holds an appointment without its patient, and two round trips
   * become one.
   */
  private Pushed inOneTransaction(
      Appointment appointment,
      AppointmentType type,
      Reference practitioner,
      @Nullable Reference place,
      @Nullable Coding ehrType) {
    Identifiers systems = properties.identifiers();
    PatientId patientId = appointment.patient();
    var patient = patientResource(patientId);
    String patientUrn = "urn:uuid:" + UUID.randomUUID();
    String ours = appointment.id().value().toString();
    var resource =
        EhrResources.appointment(
            appointment, type, systems, new Reference(patientUrn), practitioner, place, ehrType);
    Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
    transaction
        .addEntry()
        .setFullUrl(patientUrn)
        .setResource(patient)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl(PATIENT)
        .setIfNoneExist(ifNoneExist(systems.patient(), patientId.value().toString()));
    transaction
        .addEntry()
        .setFullUrl("urn:uuid:" + UUID.randomUUID())
        .setResource(resource)
        .getRequest()
        .setMethod(Bundle.HTTPVerb.POST)
        .setUrl(APPOINTMENT)
        .setIfNoneExist(ifNoneExist(systems.appointment(), ours));
    // Committed or not when the answer is lost, the next try finds by our identifiers whatever
    // it created.
    Bundle response = ehr.client().transaction().withBundle(transaction).execute();
    IdType remotePatient = new IdType(response.getEntry().get(0).getResponse().getLocation());
    IdType appointmentId = new IdType(response.getEntry().get(1).getResponse().getLocation());
    links.link(
        EhrLinks.PATIENT,
        patientId.value(),
        remotePatient.getIdPart(),
        remotePatient.getVersionIdPart());
    if (!response.getEntry().get(1).getResponse().getStatus().startsWith("201")) {
      // The appointment existed (an earlier try committed it): bring it up to date.
      Pushed updated =
          update(appointmentId.getIdPart(), appointment, type, practitioner, place, ehrType);
      if (updated != null) {
        return updated;
      }
    }
    links.link(
        EhrLinks.APPOINTMENT,
        appointment.id().value(),
        appointmentId.getIdPart(),
        appointmentId.getVersionIdPart());
    return new Pushed.Written(
        APPOINTMENT
            + "/"
            + appointmentId.getIdPart()
            + "/_history/"
            + appointmentId.getVersionIdPart());
  }

  private static String ifNoneExist(String system, String value) {
    return "identifier=" + URLEncoder.encode(system + "|" + value, StandardCharsets.UTF_8);
  }

  /** The patient's resource in the EHR, found or created. */
  Reference patient(PatientId id) {
    return knownPatient(id).orElseGet(() -> createPatient(id));
  }

  private Optional<Reference> linkedPatient(PatientId id) {
    return links
        .byLocal(EhrLinks.PATIENT, id.value())
        .map(l -> new Reference(PATIENT + "/" + l.remoteId()));
  }

  /** Whether the registry holds no identifier of the patient the EHR could know them by. */
  private boolean nothingToFindPatientBy(PatientId id) {
    Patient patient = patients.current(id).orElseThrow();
    return patients.record(patient).identifiers().isEmpty();
  }

  /**
   * The patient's resource if the EHR has one: linked already, carrying our identifier, or found by
   * an identifier the registry holds (the EHR's own id, a national health identifier, an MRN) when
   * exactly one resource has it.
   */
  private Optional<Reference> knownPatient(PatientId id) {
    Optional<IntegrationLink> link = links.byLocal(EhrLinks.PATIENT, id.value());
    if (link.isPresent()) {
      return Optional.of(new Reference(PATIENT + "/" + link.get().remoteId()));
    }
    Identifiers systems = properties.identifiers();
    Optional<org.hl7.fhir.r4.model.Patient> ours =
        writes.findByIdentifier(
            org.hl7.fhir.r4.model.Patient.class, systems.patient(), id.value().toString());
    if (ours.isPresent()) {
      return Optional.of(linked(id, ours.get()));
    }
    String ehrSystem = ehrPatientSystem();
    Patient patient = patients.current(id).orElseThrow();
    List<PatientIdentifier> identifiers = patients.record(patient).identifiers();
    for (PatientIdentifier identifier : identifiers) {
      if (identifier.system().equals(ehrSystem)) {
        links.link(EhrLinks.PATIENT, id.value(), identifier.value(), null);
        return Optional.of(new Reference(PATIENT + "/" + identifier.value()));
      }
    }
    var resource = patientResource(id);
    for (var identifier : resource.getIdentifier()) {
      String system = identifier.getSystem();
      if (system == null
          || system.equals(systems.patient())
          || system.equals(FhirPatients.URI_SYSTEM)) {
        continue;
      }
      var byTheirs =
          ehr.client()
              .search()
              .forResource(org.hl7.fhir.r4.model.Patient.class)
              .where(
                  new ca.uhn.fhir.rest.gclient.TokenClientParam("identifier")
                      .exactly()
                      .systemAndCode(system, identifier.getValue()))
              .count(2)
              .returnBundle(Bundle.class)
              .execute();
      // Two records with one national identifier is the EHR's duplicate to settle, not ours to
      // pick from: fall through to our own record.
      if (byTheirs.getEntry().size() == 1) {
        return Optional.of(
            linked(id, (org.hl7.fhir.r4.model.Patient) byTheirs.getEntry().get(0).getResource()));
      }
    }
    return Optional.empty();
  }

  private Reference linked(PatientId id, org.hl7.fhir.r4.model.Patient found) {
    IdType remote = found.getIdElement();
    links.link(EhrLinks.PATIENT, id.value(), remote.getIdPart(), remote.getVersionIdPart());
    return new Reference(PATIENT + "/" + remote.getIdPart());
  }

  private Reference createPatient(PatientId id) {
    var resource = patientResource(id);
    Written written =
        writes.createOnce(resource, properties.identifiers().patient(), id.value().toString());
    links.link(EhrLinks.PATIENT, id.value(), written.id(), written.version());
    return new Reference(PATIENT + "/" + written.id());
  }

  private org.hl7.fhir.r4.model.Patient patientResource(PatientId id) {
    Patient patient = patients.current(id).orElseThrow();
    return EhrResources.patient(
        patient,
        patients.record(patient).identifiers().stream().map(PatientIdentifier::identifier).toList(),
        properties.identifiers(),
        ehrPatientSystem());
  }

  String ehrPatientSystem() {
    String configured = properties.identifiers().ehrPatient();
    return configured != null && !configured.isBlank()
        ? configured
        : properties.base() + "/" + PATIENT;
  }

  /** The provider's Practitioner: mapped, found by our identifier, or (a test EHR) created. */
  Reference practitioner(Provider provider) {
    UUID id = provider.id().value();
    Optional<IntegrationLink> link = links.byLocal(EhrLinks.PROVIDER, id);
    if (link.isPresent()) {
      return new Reference(PRACTITIONER + "/" + link.get().remoteId())
          .setDisplay(provider.displayName());
    }
    String system = properties.identifiers().practitioner();
    var found =
        writes.findByIdentifier(org.hl7.fhir.r4.model.Practitioner.class, system, id.toString());
    Written written;
    if (found.isPresent()) {
      written = Written.of(found.get().getIdElement(), false);
    } else if (properties.createMissingPractitioners()) {
      written =
          writes.createOnce(
              EhrResources.practitioner(provider, properties.identifiers()), system, id.toString());
    } else {
      throw new CannotPush(
          "Provider "
              + provider.displayName()
              + " ("
              + id
              + ") has no Practitioner in the EHR: map it (integration links, resource type"
              + " Practitioner) and replay this delivery.");
    }
    links.link(EhrLinks.PROVIDER, id, written.id(), written.version());
    return new Reference(PRACTITIONER + "/" + written.id()).setDisplay(provider.displayName());
  }

  /** The location's Location when mapped, found by our identifier or created (a test EHR). */
  @Nullable Reference location(Location location) {
    UUID id = location.id().value();
    Optional<IntegrationLink> link = links.byLocal(EhrLinks.LOCATION, id);
    if (link.isPresent()) {
      return new Reference(LOCATION + "/" + link.get().remoteId()).setDisplay(location.name());
    }
    String system = properties.identifiers().location();
    var found =
        writes.findByIdentifier(org.hl7.fhir.r4.model.Location.class, system, id.toString());
    Written written;
    if (found.isPresent()) {
      written = Written.of(found.get().getIdElement(), false);
    } else if (properties.createMissingPractitioners()) {
      written =
          writes.createOnce(
              EhrResources.location(location, properties.identifiers()), system, id.toString());
    } else {
      return null;
    }
    links.link(EhrLinks.LOCATION, id, written.id(), written.version());
    return new Reference(LOCATION + "/" + written.id()).setDisplay(location.name());
  }

  /** The EHR's coding of the type, when an administrator mapped it as {@code system|code}. */
  private @Nullable Coding ehrType(AppointmentType type) {
    return links
        .byLocal(EhrLinks.APPOINTMENT_TYPE, type.id().value())
        .map(
            l -> {
              int bar = l.remoteId().indexOf('|');
              return bar < 0
                  ? new Coding(null, l.remoteId(), null)
                  : new Coding(
                      l.remoteId().substring(0, bar), l.remoteId().substring(bar + 1), null);
            })
        .orElse(null);
  }

  private static String reference(String type, Written written) {
    return type
        + "/"
        + written.id()
        + (written.version() == null ? "" : "/_history/" + written.version());
  }
}
