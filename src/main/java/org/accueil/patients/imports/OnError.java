package org.accueil.patients.imports;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an import does when some rows are invalid. */
public enum OnError {
  /** Imports nothing, and reports every invalid row: the file is fixed and sent again. */
  REJECT,
  /** Imports the valid rows and reports the others. */
  SKIP;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static OnError ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
