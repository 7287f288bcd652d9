package org.accueil.privacy;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/** Why a message is sent. Each purpose has its own legal basis, hence its own default. */
public enum ConsentPurpose {
  /**
   * Confirmations, reminders and changes of the appointments the patient asked for. Allowed until
   * the patient says otherwise: sending them is part of performing what the patient asked for (GDPR
   * art. 6(1)(b)), not a matter of consent.
   */
  APPOINTMENT_MESSAGES("appointment-messages", true),
  /** Newsletters and campaigns: consent first (GDPR art. 6(1)(a); ePrivacy Directive art. 13). */
  MARKETING("marketing", false),
  /** Satisfaction and other surveys: consent first (GDPR art. 6(1)(a)). */
  SURVEYS("surveys", false);

  private final String code;
  private final boolean allowedByDefault;

  ConsentPurpose(String code, boolean allowedByDefault) {
    this.code = code;
    this.allowedByDefault = allowedByDefault;
  }

  @JsonValue
  public String code() {
    return code;
  }

  /** What holds while the patient has recorded nothing for this purpose. */
  public boolean allowedByDefault() {
    return allowedByDefault;
  }

  public static Optional<ConsentPurpose> ofCode(String code) {
    return Arrays.stream(values()).filter(p -> p.code.equals(code)).findFirst();
  }
}
