package org.accueil.privacy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientRecord;
import org.accueil.scheduling.PatientAppointment;
import org.jspecify.annotations.Nullable;

/**
 * Everything held on one patient, as their export hands it over.
 *
 * @param record the registry's record: details, identifiers, contacts, channel identities,
 *     guardians and dependents
 * @param mergedRecords the records merged into theirs, as they were registered
 * @param consents every consent record, in the order they were made
 * @param currentConsents what holds now per channel and purpose
 * @param erasure the record of their erasure, if they were erased
 * @param contributed the sections of the {@link PersonalDataContributor}s, by section name
 */
public record PersonalData(
    Instant exportedAt,
    PatientRecord record,
    List<Patient> mergedRecords,
    List<PatientAppointment> appointments,
    List<ConsentRecord> consents,
    List<ConsentDecision> currentConsents,
    @Nullable Erasure erasure,
    Map<String, Object> contributed) {

  public Patient patient() {
    return record.patient();
  }
}
