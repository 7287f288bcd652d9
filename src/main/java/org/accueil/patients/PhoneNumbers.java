package org.accueil.patients;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import java.util.Optional;

/** Phone numbers as people type them, to E.164 as providers (Twilio, Meta) expect them. */
public final class PhoneNumbers {

  private static final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

  private PhoneNumbers() {}

  /**
   * @param defaultRegion ISO 3166 country for numbers written without their country code, e.g. "06
   *     12 34 56 78" in FR
   * @return the E.164 form, or empty when the text is not a valid number
   */
  public static Optional<String> toE164(String text, String defaultRegion) {
    try {
      var number = util.parse(text, defaultRegion);
      if (!util.isValidNumber(number)) {
        return Optional.empty();
      }
      return Optional.of(util.format(number, PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  /**
   * Whether {@code typed} (as a person writes it, with or without its country code) is the number
   * {@code e164}: a number typed without its country code is read in that number's own country.
   */
  public static boolean sameNumber(String typed, String e164) {
    try {
      String region = util.getRegionCodeForNumber(util.parse(e164, null));
      return region != null && toE164(typed, region).filter(e164::equals).isPresent();
    } catch (NumberParseException e) {
      return false;
    }
  }
}
