package org.accueil.privacy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How the patient asked for their erasure. */
public enum RequestedVia {
  IN_PERSON,
  LETTER,
  EMAIL,
  PHONE,
  WEB_FORM,
  SMS,
  WHATSAPP,
  WEBCHAT,
  API;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<RequestedVia> ofCode(String code) {
    return Arrays.stream(values()).filter(v -> v.code().equals(code)).findFirst();
  }
}
