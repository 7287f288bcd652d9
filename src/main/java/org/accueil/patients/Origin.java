package org.accueil.patients;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * How a record came into the registry. Records a patient created themself (a booking, a
 * conversation) start {@link PatientStatus#PROVISIONAL}; the others start active.
 */
public enum Origin {
  STAFF,
  BOOKING,
  CONVERSATION,
  IMPORT,
  EHR;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status a new record of this origin starts in. */
  public PatientStatus initialStatus() {
    return this == BOOKING || this == CONVERSATION
        ? PatientStatus.PROVISIONAL
        : PatientStatus.ACTIVE;
  }

  public static Optional<Origin> ofCode(String code) {
    return Arrays.stream(values()).filter(o -> o.code().equals(code)).findFirst();
  }
}
