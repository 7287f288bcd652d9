package org.accueil.patients.imports;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where an import stands. */
public enum ImportStatus {
  /** Stored, waiting for the task to start. */
  QUEUED,
  /** Every row checked and matched; nothing written to the registry. */
  VALIDATING,
  /** The valid rows registered, a batch per transaction. */
  IMPORTING,
  /** Done: a dry run reported, or a real import registered its rows. */
  COMPLETED,
  /** Invalid rows with {@link OnError#REJECT}: nothing was imported. */
  REJECTED,
  /** The task gave up after its retries; the incident is in the server log. */
  FAILED;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean finished() {
    return this == COMPLETED || this == REJECTED || this == FAILED;
  }

  public static ImportStatus ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
