package org.accueil.conversations;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who wrote a timeline entry. */
public enum Author {
  PATIENT,
  ASSISTANT,
  STAFF,
  SYSTEM;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
