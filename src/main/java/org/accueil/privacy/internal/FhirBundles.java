package org.accueil.privacy.internal;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.accueil.patients.Patient;
import org.accueil.patients.fhir.FhirPatients;
import org.accueil.platform.Ids;
import org.accueil.privacy.ConsentDecision;
import org.accueil.privacy.ConsentRecord;
import org.accueil.privacy.ConsentWording;
import org.accueil.privacy.PersonalData;
import org.accueil.scheduling.PatientAppointment;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * A patient's export as a FHIR R4 {@code Bundle} of type {@code collection}: their {@code Patient},
 * one {@code Appointment} per appointment, the {@code Practitioner}s those name, and one {@code
 * Consent} per recorded decision that holds now.
 *
 * <p>Every entry's {@code fullUrl} is {@code urn:uuid:<our id>} and references point at those, so
 * the bundle is self-contained; each resource also carries our id as an identifier (system {@code
 * urn:ietf:rfc:3986}, FHIR's way of saying "this URI").
 */
public final class FhirBundles {

  /**
   * Accueil's own code systems and extensions, for what FHIR has no codes for (consent purposes and
   * channels). One place, so that the FHIR facade can move them to a published URL.
   */
  public static final String ACCUEIL = "urn:accueil:fhir:";

  public static final String PURPOSE_SYSTEM = ACCUEIL + "CodeSystem:consent-purpose";
  public static final String CHANNEL_EXTENSION = ACCUEIL + "StructureDefinition:consent-channel";
  public static final String SOURCE_EXTENSION = ACCUEIL + "StructureDefinition:consent-source";

  private static final String URI_SYSTEM = "urn:ietf:rfc:3986";

  private FhirBundles() {}

  public static String json(PersonalData data) {
    return FhirPatients.context().newJsonParser().encodeResourceToString(bundle(data));
  }

  public static Bundle bundle(PersonalData data) {
    Bundle bundle = new Bundle();
    bundle.setId(Ids.newId().toString());
    bundle.setType(Bundle.BundleType.COLLECTION);
    bundle.setTimestamp(Date.from(data.exportedAt()));
    Patient patient = data.patient();
    add(bundle, patient(patient, data.erasure() == null));
    Map<UUID, String> practitioners = new LinkedHashMap<>();
    for (PatientAppointment appointment : data.appointments()) {
      practitioners.putIfAbsent(appointment.providerId(), appointment.providerName());
    }
    practitioners.forEach((id, name) -> add(bundle, practitioner(id, name)));
    for (PatientAppointment appointment : data.appointments()) {
      add(bundle, appointment(appointment));
    }
    Set<ConsentRecord> holding = new LinkedHashSet<>();
    for (ConsentDecision decision : data.currentConsents()) {
      if (decision.decidedBy() != null) {
        holding.add(decision.decidedBy());
      }
    }
    holding.forEach(record -> add(bundle, consent(record)));
    return bundle;
  }

  /** The registry's own mapping, so this export writes a patient as the registry's export does. */
  private static org.hl7.fhir.r4.model.Patient patient(Patient patient, boolean active) {
    var resource = FhirPatients.resource(patient, List.of());
    resource.setActive(active);
    return resource;
  }

  private static Practitioner practitioner(UUID id, String name) {
    var resource = new Practitioner();
    identify(resource, id);
    resource.addName().setText(name);
    return resource;
  }

  private static Appointment appointment(PatientAppointment appointment) {
    var resource = new Appointment();
    identify(resource, appointment.id().value());
    // Our statuses are FHIR R4's AppointmentStatus codes.
    resource.setStatus(Appointment.AppointmentStatus.fromCode(appointment.status().code()));
    resource.setStart(Date.from(appointment.start()));
    resource.setEnd(Date.from(appointment.end()));
    resource.setMinutesDuration(
        (int) java.time.Duration.between(appointment.start(), appointment.end()).toMinutes());
    resource.setCreated(Date.from(appointment.createdAt()));
    resource.addServiceType().setText(appointment.appointmentTypeName());
    if (appointment.cancellation() != null && !appointment.cancellation().reason().isBlank()) {
      resource.setCancelationReason(
          new CodeableConcept().setText(appointment.cancellation().reason()));
    }
    resource
        .addParticipant()
        .setActor(reference(appointment.patient().value()))
        .setRequired(Appointment.ParticipantRequired.REQUIRED)
        .setStatus(Appointment.ParticipationStatus.ACCEPTED);
    resource
        .addParticipant()
        .setActor(reference(appointment.providerId()).setDisplay(appointment.providerName()))
        .setRequired(Appointment.ParticipantRequired.REQUIRED)
        .setStatus(Appointment.ParticipationStatus.ACCEPTED);
    return resource;
  }

  private static Consent consent(ConsentRecord record) {
    var resource = new Consent();
    identify(resource, record.id());
    resource.setStatus(Consent.ConsentState.ACTIVE);
    resource.setScope(
        new CodeableConcept(
            new Coding(
                "http://terminology.hl7.org/CodeSystem/consentscope",
                "patient-privacy",
                "Privacy Consent")));
    resource.addCategory(
        new CodeableConcept(new Coding("http://loinc.org", "59284-0", "Patient Consent")));
    resource.setPatient(reference(record.patient().value()));
    resource.setDateTimeElement(new DateTimeType(Date.from(record.recordedAt())));
    resource.addPerformer(reference(record.patient().value()));
    // ppc-1 wants a policy or a rule: opt-in for a grant, opt-out for a refusal or withdrawal.
    resource.setPolicyRule(
        new CodeableConcept(
            new Coding(
                "http://terminology.hl7.org/CodeSystem/v3-ActCode",
                record.granted() ? "OPTIN" : "OPTOUT",
                record.granted() ? "opt-in" : "opt-out")));
    ConsentWording wording = record.wording();
    if (wording != null) {
      Attachment shown =
          new Attachment()
              .setContentType("text/plain; charset=utf-8")
              .setLanguage(wording.language())
              .setTitle("Wording shown to the patient, SHA-256 " + wording.sha256());
      if (wording.text() != null) {
        shown.setData(wording.text().getBytes(StandardCharsets.UTF_8));
      }
      resource.setSource(shown);
    }
    resource.addExtension(SOURCE_EXTENSION, new CodeType(record.source().code()));
    Consent.ProvisionComponent provision = resource.getProvision();
    provision.setType(
        record.granted() ? Consent.ConsentProvisionType.PERMIT : Consent.ConsentProvisionType.DENY);
    provision.addPurpose(
        new Coding(PURPOSE_SYSTEM, record.purpose().code(), record.purpose().code()));
    provision.addExtension(CHANNEL_EXTENSION, new CodeType(record.channel().code()));
    return resource;
  }

  private static void identify(Resource resource, UUID id) {
    resource.setId(id.toString());
    Identifier identifier = new Identifier().setSystem(URI_SYSTEM).setValue("urn:uuid:" + id);
    switch (resource) {
      case Practitioner p -> p.addIdentifier(identifier);
      case Appointment a -> a.addIdentifier(identifier);
      case Consent c -> c.addIdentifier(identifier);
      default -> throw new IllegalArgumentException(resource.fhirType());
    }
  }

  private static Reference reference(UUID id) {
    return new Reference("urn:uuid:" + id);
  }

  private static void add(Bundle bundle, Resource resource) {
    bundle.addEntry().setFullUrl("urn:uuid:" + resource.getIdPart()).setResource(resource);
  }
}
