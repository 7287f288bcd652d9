package org.accueil.scheduling;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** Where a booking came from. */
public enum Source {
  WEB,
  CHAT,
  WHATSAPP,
  SMS,
  VOICE,
  EMAIL,
  STAFF,
  EHR,
  API;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  @JsonCreator
  public static Source ofCode(String code) {
    return Arrays.stream(values())
        .filter(s -> s.code().equalsIgnoreCase(code))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "must be one of web, chat, whatsapp, sms, voice, email, staff, ehr, api"));
  }
}
