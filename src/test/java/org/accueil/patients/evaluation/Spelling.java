package org.accueil.patients.evaluation;

import java.text.Normalizer;
import java.util.Locale;

/** Names reduced to what a receptionist compares: letters only, no case, no accents. */
final class Spelling {

  private Spelling() {}

  /** "Dell'Acqua" and "dell acqua" are both "dellacqua"; "Hélène" is "helene". */
  static String plain(String name) {
    return withoutAccents(name).toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
  }

  /**
   * Accents and ligatures dropped, everything else kept: "Lætitia Lefèvre" is "Laetitia Lefevre".
   */
  static String withoutAccents(String text) {
    String spelled =
        text.replace("æ", "ae").replace("Æ", "Ae").replace("œ", "oe").replace("Œ", "Oe");
    return Normalizer.normalize(spelled, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
  }

  static boolean hasAccents(String text) {
    return !withoutAccents(text).equals(text);
  }

  /** Levenshtein distance between the plain forms. */
  static int distance(String a, String b) {
    String s = plain(a);
    String t = plain(b);
    int[] previous = new int[t.length() + 1];
    int[] current = new int[t.length() + 1];
    for (int j = 0; j <= t.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= s.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= t.length(); j++) {
        int substitution = previous[j - 1] + (s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[t.length()];
  }
}
