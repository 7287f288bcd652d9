package org.accueil.platform;

/**
 * Text PostgreSQL can store and a person can read: no control characters other than tab and line
 * breaks (PostgreSQL refuses NUL; the others hide text or drive terminals that display logs), and
 * no half of a surrogate pair (it cannot be encoded in UTF-8, so it would come back as "?"). Format
 * characters (right-to-left marks, zero-width joiners) are allowed: scripts need them.
 */
public final class StorableTexts {

  private StorableTexts() {}

  /** Where in the text the first character that cannot be stored is, or -1. */
  public static int firstUnstorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)
          || (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r')) {
        return i;
      }
    }
    return -1;
  }
}
