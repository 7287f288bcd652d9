package org.accueil.privacy;

import org.accueil.patients.PatientId;

/**
 * A module that holds personal data of its own on patients (conversations, messages, the audit
 * trail) implements this as a bean, so that a patient's export includes it and their erasure
 * reaches it. Patient records, appointments and consents are the privacy module's own sections.
 */
public interface PersonalDataContributor {

  /**
   * The key of this module's section in the JSON export, e.g. {@code conversations}; unique, and
   * none of {@link DataExports#OWN_SECTIONS}.
   */
  String section();

  /**
   * Everything this module holds on the patient, as values the JSON mapper writes (records, lists,
   * maps). Called in the export's transaction.
   */
  Object export(PatientId patient);

  /**
   * Removes or anonymises what this module holds on the patient, keeping only what the law makes
   * the practice keep, and nothing that identifies the patient. Called once, in the erasure's
   * transaction: throwing rolls the whole erasure back.
   */
  void erase(PatientId patient);
}
