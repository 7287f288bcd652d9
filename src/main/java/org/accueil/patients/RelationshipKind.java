package org.accueil.patients;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Why one patient books and speaks for another. */
public enum RelationshipKind {
  PARENT("parent"),
  LEGAL_GUARDIAN("legal-guardian"),
  CAREGIVER("caregiver");

  private final String code;

  RelationshipKind(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public static Optional<RelationshipKind> ofCode(String code) {
    return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
  }
}
