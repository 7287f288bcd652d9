package org.accueil.privacy;

import org.accueil.patients.PatientId;
import org.jspecify.annotations.Nullable;

/**
 * A decision to record.
 *
 * @param wording what the patient was shown; required when {@code granted}
 */
public record RecordConsent(
    PatientId patient,
    ConsentChannel channel,
    ConsentPurpose purpose,
    boolean granted,
    ConsentSource source,
    @Nullable ConsentWording wording) {

  public RecordConsent {
    if (granted && wording == null) {
      // Art. 7(1): the practice must be able to show what the patient agreed to.
      throw new IllegalArgumentException("A consent granted needs the wording the patient saw");
    }
  }
}
