package org.accueil.patients;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** How sure the practice is that a channel identity's patient is who writes from it. */
public enum Verification {
  /** Linked because the details given matched, or because the patient gave this address. */
  UNVERIFIED("unverified"),
  /** The person writing from it answered the record's birth date (with their names). */
  BIRTH_DATE("birth-date"),
  /** A staff member confirmed it. */
  STAFF("staff");

  private final String code;

  Verification(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  public static Optional<Verification> ofCode(String code) {
    return Arrays.stream(values()).filter(v -> v.code.equals(code)).findFirst();
  }
}
