package org.accueil.patients;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A way a patient reaches the practice, and is reached by it. */
public enum Channel {
  WHATSAPP,
  SMS,
  PHONE,
  EMAIL,
  WEBCHAT;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the channel's address is a phone number (E.164). */
  public boolean isPhone() {
    return this == WHATSAPP || this == SMS || this == PHONE;
  }

  public static Optional<Channel> ofCode(String code) {
    return Arrays.stream(values()).filter(c -> c.code().equals(code)).findFirst();
  }
}
