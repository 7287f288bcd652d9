package org.accueil.integration.mapping;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a link is about. */
public enum LinkedResource {
  PATIENT,
  APPOINTMENT,
  PROVIDER,
  LOCATION,
  APPOINTMENT_TYPE;

  /** As stored and in the API: {@code patient}, {@code appointment_type}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<LinkedResource> ofCode(String code) {
    return Arrays.stream(values()).filter(r -> r.code().equals(code)).findFirst();
  }

  /**
   * The practice's configuration, which administrators map by hand; patients and appointments are
   * linked by the connectors as they write and read.
   */
  public boolean configuration() {
    return this == PROVIDER || this == LOCATION || this == APPOINTMENT_TYPE;
  }
}
