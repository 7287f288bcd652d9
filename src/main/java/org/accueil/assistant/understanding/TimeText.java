package org.accueil.assistant.understanding;

import java.text.Normalizer;

/**
 * Text folded once for the time grammar: lower case, accents dropped, apostrophes, dashes and
 * spaces unified. Every character maps to exactly one character, so a span found in the folded text
 * is the same span in the patient's text.
 */
final class TimeText {

  private TimeText() {}

  static String fold(String text) {
    char[] out = new char[text.length()];
    for (int i = 0; i < text.length(); i++) {
      out[i] = fold(text.charAt(i));
    }
    return new String(out);
  }

  private static char fold(char c) {
    if (c < 128) {
      if (c == '\t' || c == '\n' || c == '\r') {
        return ' ';
      }
      if (c == '`') {
        return '\'';
      }
      return Character.toLowerCase(c);
    }
    switch (c) {
      case '\u2019', '\u2018', '\u00b4', '\u02bc', '\u2032' -> {
        return '\'';
      }
      case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2212' -> {
        return '-';
      }
      case '\u00a0', '\u202f', '\u2009', '\u2007', '\u2002', '\u2003' -> {
        return ' ';
      }
      case '\u00ba' -> {
        return '\u00b0';
      }
      default -> {}
    }
    if (Character.isSurrogate(c)) {
      return c;
    }
    String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
    char base = decomposed.charAt(0);
    return Character.toLowerCase(base);
  }
}
