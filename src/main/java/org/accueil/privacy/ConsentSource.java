package org.accueil.privacy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How a consent decision reached us: part of the proof of what the patient decided. */
public enum ConsentSource {
  /** A form the patient filled in on the practice's web site or booking page. */
  WEB_FORM,
  /** A staff member, told by the patient (at the desk, on the phone). */
  STAFF,
  /** A keyword the patient texted, STOP or START. */
  SMS_KEYWORD,
  WHATSAPP,
  EMAIL,
  PHONE,
  WEBCHAT,
  /** An integration, through the API. */
  API,
  /** Records brought over from the practice's previous system. */
  IMPORT,
  /** Written by Accueil itself when the patient's data was erased: nothing is sent any more. */
  ERASURE;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Optional<ConsentSource> ofCode(String code) {
    return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
  }
}
