package org.accueil.patients.matching;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a comparison (or a whole match) concludes. */
public enum Band {
  /** The same person: link automatically. */
  MATCH,
  /** Perhaps the same person: ask them a verification question, or ask the staff. */
  POSSIBLE,
  /** Not the same person (or not enough to say): a new record. */
  NONE;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
