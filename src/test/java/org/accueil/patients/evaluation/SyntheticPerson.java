package org.accueil.patients.evaluation;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * One synthetic person, as registered or as they present themselves at the desk. Invented from the
 * name lists in this package: no real person's details.
 *
 * @param birthFamilyName the birth name of a person registered under a married name (French and
 *     English married women); null when the family name is the birth name. Queries never carry it:
 *     a booking form asks for one family name.
 * @param sex "female" or "male"; null when not given
 * @param phone in the registry, E.164 ("+33612345678"); in a query, as the person wrote it ("06 12
 *     34 56 78")
 * @param language "fr", "it" or "en": the person's language, which also tells the country of their
 *     phone number (France, Italy, United Kingdom)
 * @param household the same number for people living together (a couple, parents and their
 *     children); ground truth for the evaluation, never given to the matcher
 */
public record SyntheticPerson(
    String givenName,
    String familyName,
    @Nullable String birthFamilyName,
    LocalDate birthDate,
    @Nullable String sex,
    @Nullable String phone,
    @Nullable String email,
    String language,
    long household) {

  SyntheticPerson withGivenName(String name) {
    return new SyntheticPerson(
        name, familyName, birthFamilyName, birthDate, sex, phone, email, language, household);
  }

  SyntheticPerson withFamilyName(String name) {
    return new SyntheticPerson(
        givenName, name, birthFamilyName, birthDate, sex, phone, email, language, household);
  }

  SyntheticPerson withNames(String given, String family) {
    return new SyntheticPerson(
        given, family, birthFamilyName, birthDate, sex, phone, email, language, household);
  }

  SyntheticPerson withBirthFamilyName(@Nullable String name) {
    return new SyntheticPerson(
        givenName, familyName, name, birthDate, sex, phone, email, language, household);
  }

  SyntheticPerson withBirthDate(LocalDate date) {
    return new SyntheticPerson(
        givenName, familyName, birthFamilyName, date, sex, phone, email, language, household);
  }

  SyntheticPerson withSex(@Nullable String value) {
    return new SyntheticPerson(
        givenName,
        familyName,
        birthFamilyName,
        birthDate,
        value,
        phone,
        email,
        language,
        household);
  }

  SyntheticPerson withPhone(@Nullable String value) {
    return new SyntheticPerson(
        givenName, familyName, birthFamilyName, birthDate, sex, value, email, language, household);
  }

  SyntheticPerson withEmail(@Nullable String value) {
    return new SyntheticPerson(
        givenName, familyName, birthFamilyName, birthDate, sex, phone, value, language, household);
  }
}
