package org.accueil.patients;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * @param phone E.164, e.g. +33612345678
 */
public record Patient(
    PatientId id,
    String givenName,
    String familyName,
    LocalDate birthDate,
    @Nullable String phone,
    @Nullable String email) {

  /** Only the id: whatever logs a patient must not log who they are. */
  @Override
  public String toString() {
    return "Patient[" + id + "]";
  }
}
