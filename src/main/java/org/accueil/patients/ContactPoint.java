package org.accueil.patients;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A phone number or e-mail address of the patient beyond their main ones.
 *
 * @param system {@code phone} or {@code email}
 * @param value E.164 for a phone, lower-cased for an e-mail
 * @param use mobile, home, work or other
 */
public record ContactPoint(UUID id, String system, String value, @Nullable String use) {

  public static final String PHONE = "phone";
  public static final String EMAIL = "email";

  @Override
  public String toString() {
    return "ContactPoint[" + id + ", " + system + "]";
  }
}
