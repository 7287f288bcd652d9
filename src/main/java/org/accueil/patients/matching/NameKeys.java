package org.accueil.patients.matching;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The one normalisation of person names that every comparison and every stored key uses, so that
 * "Hélène", "HELENE" and "helene " are one name, and "Jean-François" is "jean francois".
 */
public final class NameKeys {

  /**
   * Family-name particles, dropped by {@link #core}. French: de, du, des, d, la, le, les, l.
   * Italian: di, da, de, del, della, dello, dei, degli, delle, dal, dalla, lo, li. Dutch and
   * German: van, von, der, den, ter, zu. Not particles: "saint"/"sainte" (Saint-Martin is a French
   * family name in its own right) and "mac"/"mc" (MacDonald's "mac" is the name, not an article).
   */
  private static final Set<String> PARTICLES =
      Set.of(
          "de", "du", "des", "d", "la", "le", "les", "l", // French
          "di", "da", "del", "della", "dello", "dei", "degli", "delle", "dal", "dalla", "lo",
          "li", // Italian
          "van", "von", "der", "den", "ter", "zu"); // Dutch, German

  // Removed, not spaced: "O'Brien" is one word, "obrien", as people type it without the apostrophe.
  // U+00B4 must go before NFKD, which would turn it into a space and a combining accent; U+00B7
  // is Catalan's "l·l".
  /**
   * Names recur (a registry of 200,000 holds about 1,500 given and 40,000 family names) and a match
   * compares one probe with dozens of candidates, each name several ways: keys are computed once
   * per name. Bounded, so hostile input cannot grow it.
   */
  private static final Cache<String, String> KEYS =
      Caffeine.newBuilder().maximumSize(100_000).build();

  private static final Pattern APOSTROPHES = Pattern.compile("['’ʼ‘`´′·]");
  private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
  private static final Pattern NON_LETTERS = Pattern.compile("[^\\p{L}]+");
  private static final Pattern BLANKS = Pattern.compile("\\s+");

  private NameKeys() {}

  /**
   * The comparison key of a name: accents and other combining marks removed, ligatures and special
   * letters folded (œ→oe, æ→ae, ß→ss, ø→o, đ→d, ð→d, ł→l, ı→i, þ→th), lower case, apostrophes
   * removed ("O'Brien" → "obrien"), every other non-letter (hyphen, dot, comma, digit) turned into
   * a space, spaces collapsed and trimmed.
   *
   * <p>For a name in Latin script the key holds only [a-z] and single spaces. Letters of other
   * scripts (Greek, Cyrillic...) are kept, lower-cased, rather than dropped. The key is empty only
   * for a blank name: a name without any letter ("123", a data-entry slip) keeps its non-blank
   * characters instead, so that two such names never share the empty key.
   */
  public static String key(String name) {
    return KEYS.get(name, NameKeys::computeKey);
  }

  private static String computeKey(String name) {
    String withoutApostrophes = APOSTROPHES.matcher(name).replaceAll("");
    // Lower case first: Turkish "İ" lower-cases to "i" plus a combining dot that NFKD then drops.
    String lower = withoutApostrophes.toLowerCase(Locale.ROOT);
    String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFKD);
    String folded = foldSpecialLetters(COMBINING_MARKS.matcher(decomposed).replaceAll(""));
    String key = NON_LETTERS.matcher(folded).replaceAll(" ").strip();
    if (!key.isEmpty()) {
      return key;
    }
    return BLANKS.matcher(name.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
  }

  /** The words of a key, in order; empty for the empty key. */
  public static List<String> tokens(String key) {
    String stripped = key.strip();
    return stripped.isEmpty() ? List.of() : List.of(BLANKS.split(stripped));
  }

  /**
   * The key without its spaces: "de la fontaine" → "delafontaine", "jean pierre" → "jeanpierre".
   */
  public static String compact(String key) {
    return String.join("", tokens(key));
  }

  /**
   * The family-name core: the words of the key that are not particles, joined without spaces ("de
   * la fontaine" → "fontaine", "van der berg" → "berg", "di stefano" → "stefano"). An elided
   * particle counts only as a word of its own: "D'Angelo" is keyed "dangelo", which stays whole.
   * When every word is a particle ("De La") the core is the compact key, "dela", never empty.
   */
  public static String core(String key) {
    List<String> tokens = tokens(key);
    String core =
        tokens.stream().filter(token -> !PARTICLES.contains(token)).collect(Collectors.joining());
    return core.isEmpty() ? String.join("", tokens) : core;
  }

  private static String foldSpecialLetters(String text) {
    StringBuilder folded = new StringBuilder(text.length() + 4);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case 'œ' -> folded.append("oe");
        case 'æ' -> folded.append("ae");
        case 'ß' -> folded.append("ss");
        case 'ø' -> folded.append('o');
        case 'đ', 'ð' -> folded.append('d');
        case 'ł' -> folded.append('l');
        case 'ı' -> folded.append('i');
        case 'þ' -> folded.append("th");
        default -> folded.append(c);
      }
    }
    return folded.toString();
  }
}
