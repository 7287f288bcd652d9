package org.accueil.notifications.internal;

/**
 * How many SMS segments a text takes (3GPP TS 23.038): GSM 7-bit when every character is in its
 * default alphabet (160 characters alone, 153 per part when split; the extension table's characters
 * count twice), else UCS-2 (70 alone, 67 per part; a character outside the Basic Multilingual Plane
 * counts twice). French words with ê, â, ô or ç switch a whole message to UCS-2.
 */
final class SmsSegments {

  /** The most segments a notification may take: carriers bill each, and some drop long ones. */
  static final int MOST = 3;

  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String EXTENSION = "^{}\\[~]|€\f";

  private SmsSegments() {}

  static boolean isGsm(String text) {
    return text.chars().allMatch(c -> BASIC.indexOf(c) >= 0 || EXTENSION.indexOf(c) >= 0);
  }

  static int count(String text) {
    if (text.isEmpty()) {
      return 1;
    }
    if (isGsm(text)) {
      int septets = 0;
      for (int i = 0; i < text.length(); i++) {
        septets += EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
      }
      return septets <= 160 ? 1 : (septets + 152) / 153;
    }
    int units = text.length(); // UTF-16 code units: a surrogate pair takes two
    return units <= 70 ? 1 : (units + 66) / 67;
  }
}
