package org.accueil.patients;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where a record stands in the registry. */
public enum PatientStatus {
  /** A patient the practice knows: registered by staff, imported, or confirmed after review. */
  ACTIVE,
  /**
   * Created from a booking or a conversation, awaiting the staff's review: it may duplicate another
   * record, and until someone says who they are it may have no names or birth date.
   */
  PROVISIONAL,
  /** A tombstone: the person's record is the one it was merged into. */
  MERGED;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<PatientStatus> ofCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
  }
}
