package org.accueil.patients.matching;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Locale;
import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * Language-neutral sound comparisons of names: the coarse blocking key that finds candidates in the
 * database, and the test of whether two names sound alike in French, Italian or English.
 */
public final class NamePhonetics {

  /**
   * Longer than DoubleMetaphone's default 4, which says Martin is Martinez and Bernard is Bernardi.
   */
  private static final int METAPHONE_LENGTH = 8;

  // Conditionally thread-safe: its only state is the code length, set here once and published by
  // the static initialiser (commons-codec javadoc).
  private static final DoubleMetaphone METAPHONE = new DoubleMetaphone();

  /**
   * A name's codes, computed once per name: a match compares a probe's names with dozens of
   * candidates' (bounded, so hostile input cannot grow it).
   */
  private static final Cache<String, Sounds> SOUNDS =
      Caffeine.newBuilder().maximumSize(100_000).build();

  static {
    METAPHONE.setMaxCodeLen(METAPHONE_LENGTH);
  }

  private static final char VOWEL = 'A';

  private NamePhonetics() {}

  /**
   * The blocking key of a {@link NameKeys#key}: coarse on purpose, so that spellings of one name in
   * French, Italian or English share it (Mathieu/Matthieu, Rossi/Rosi, Smith/Smyth,
   * Thompson/Tompson, Lefebvre/Lefèvre, Scognamiglio/Scognamilio, Jean-Pierre/Jeanpierre), and so
   * that most one-letter typos keep it; yet with every consonant sound, so that common names stay
   * apart (Martin and Marty, Bernard and Bertrand). Never empty for a non-empty key; letters of
   * other scripts are kept, upper-cased.
   *
   * <p>The key is the name's consonant skeleton: the first sound, then each consonant class in
   * order, vowels dropped and repeats merged. Classes: vowels (first letter only) A; b p → P; f v w
   * ph → F; hard c, k, q, hard g → K; soft c, s, z, x → S; j, soft g → J; d t → T; l → L; m n → N;
   * r → R; h silent. Before that, spellings that the three languages write differently for one
   * sound are folded: gli → li and gn → n (Italian), bv → v, aul before a consonant → o, and esn →
   * en (French).
   */
  public static String blockingKey(String key) {
    String word = fold(NameKeys.compact(key));
    StringBuilder skeleton = new StringBuilder();
    for (int i = 0; i < word.length(); i++) {
      char sound = consonantClass(word, i);
      if (sound == 0 || (sound == VOWEL && !skeleton.isEmpty())) {
        continue; // a vowel counts only as the first sound: Hélène and Elena start alike
      }
      if (skeleton.isEmpty() || skeleton.charAt(skeleton.length() - 1) != sound) {
        skeleton.append(sound);
      }
    }
    if (skeleton.isEmpty()) {
      return word.toUpperCase(Locale.ROOT);
    }
    return skeleton.toString();
  }

  /**
   * Whether two {@link NameKeys#key keys} sound alike to a French, an Italian or an English
   * speaker: their {@link FrenchPhonetic} codes are equal, or their {@link ItalianPhonetic} codes
   * are, or a DoubleMetaphone code (primary or alternate) of one equals one of the other.
   * Symmetric; false when either key is empty.
   *
   * <p>A test for recall, not for identity: DoubleMetaphone keeps no vowel after the first, so to
   * it Rossi is Russo, Giulio is Giulia and Jean is Jeanne. Given names of twins are told apart by
   * {@link GivenNames#areVariants} and their sex, not by this.
   */
  public static boolean sameSound(String keyA, String keyB) {
    String a = NameKeys.compact(keyA);
    String b = NameKeys.compact(keyB);
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    if (a.equals(b)) {
      return true;
    }
    Sounds sa = SOUNDS.get(a, Sounds::of);
    Sounds sb = SOUNDS.get(b, Sounds::of);
    return sa.french().equals(sb.french())
        || sa.italian().equals(sb.italian())
        || sa.metaphonesMeet(sb);
  }

  /** The French, Italian and English (DoubleMetaphone primary and alternate) codes of a name. */
  private record Sounds(String french, String italian, String primary, String alternate) {

    static Sounds of(String compact) {
      String primary = METAPHONE.doubleMetaphone(compact);
      String alternate = METAPHONE.doubleMetaphone(compact, true);
      return new Sounds(
          FrenchPhonetic.encode(compact),
          ItalianPhonetic.encode(compact),
          primary == null ? "" : primary,
          alternate == null ? "" : alternate);
    }

    boolean metaphonesMeet(Sounds other) {
      // DoubleMetaphone ignores letters it does not know: a Greek name has the empty code.
      if (primary.isEmpty() || other.primary.isEmpty()) {
        return false;
      }
      return primary.equals(other.primary)
          || primary.equals(other.alternate)
          || alternate.equals(other.primary)
          || alternate.equals(other.alternate);
    }
  }

  private static String fold(String word) {
    return word.replace('y', 'i')
        .replace("gli", "li")
        .replace("gn", "n")
        .replace("bv", "v")
        .replaceAll("aul(?=[^aeiou])", "o")
        .replace("esn", "en");
  }

  /** The class of the letter at {@code i}, or 0 when it is not sounded in the skeleton. */
  private static char consonantClass(String word, int i) {
    char c = word.charAt(i);
    char next = i + 1 < word.length() ? word.charAt(i + 1) : 0;
    boolean beforeFrontVowel = next == 'e' || next == 'i';
    return switch (c) {
      case 'a', 'e', 'i', 'o', 'u' -> VOWEL;
      case 'h' -> 0;
      case 'b', 'p' -> c == 'p' && next == 'h' ? 'F' : 'P';
      case 'f', 'v', 'w' -> 'F';
      case 'c' -> beforeFrontVowel ? 'S' : 'K';
      case 'g' -> beforeFrontVowel ? 'J' : 'K';
      case 'k', 'q' -> 'K';
      case 's', 'z', 'x' -> 'S';
      case 'j' -> 'J';
      case 'd', 't' -> 'T';
      case 'l' -> 'L';
      case 'm', 'n' -> 'N';
      case 'r' -> 'R';
      default -> Character.toUpperCase(c);
    };
  }
}
