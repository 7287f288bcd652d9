package org.accueil.patients.matching;

import com.fasterxml.jackson.annotation.JsonValue;

/** The fields the matcher compares. */
public enum Field {
  GIVEN_NAME("givenName"),
  FAMILY_NAME("familyName"),
  BIRTH_DATE("birthDate"),
  SEX("sex"),
  PHONE("phone"),
  EMAIL("email"),
  IDENTIFIER("identifier");

  private final String code;

  Field(String code) {
    this.code = code;
  }

  /** As the API names the field. */
  @JsonValue
  public String code() {
    return code;
  }
}
