package org.accueil.patients.matching;

import org.apache.commons.text.similarity.JaroWinklerSimilarity;

/** Whether two spellings are one slip of the keyboard (or of the ear) apart. */
public final class Typos {

  private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

  /**
   * Above this, Jaro–Winkler says two names differ only in letters a reader skims (Winkler's own
   * census work used 0.92–0.94 for surnames).
   */
  private static final double JARO_WINKLER_CLOSE = 0.94;

  private Typos() {}

  /**
   * Names one edit apart (insertion, deletion, substitution, or two neighbours exchanged), two in
   * names of eight letters or more, or close by Jaro–Winkler. Names under four letters must be
   * equal: "Léa" and "Léo" are two names, not a slip.
   */
  public static boolean close(String a, String b) {
    int shorter = Math.min(a.length(), b.length());
    if (shorter < 4) {
      return a.equals(b);
    }
    int allowed = shorter >= 8 ? 2 : 1;
    return distance(a, b, allowed) <= allowed || JARO_WINKLER.apply(a, b) >= JARO_WINKLER_CLOSE;
  }

  /**
   * The optimal-string-alignment distance (Levenshtein with adjacent transpositions), or {@code
   * limit + 1} as soon as it is known to exceed {@code limit}.
   */
  public static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return limit + 1;
    }
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int rowMin = Integer.MAX_VALUE;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
        rowMin = Math.min(rowMin, v);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
    }
    return d[a.length()][b.length()];
  }
}
