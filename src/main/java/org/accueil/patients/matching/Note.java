package org.accueil.patients.matching;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why a comparison concluded as it did, beyond its fields' weights. */
public enum Note {
  /** Given and family names were written in each other's place. */
  NAMES_SWAPPED("names-swapped"),
  /** A family name agreed with the other record's name at birth (maiden name). */
  BIRTH_FAMILY_NAME("birth-family-name"),
  /**
   * Two different given names that both exist: twins and siblings share everything else, so the
   * records are never linked automatically.
   */
  KNOWN_GIVEN_NAMES_DIFFER("known-given-names-differ"),
  /**
   * Two given names that differ outright: the records are two people (siblings share everything
   * else).
   */
  GIVEN_NAMES_DIFFER("given-names-differ"),
  /**
   * A given name spelt differently (a typo, a similar name): perhaps a slip, perhaps a twin. Linked
   * only on a shared identifier; otherwise a person checks.
   */
  GIVEN_NAME_UNCERTAIN("given-name-uncertain"),
  /** The same national identifier system (INS, codice fiscale) with different values. */
  IDENTIFIER_CONFLICT("identifier-conflict"),
  /**
   * Nothing but names, birth date and sex agreed: no phone, e-mail or identifier corroborates them,
   * so namesakes cannot be told apart and the link is left to a person.
   */
  NOT_CORROBORATED("not-corroborated"),
  /** Some identifying field disagreed outright (names or birth date). */
  IDENTITY_DISAGREES("identity-disagrees"),
  /** Another record matched as well: the registry holds a duplicate, which the staff resolve. */
  AMBIGUOUS("ambiguous");

  private final String code;

  Note(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }
}
