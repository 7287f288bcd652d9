package org.accueil.patients;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A record of the registry. Names and birth date are present on every record but a provisional one
 * created for someone who has not yet said who they are.
 *
 * @param familyName the name in use
 * @param birthFamilyName the family name at birth, when it differs (nom de naissance, maiden name)
 * @param phone the main phone number, E.164, e.g. +33612345678
 * @param email the main e-mail address, lower-cased
 * @param mergedInto for a tombstone, the record it was merged into
 */
public record Patient(
    PatientId id,
    PatientStatus status,
    @Nullable String givenName,
    @Nullable String familyName,
    @Nullable String birthFamilyName,
    @Nullable LocalDate birthDate,
    @Nullable Sex sex,
    @Nullable String phone,
    @Nullable String email,
    @Nullable PostalAddress address,
    @Nullable String preferredLanguage,
    @Nullable Channel preferredChannel,
    Origin origin,
    @Nullable PatientId mergedInto) {

  /** An active record with the details a booking gives. */
  public static Patient of(
      PatientId id,
      String givenName,
      String familyName,
      LocalDate birthDate,
      @Nullable String phone,
      @Nullable String email) {
    return new Patient(
        id,
        PatientStatus.ACTIVE,
        givenName,
        familyName,
        null,
        birthDate,
        null,
        phone,
        email,
        null,
        null,
        null,
        Origin.STAFF,
        null);
  }

  /**
   * A record holding {@code details} (already normalised, as the registry stores them).
   *
   * @param mergedInto for a tombstone, the survivor
   */
  public static Patient of(
      PatientId id,
      PatientStatus status,
      PatientDetails details,
      Origin origin,
      @Nullable PatientId mergedInto) {
    return new Patient(
        id,
        status,
        details.givenName(),
        details.familyName(),
        details.birthFamilyName(),
        details.birthDate(),
        details.sex(),
        details.phone(),
        details.email(),
        details.address(),
        details.preferredLanguage(),
        details.preferredChannel(),
        origin,
        mergedInto);
  }

  /** Only the id: whatever logs a patient must not log who they are. */
  @Override
  public String toString() {
    return "Patient[" + id + "]";
  }
}
