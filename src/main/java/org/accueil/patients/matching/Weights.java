package org.accueil.patients.matching;

/**
 * The weight of each agreement, in bits (log2 m/u, Fellegi–Sunter), and the two thresholds.
 *
 * <p>The m and u behind each default, and how the thresholds were chosen on the synthetic
 * evaluation set and checked on another seed, are in docs/PATIENTS.md. In short: agreeing birth
 * dates are the strongest single evidence (two people share one with probability about 1/31,000), a
 * shared phone number is strong but households share them, and two different known given names
 * (Louis and Louise) count heavily against: twins share everything else.
 *
 * @param match at or above, with the conditions of {@link Scorer}, two records are one person
 * @param possible at or above, perhaps one person
 */
public record Weights(
    double familyExact,
    double familyPartial,
    double familySound,
    double familyTypo,
    double familyDifferent,
    double givenExact,
    double givenVariant,
    double givenPartial,
    double givenSound,
    double givenTypo,
    double givenDistinct,
    double givenDifferent,
    double namesSwapped,
    double birthDateExact,
    double birthDateSwapped,
    double birthDateTypo,
    double birthDateDifferent,
    double sexSame,
    double sexDifferent,
    double phoneExact,
    double phoneSuffix,
    double phoneDifferent,
    double emailExact,
    double emailLocalPart,
    double emailDifferent,
    double identifierExact,
    double identifierConflict,
    double match,
    double possible) {

  public static Weights standard() {
    return new Weights(
        8.0, 5.5, 4.5, 4.0, -6.0, // family name
        6.5, 5.5, 4.0, 4.5, 3.5, -14.0, -6.0, // given name
        -1.0, // names written in each other's place
        14.5, 8.0, 5.0, -9.0, // birth date
        0.9, -5.0, // sex
        8.0, 5.0, -1.5, // phone
        9.0, 3.0, -1.0, // e-mail
        20.0, -12.0, // identifiers
        24.0, 14.0); // thresholds
  }

  /** These weights with other thresholds. */
  public Weights withThresholds(double match, double possible) {
    return new Weights(
        familyExact,
        familyPartial,
        familySound,
        familyTypo,
        familyDifferent,
        givenExact,
        givenVariant,
        givenPartial,
        givenSound,
        givenTypo,
        givenDistinct,
        givenDifferent,
        namesSwapped,
        birthDateExact,
        birthDateSwapped,
        birthDateTypo,
        birthDateDifferent,
        sexSame,
        sexDifferent,
        phoneExact,
        phoneSuffix,
        phoneDifferent,
        emailExact,
        emailLocalPart,
        emailDifferent,
        identifierExact,
        identifierConflict,
        match,
        possible);
  }
}
