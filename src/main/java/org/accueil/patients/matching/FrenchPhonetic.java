package org.accueil.patients.matching;

import java.util.Locale;

/**
 * A French phonetic code for person names: two spellings a French speaker says alike get one code
 * (Lefebvre and Lefèvre, Gauthier and Gaultier, Christophe and Kristof).
 *
 * <p>Built from the published descriptions of Soundex2 (F. Carlier's French Soundex) and Phonex (F.
 * Brouard, 1999), both described in http://sqlpro.developpez.com/cours/soundex/: the same grapheme
 * rules (gu/ge, ph, ch, qu, c before e/i, s between vowels, nasal vowels, silent final consonants
 * and e), with two departures for matching patients rather than words. Vowels keep their own codes,
 * because Soundex2's dropped vowels merge Martin and Morton, and Phonex's a→o merges Marin and
 * Morin. Nasal vowels get their own letters, because French gives twins Julien and Julienne, Jean
 * and Jeanne. The code is letters, not Phonex's number, so it can be stored and read.
 *
 * <p>The code uses A E I O U for the oral vowels (u and ou share U; ai, ei, eu and é-like endings
 * share E), Q for the nasal vowel of "an/en", Y for "in/ain/un", W for "on", X for the sound of
 * "ch", J for soft g, K for hard c, q and ch before a consonant, and the consonant itself
 * otherwise. It is at most {@value #MAX_LENGTH} letters.
 *
 * <p>Decided: Lefeuvre shares Lefèvre's code (eu and è are one E; Lefeuvre is the western form of
 * the same "le fèvre", the smith). Petit and Petiot differ (the final o is said), as do Jean (JQ)
 * and Jeanne (JAN).
 */
public final class FrenchPhonetic {

  static final int MAX_LENGTH = 8;

  private FrenchPhonetic() {}

  /**
   * The French phonetic code of a {@link NameKeys#key}; spaces are ignored ("jean pierre" is coded
   * as "jeanpierre"). Upper-case A-Z for a Latin-script key, at most {@value #MAX_LENGTH} letters,
   * never empty for a non-empty key; letters of other scripts are kept, upper-cased, so two
   * non-Latin names never share a code by having none.
   */
  public static String encode(String key) {
    String code = fullCode(key);
    return code.length() > MAX_LENGTH ? code.substring(0, MAX_LENGTH) : code;
  }

  /**
   * The code without the length limit, for comparing long compound given names whose difference
   * comes late: Marie-Christine and Marie-Christelle.
   */
  static String fullCode(String key) {
    String word = NameKeys.compact(key).replace('y', 'i');
    String code = squeeze(new Scan(word).code());
    return code.isEmpty() ? word.toUpperCase(Locale.ROOT) : code;
  }

  private static String squeeze(String code) {
    StringBuilder squeezed = new StringBuilder(code.length());
    for (int i = 0; i < code.length(); i++) {
      if (i == 0 || code.charAt(i) != code.charAt(i - 1)) {
        squeezed.append(code.charAt(i));
      }
    }
    return squeezed.toString();
  }

  /** One left-to-right pass over a compact key, each rule reading the letters around it. */
  private static final class Scan {
    private final String s;
    private final StringBuilder code = new StringBuilder();
    private int i;

    Scan(String word) {
      this.s = word;
    }

