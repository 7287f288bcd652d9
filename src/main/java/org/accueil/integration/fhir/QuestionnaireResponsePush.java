package org.accueil.integration.fhir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.accueil.integration.fhir.AppointmentPush.CannotPush;
import org.accueil.integration.fhir.EhrWrites.Written;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.questionnaires.Questionnaires;
import org.accueil.questionnaires.Questionnaires.ForEhr;
import org.hl7.fhir.r4.model.Questionnaire;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Reference;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Makes the EHR hold a completed form: the patient found or created (as for an appointment), the
 * Questionnaire it answers created once per {@code url} and {@code version}, then the
 * QuestionnaireResponse created once per our identifier, about the EHR's Patient. Each step is safe
 * to repeat after a crash or a lost answer.
 */
@Component
class QuestionnaireResponsePush {

  static final String QUESTIONNAIRE = "Questionnaire";

  private final Questionnaires questionnaires;
  private final Patients patients;
  private final AppointmentPush appointments;
  private final EhrWrites writes;
  private final FhirEhr ehr;

  QuestionnaireResponsePush(
      Questionnaires questionnaires,
      Patients patients,
      AppointmentPush appointments,
      EhrWrites writes,
      FhirEhr ehr) {
    this.questionnaires = questionnaires;
    this.patients = patients;
    this.appointments = appointments;
    this.writes = writes;
    this.ehr = ehr;
  }

  /**
   * Writes the response; its reference in the EHR, or null when there is nothing to write (the
   * response or its patient was erased since).
   */
  @Nullable String push(UUID response) {
    Optional<ForEhr> found = questionnaires.forEhr(response);
    if (found.isEmpty()) {
      return null;
    }
    ForEhr form = found.get();
    FhirCapabilities capabilities = ehr.capabilities();
    if (!capabilities.canCreate(QuestionnaireOutbound.QUESTIONNAIRE_RESPONSE)) {
      throw new CannotPush(
          "The EHR's CapabilityStatement offers no create of QuestionnaireResponse: completed"
              + " forms cannot be written to it over FHIR R4 (configure an HL7 v2 peer, and"
              + " replay).");
    }
    Optional<PatientId> patient =
        patients
            .current(form.answers().patient())
            .map(Patient::id)
            .filter(id -> !patients.isErased(id));
    if (patient.isEmpty()) {
      return null;
    }
    Reference subject = appointments.patient(patient.get());

    if (capabilities.canCreate(QUESTIONNAIRE)) {
      questionnaire(form);
    }
    // An EHR that takes no Questionnaire may still hold ours (loaded by hand): the response names
    // it by its canonical either way.

    QuestionnaireResponse resource =
        (QuestionnaireResponse)
            FhirEhr.context().newJsonParser().parseResource(form.answers().resource());
    resource.setId((String) null);
    resource.setMeta(null);
    resource.setSubject(subject.copy());
    resource.setAuthor(subject.copy());
    resource.setSource(subject.copy());
    Written written =
        writes.createOnce(resource, Questionnaires.RESPONSE_SYSTEM, response.toString());
    return QuestionnaireOutbound.QUESTIONNAIRE_RESPONSE
        + "/"
        + written.id()
        + (written.version() == null ? "" : "/_history/" + written.version());
  }

  /** The form's version in the EHR, created unless a Questionnaire has its url and version. */
  private Written questionnaire(ForEhr form) {
    Questionnaire q =
        (Questionnaire)
            FhirEhr.context().newJsonParser().parseResource(form.questionnaire().resource());
    q.setId((String) null);
    q.setMeta(null);
    q.setUrl(form.questionnaire().url());
    q.setVersion(Integer.toString(form.questionnaire().version()));
    String criteria =
        "url="
            + URLEncoder.encode(q.getUrl(), StandardCharsets.UTF_8)
            + "&version="
            + URLEncoder.encode(q.getVersion(), StandardCharsets.UTF_8);
    return writes.createOnceWhere(q, criteria);
  }
}
