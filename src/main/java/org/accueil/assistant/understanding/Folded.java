package org.accueil.assistant.understanding;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A message as the rules read it: lower case, accents folded, every character that is not a letter
 * or a digit turned into a space, single spaces, and one space at each end, so that a phrase is
 * found on word boundaries by looking for {@code " phrase "}. "J'ai RDV à 14h!" reads {@code " j ai
 * rdv a 14h "}.
 */
final class Folded {

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]+");

  final String padded;
  final String[] words;

  private Folded(String padded) {
    this.padded = padded;
    String inner = padded.strip();
    this.words = inner.isEmpty() ? new String[0] : inner.split(" ");
  }

  static Folded of(String text) {
    return new Folded(" " + words(text) + " ");
  }

  /** The text's words, folded and joined by single spaces. */
  static String words(String text) {
    String folded =
        MARKS
            .matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
            .replaceAll("")
            .toLowerCase(Locale.ROOT)
            .replace('œ', 'o')
            .replace('æ', 'a')
            .replace('ß', 's');
    return NOT_WORD.matcher(folded).replaceAll(" ").strip();
  }

  /**
   * Where {@code phrase} (folded words; a trailing {@code *} lets its last word go on: {@code
   * "annul*"} finds "annuler" and "annulation") starts, or -1.
   */
  int find(String phrase) {
    return find(phrase, 0);
  }

  /**
   * Like {@link #find(String)}, looking from the character offset {@code from} of the padded text.
   */
  int find(String phrase, int from) {
    if (phrase.endsWith("*")) {
      return padded.indexOf(" " + phrase.substring(0, phrase.length() - 1), from);
    }
    return padded.indexOf(" " + phrase + " ", from);
  }

  boolean has(String phrase) {
    return find(phrase) >= 0;
  }

  int length() {
    return words.length;
  }

  @Override
  public String toString() {
    return padded.strip();
  }
}
