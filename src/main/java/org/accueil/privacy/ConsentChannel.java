package org.accueil.privacy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a message reaches the patient; {@link #ANY} records a decision for every channel at once.
 */
public enum ConsentChannel {
  SMS,
  WHATSAPP,
  EMAIL,
  PHONE,
  WEBCHAT,
  ANY;

  /** The channels a message actually goes out on. */
  public static final List<ConsentChannel> CONCRETE = List.of(SMS, WHATSAPP, EMAIL, PHONE, WEBCHAT);

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<ConsentChannel> ofCode(String code) {
    return Arrays.stream(values()).filter(c -> c.code().equals(code)).findFirst();
  }
}
