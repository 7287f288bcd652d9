package org.accueil.platform;

import java.text.Normalizer;

/** The rules of {@link PersonName}, and the form names are stored and compared in. */
public final class PersonNames {

  private static final int ZWNJ = 0x200C;
  private static final int ZWJ = 0x200D;

  private PersonNames() {}

  /**
   * The name as stored and compared: trimmed, and composed (NFC), so "e" followed by a combining
   * acute accent and "é" are the same name.
   */
  public static String normalized(String name) {
    return Normalizer.normalize(name.strip(), Normalizer.Form.NFC);
  }

  /** Whether {@code name} (normalized) is a person name of at most {@code max} characters. */
  public static boolean isName(String name, int max) {
    int[] points = name.codePoints().toArray();
    if (points.length == 0 || points.length > max) {
      return false;
    }
    boolean letter = false;
    for (int i = 0; i < points.length; i++) {
      int c = points[i];
      if (Character.isLetter(c)) {
        letter = true;
      } else if (isMark(c)) {
        if (i == 0 || !(Character.isLetter(points[i - 1]) || isMark(points[i - 1]))) {
          return false;
        }
      } else if (c == ZWJ || c == ZWNJ) {
        if (i == 0
            || i == points.length - 1
            || !(Character.isLetter(points[i - 1]) || isMark(points[i - 1]))
            || !Character.isLetter(points[i + 1])) {
          return false;
        }
      } else if (!isPunctuationOfNames(c)) {
        return false;
      }
    }
    return letter;
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  /** Space, apostrophe, right single quotation mark, hyphen-minus, hyphen, dot. */
  private static boolean isPunctuationOfNames(int c) {
    return c == ' ' || c == '\'' || c == '\u2019' || c == '-' || c == '\u2010' || c == '.';
  }
}
