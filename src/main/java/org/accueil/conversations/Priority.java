package org.accueil.conversations;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Urgent conversations come first in every inbox view. */
public enum Priority {
  URGENT,
  NORMAL;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Priority> ofCode(String code) {
    return Arrays.stream(values()).filter(p -> p.code().equals(code)).findFirst();
  }
}