    String code() {
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c < 'a' || c > 'z') {
          code.append(Character.toUpperCase(c));
          i++;
        } else if (isVowel(c)) {
          vowel(c);
        } else {
          consonant(c);
        }
      }
      return code.toString();
    }

    private void vowel(char c) {
      if (at("eau")) {
        emit("O", 3);
      } else if (c == 'e' && (before("g") || before("j")) && isOneOf(charAt(i + 1), "aou")) {
        skip(1); // Georges, Jean: the e only softens the g
      } else if (at("aill") || at("eill")) {
        emit(c == 'a' ? "AI" : "EI", 4); // Caillou, Mireille: "ill" is the y of "yes"
      } else if (at("euill") || at("ouill")) {
        emit(c == 'e' ? "EI" : "UI", 5);
      } else if (c == 'a' && at("aul") && isConsonant(charAt(i + 3))) {
        emit("O", 3); // Gaultier, Renault: the l is not said
      } else if ((at("ain") || at("aim") || at("ein") || at("eim")) && nasalEndsAt(i + 3)) {
        emit("Y", 3);
      } else if (at("oin") && nasalEndsAt(i + 3)) {
        emit("UY", 3);
      } else if (at("ien") && nasalEndsAt(i + 3)) {
        emit("IY", 3); // Julien, Fabien, Sébastien: "ien" is not "an"
      } else if ((at("an") || at("am") || at("en") || at("em")) && nasalEndsAt(i + 2)) {
        emit("Q", 2);
      } else if ((at("in") || at("im") || at("un") || at("um")) && nasalEndsAt(i + 2)) {
        emit("Y", 2);
      } else if ((at("on") || at("om")) && nasalEndsAt(i + 2)) {
        emit("W", 2);
      } else if (at("ai") || at("ei")) {
        emit("E", 2);
      } else if (at("au")) {
        emit("O", 2);
      } else if (at("oeu")) {
        emit("E", 3);
      } else if (at("eu")) {
        emit("E", 2);
      } else if (at("ou")) {
        emit("U", 2);
      } else if (at("oi")) {
        emit("UA", 2);
      } else if (c == 'e') {
        vowelE();
      } else {
        emit(String.valueOf(Character.toUpperCase(c)), 1);
      }
    }

    private void vowelE() {
      boolean last = onlyFollowedBy(i + 1, "s");
      if (at("er") && onlyFollowedBy(i + 2, "") && (before("i") || before("g") || before("ch"))) {
        emit("E", 2); // Olivier, Roger, Boucher: a closed é, the r is not said
      } else if ((at("et") || at("ez")) && onlyFollowedBy(i + 2, "")) {
        emit("E", 2); // Moret, Dumez
      } else if (last && !code.isEmpty()) {
        skip(1); // the mute e of Faure, Gilles
      } else {
        emit("E", 1);
      }
    }

    private void consonant(char c) {
      switch (c) {
        case 'b' -> {
          if (charAt(i + 1) == 'v') {
            skip(1); // Lefebvre
          } else {
            emit("B", 1);
          }
        }
        case 'c' -> letterC();
        case 'd' -> {
          boolean silent =
              onlyFollowedBy(i + 1, "s")
                  && (before("r") || before("n") || before("au") || before("ou"));
          if (silent) {
            skip(1); // Bernard, Durand, Renaud; but David, Alfred
          } else {
            emit("D", 1);
          }
        }
        case 'g' -> letterG();
        case 'h' -> skip(1);
        case 'p' -> {
          if (at("ph")) {
            emit("F", 2);
          } else if (charAt(i + 1) == 't') {
            skip(1); // Baptiste, Septime
          } else if (onlyFollowedBy(i + 1, "s") && (before("m") || before("ou"))) {
            skip(1); // Deschamps, Jean-Loup
          } else {
            emit("P", 1);
          }
        }
        case 'q' -> emit("K", at("qu") ? 2 : 1);
        case 's' -> letterS();
        case 't' -> {
          if (at("th")) {
            emit("T", 2);
          } else if (onlyFollowedBy(i + 1, "s") && !code.isEmpty()) {
            skip(1); // Dupont, Petit
          } else {
            emit("T", 1);
          }
        }
        case 'w' -> emit("V", 1);
        case 'x' -> {
          boolean silent =
              i == s.length() - 1 && (before("au") || before("eu") || before("ou") || before("oi"));
          if (silent) {
            skip(1); // Rousseaux, Deschaux, Delacroix
          } else {
            emit("KS", 1);
          }
        }
        default -> emit(String.valueOf(Character.toUpperCase(c)), 1);
      }
    }

    private void letterC() {
      if (at("ch")) {
        // Christophe, Chloé: ch before a consonant is a k
        emit(isConsonant(charAt(i + 2)) ? "K" : "X", 2);
      } else if (at("ck") || at("cq")) {
        emit("K", 2);
      } else if (at("cc")) {
        emit(isOneOf(charAt(i + 2), "ei") ? "KS" : "K", 2);
      } else if (isOneOf(charAt(i + 1), "ei") || s.startsWith("ois", i + 1)) {
        // François: the key drops the cedilla, and a "çois" is far more common than a hard "cois"
        emit("S", 1);
      } else if (onlyFollowedBy(i + 1, "s") && before("n")) {
        skip(1); // Leblanc, Franc
      } else {
        emit("K", 1);
      }
    }

    private void letterG() {
      if (at("gu") && isOneOf(charAt(i + 2), "ei")) {
        emit("G", 2); // Guérin, Guillaume: the u only hardens the g
      } else if (at("gn")) {
        emit("NI", 2);
      } else if (isOneOf(charAt(i + 1), "ei")) {
        emit("J", 1);
      } else {
        emit("G", 1);
      }
    }

    private void letterS() {
      if (at("sch")) {
        emit("X", 3);
      } else if (at("sh")) {
        emit("X", 2);
      } else if (at("sc") && isOneOf(charAt(i + 2), "ei")) {
        emit("S", 2);
      } else if (at("ss")) {
        emit("S", 2);
      } else if (i > 0 && isVowel(s.charAt(i - 1)) && isVowel(charAt(i + 1))) {
        emit("Z", 1);
      } else if (i > 1 && before("e") && isOneOf(charAt(i + 1), "mn")) {
        skip(1); // Mesnard, Desmoulins: the old silent s
      } else if (i == s.length() - 1 && !code.isEmpty()) {
        skip(1);
      } else {
        emit("S", 1);
      }
    }

    /** A vowel followed by n or m is nasal unless a vowel or a second n or m follows. */
    private boolean nasalEndsAt(int next) {
      char c = charAt(next);
      return c == 0 || (!isVowel(c) && c != 'n' && c != 'm');
    }

    private boolean onlyFollowedBy(int from, String silent) {
      for (int j = from; j < s.length(); j++) {
        if (silent.indexOf(s.charAt(j)) < 0) {
          return false;
        }
      }
      return true;
    }

    private boolean at(String letters) {
      return s.startsWith(letters, i);
    }

    private boolean before(String letters) {
      return i >= letters.length() && s.startsWith(letters, i - letters.length());
    }

    private char charAt(int index) {
      return index < s.length() ? s.charAt(index) : 0;
    }

    private void emit(String sound, int letters) {
      code.append(sound);
      i += letters;
    }

    private void skip(int letters) {
      i += letters;
    }

    private static boolean isVowel(char c) {
      return c != 0 && "aeiou".indexOf(c) >= 0;
    }

    private static boolean isConsonant(char c) {
      return c >= 'a' && c <= 'z' && !isVowel(c);
    }

    private static boolean isOneOf(char c, String letters) {
      return c != 0 && letters.indexOf(c) >= 0;
    }
  }
}
