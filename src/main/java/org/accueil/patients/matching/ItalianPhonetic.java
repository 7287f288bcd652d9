package org.accueil.patients.matching;

import java.util.Locale;

/**
 * An Italian phonetic code for person names: Italian spelling folded to sound, so that Rossi and
 * Rosi, Scognamiglio and Scognamilio, Bianchi and Bianki share a code.
 *
 * <p>Italian spelling is close to sound, so the code is the spelling with its few ambiguities
 * resolved: c and g are soft (C = the "ci" of Cesare, J = the "gi" of Giuseppe) before e and i and
 * hard elsewhere, the i of "cia/gio/scia" only softens the consonant, ch and gh are hard, gli is
 * said li, gn is N, sc before e/i is X (the "sci" of Sciarra), h is silent, q is K, j is I, and
 * double consonants are single. Foreign letters: k is K, x is KS, y is I, w is V.
 *
 * <p>Decided: the final vowel is kept. In Italian it carries number and gender, and those are
 * different people: Giulio and Giulia are twins' names, Gallo and Galli are distinct family names.
 * So Gallo/Galli differ, and so do Ricci (C, the "ch" of church) and Rizzi (Z, "ts"): two sounds
 * and two family names. The code is at most {@value #MAX_LENGTH} letters: Italian codes keep every
 * vowel, so they run longer than French ones.
 */
public final class ItalianPhonetic {

  static final int MAX_LENGTH = 10;

  private ItalianPhonetic() {}

  /**
   * The Italian phonetic code of a {@link NameKeys#key}; spaces are ignored ("maria grazia" is
   * coded as "mariagrazia"). Upper-case A-Z for a Latin-script key, at most {@value #MAX_LENGTH}
   * letters, never empty for a non-empty key; letters of other scripts are kept, upper-cased.
   */
  public static String encode(String key) {
    String code = fullCode(key);
    return code.length() > MAX_LENGTH ? code.substring(0, MAX_LENGTH) : code;
  }

  /** The code without the length limit, for comparing long compound given names. */
  static String fullCode(String key) {
    String word = NameKeys.compact(key);
    StringBuilder code = new StringBuilder();
    int i = 0;
    while (i < word.length()) {
      i += sound(word, i, code);
    }
    String squeezed = squeeze(code);
    return squeezed.isEmpty() ? word.toUpperCase(Locale.ROOT) : squeezed;
  }

  /** Appends the sound at {@code i} and returns how many letters it took. */
  private static int sound(String s, int i, StringBuilder code) {
    char c = s.charAt(i);
    return switch (c) {
      case 'c' -> {
        if (s.startsWith("ch", i)) {
          code.append('K');
          yield 2;
        }
        int letters = s.startsWith("cc", i) || s.startsWith("cq", i) ? 2 : 1;
        yield letters + soft(s, i + letters, 'C', 'K', code);
      }
      case 'g' -> {
        if (s.startsWith("gh", i)) {
          code.append('G');
          yield 2;
        }
        if (s.startsWith("gli", i)) {
          code.append('L');
          yield 2; // the i is said: Figlioli is "filioli"
        }
        if (s.startsWith("gn", i)) {
          code.append('N');
          yield 2;
        }
        int letters = s.startsWith("gg", i) ? 2 : 1;
        yield letters + soft(s, i + letters, 'J', 'G', code);
      }
      case 's' -> {
        if (s.startsWith("sch", i)) {
          code.append("SK");
          yield 3;
        }
        if (s.startsWith("sc", i) && isOneOf(charAt(s, i + 2), "ei")) {
          yield 2 + soft(s, i + 2, 'X', 'X', code);
        }
        code.append('S');
        yield 1;
      }
      case 'q' -> {
        code.append('K');
        yield 1;
      }
      case 'h' -> 1; // silent; ch and gh are read above
      case 'j', 'y' -> {
        code.append('I');
        yield 1;
      }
      case 'w' -> {
        code.append('V');
        yield 1;
      }
      case 'x' -> {
        code.append("KS");
        yield 1;
      }
      default -> {
        code.append(c >= 'a' && c <= 'z' ? (char) (c - 'a' + 'A') : Character.toUpperCase(c));
        yield 1;
      }
    };
  }

  /**
   * Appends the soft or hard form of the consonant before {@code next}, and returns 1 when an i
   * that only softens it (cia, gio, sciu) is consumed too, else 0.
   */
  private static int soft(String s, int next, char soft, char hard, StringBuilder code) {
    char following = charAt(s, next);
    if (following == 'i' && isOneOf(charAt(s, next + 1), "aeou")) {
      code.append(soft);
      return 1;
    }
    code.append(isOneOf(following, "ei") ? soft : hard);
    return 0;
  }

  private static String squeeze(CharSequence code) {
    StringBuilder squeezed = new StringBuilder(code.length());
    for (int i = 0; i < code.length(); i++) {
      if (i == 0 || code.charAt(i) != code.charAt(i - 1)) {
        squeezed.append(code.charAt(i));
      }
    }
    return squeezed.toString();
  }

  private static char charAt(String s, int index) {
    return index < s.length() ? s.charAt(index) : 0;
  }

  private static boolean isOneOf(char c, String letters) {
    return c != 0 && letters.indexOf(c) >= 0;
  }
}
