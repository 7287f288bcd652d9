package org.accueil.integration.fhir.facade;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.Identifier;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientIdentifier;
import org.accueil.patients.Patients;
import org.accueil.patients.fhir.FhirPatients;
import org.accueil.platform.Audit;
import org.hl7.fhir.r4.model.IdType;

/**
 * The patients a booking names, so that an EHR or a portal can find its patient's id here before
 * {@code $book}: read by id, or search by identifier (INS, codice fiscale, the practice's MRN, an
 * EHR's own system). Written by the registry's own mapping; every read and search is audited as the
 * REST API's are.
 */
final class PatientEndpoint implements IResourceProvider {

  private static final int LIMIT = 20;

  private final Patients patients;
  private final Audit audit;

  PatientEndpoint(Patients patients, Audit audit) {
    this.patients = patients;
    this.audit = audit;
  }

  @Override
  public Class<org.hl7.fhir.r4.model.Patient> getResourceType() {
    return org.hl7.fhir.r4.model.Patient.class;
  }

  @Read
  public org.hl7.fhir.r4.model.Patient read(@IdParam IdType id) {
    UUID uuid = PracticeEndpoints.uuid(id);
    Patient patient =
        patients.find(PatientId.of(uuid)).orElseThrow(() -> PracticeEndpoints.notFound(id));
    audit.success("patient.view", "patient", uuid, Map.of("patient", uuid));
    return resource(patient);
  }

  /** {@code identifier=system|value}: {@code urn:oid:1.2.250.1.213.1.4.8|<INS>}, ... */
  @Search
  public List<org.hl7.fhir.r4.model.Patient> search(
      @RequiredParam(name = org.hl7.fhir.r4.model.Patient.SP_IDENTIFIER) TokenParam identifier) {
    String system = identifier.getSystem();
    String value = identifier.getValue();
    if (system == null || system.isBlank() || value == null || value.isBlank()) {
      throw new InvalidRequestException(
          "identifier: give system|value, e.g. " + FhirPatients.INS_SYSTEM + "|<INS>.");
    }
    List<Patient> found;
    if (system.equals(FhirIds.URI_SYSTEM)) {
      UUID id =
          value.startsWith("urn:uuid:")
              ? FhirIds.uuidOrNull(value.substring("urn:uuid:".length()))
              : null;
      found = id == null ? List.of() : patients.find(PatientId.of(id)).stream().toList();
    } else {
      found =
          patients.search(
              null,
              null,
              null,
              null,
              null,
              new Identifier(FhirPatients.ourSystem(system), value),
              Patients.LIVE,
              LIMIT);
    }
    audit.success(
        "patient.search",
        "patient",
        null,
        Map.of(
            "results",
            String.join(",", found.stream().map(p -> p.id().value().toString()).toList())));
    return found.stream().map(this::resource).toList();
  }

  private org.hl7.fhir.r4.model.Patient resource(Patient patient) {
    List<Identifier> identifiers =
        patients.record(patient).identifiers().stream().map(PatientIdentifier::identifier).toList();
    return FhirPatients.resource(patient, identifiers);
  }
}
