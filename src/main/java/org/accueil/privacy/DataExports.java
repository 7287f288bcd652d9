package org.accueil.privacy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.accueil.privacy.internal.ErasureRepository;
import org.accueil.scheduling.Appointments;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The export of everything held on a patient (GDPR arts. 15 and 20): their record, appointments,
 * consents, erasure, and the sections of every {@link PersonalDataContributor}.
 */
@Service
public class DataExports {

  /** The sections the privacy module writes itself; contributors choose other names. */
  public static final Set<String> OWN_SECTIONS =
      Set.of("exportedAt", "patient", "appointments", "consents", "erasure");

  /** The form the export is handed over in; the audit trail records which. */
  public enum Format {
    JSON,
    FHIR
  }

  private final Patients patients;
  private final Appointments appointments;
  private final Consents consents;
  private final ErasureRepository erasures;
  private final PersonalDataContributors contributors;
  private final Audit audit;
  private final Clock clock;

  DataExports(
      Patients patients,
      Appointments appointments,
      Consents consents,
      ErasureRepository erasures,
      PersonalDataContributors contributors,
      Audit audit,
      Clock clock) {
    this.patients = patients;
    this.appointments = appointments;
    this.consents = consents;
    this.erasures = erasures;
    this.contributors = contributors;
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * Gathers the patient's data and records in the audit trail that it was exported.
   *
   * @param language of the names read in it (appointment types)
   */
  @Transactional
  public PersonalData export(PatientId requested, Format format, Locale language) {
    // A merged record's id exports the person: the record their data moved to, and the records
    // merged into it.
    Patient patient =
        patients
            .current(requested)
            .orElseThrow(() -> ProblemException.notFound("patient", requested));
    PatientId id = patient.id();
    List<Patient> merged =
        patients.recordsOf(id).stream()
            .filter(record -> !record.equals(id))
            .map(record -> patients.find(record).orElseThrow())
            .toList();
    List<ConsentRecord> history = consents.history(id);
    Map<String, Object> contributed = new LinkedHashMap<>();
    for (PersonalDataContributor contributor : contributors.all()) {
      contributed.put(contributor.section(), contributor.export(id));
    }
    PersonalData data =
        new PersonalData(
            clock.instant(),
            patients.record(patient),
            merged,
            appointments.ofPatient(id, language),
            history,
            Consents.current(history),
            erasures.find(id).orElse(null),
            contributed);
    audit.success(
        "patient.export", "patient", id, Map.of("format", format.name().toLowerCase(Locale.ROOT)));
    return data;
  }
}
