package org.accueil.patients.evaluation;

/**
 * What differs between a query and the person's true details, under a stable name that reports and
 * tests use. Declared in the order they are applied: a nickname is chosen before a typo is made in
 * it, and names are swapped last.
 */
public enum Corruption {
  BIRTH_NAME_INSTEAD_OF_MARRIED("birth-name-instead-of-married", 20, Group.FAMILY_FORM),
  PARTICLE_VARIANT("particle-variant", 50, Group.FAMILY_FORM),
  PHONETIC_FAMILY_NAME("phonetic-family-name", 6, Group.FAMILY_FORM),
  NICKNAME("nickname", 14, Group.GIVEN_FORM),
  COMPOUND_GIVEN_NAME_SHORTENED("compound-given-name-shortened", 45, Group.GIVEN_FORM),
  COMPOUND_GIVEN_NAME_JOINED("compound-given-name-joined", 35, Group.GIVEN_FORM),
  PHONETIC_GIVEN_NAME("phonetic-given-name", 6, Group.GIVEN_FORM),
  COMPOUND_NAME_SEPARATOR("compound-name-separator", 45, Group.GIVEN_FORM),
  GIVEN_NAME_TYPO("given-name-typo", 10, Group.GIVEN_TYPO),
  FAMILY_NAME_TYPO("family-name-typo", 10, Group.FAMILY_TYPO),
  ACCENTS_DROPPED("accents-dropped", 10, Group.ACCENTS),
  UPPER_CASE("upper-case", 5, Group.CASE),
  NAMES_SWAPPED("names-swapped", 4, Group.ORDER),
  DAY_MONTH_SWAPPED("day-month-swapped", 6, Group.BIRTH_DATE),
  BIRTH_DATE_DIGIT_TYPO("birth-date-digit-typo", 6, Group.BIRTH_DATE),
  PHONE_CHANGED("phone-changed", 6, Group.PHONE),
  PHONE_MISSING("phone-missing", 6, Group.PHONE),
  EMAIL_MISSING("email-missing", 6, Group.EMAIL),
  EMAIL_CASE("email-case", 3, Group.EMAIL),
  /**
   * The phone is written in a national or spaced form rather than E.164. Not counted among a
   * query's 0–3 corruptions: every query's phone is written the same way, whatever its kind.
   */
  PHONE_FORMAT("phone-format", 0, Group.PRESENTATION),
  /** The person did not say their sex. Not counted among a query's 0–3 corruptions either. */
  SEX_MISSING("sex-missing", 0, Group.PRESENTATION);

  /**
   * Corruptions of one group are never applied together: one nickname or shortening, not two, and
   * never a hyphen turned into a space in a compound name that is also shortened.
   */
  enum Group {
    FAMILY_FORM,
    GIVEN_FORM,
    GIVEN_TYPO,
    FAMILY_TYPO,
    ACCENTS,
    CASE,
    ORDER,
    BIRTH_DATE,
    PHONE,
    EMAIL,
    PRESENTATION
  }

  private final String label;
  private final int weight;
  private final Group group;

  Corruption(String label, int weight, Group group) {
    this.label = label;
    this.weight = weight;
    this.group = group;
  }

  /** The stable name recorded in {@link Query#corruptions()}. */
  public String label() {
    return label;
  }

  /** How often it is chosen, relative to the others that apply to the person. */
  int weight() {
    return weight;
  }

  Group group() {
    return group;
  }

  boolean presentation() {
    return group == Group.PRESENTATION;
  }

  public static Corruption byLabel(String label) {
    for (Corruption corruption : values()) {
      if (corruption.label.equals(label)) {
        return corruption;
      }
    }
    throw new IllegalArgumentException("no corruption named " + label);
  }
}
