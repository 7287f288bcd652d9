package org.accueil.patients;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Administrative sex, as FHIR's administrative-gender codes it. Optional on every record. */
public enum Sex {
  FEMALE,
  MALE,
  OTHER,
  UNKNOWN;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Sex> ofCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
  }
}
