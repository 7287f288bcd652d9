package org.accueil.assistant.internal;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The short answers a dialogue waits for — yes or no, "the second one", a name, a birth date — in
 * French, English and Italian, typed or spoken.
 */
final class Replies {

  private Replies() {}

  private static final Set<String> YES =
      words(
          "oui",
          "ouais",
          "ok",
          "okay",
          "d'accord",
          "d accord",
          "daccord",
          "parfait",
          "volontiers",
          "c'est bon",
          "c est bon",
          "ca marche",
          "je confirme",
          "confirme",
          "bien sur",
          "oui merci",
          "yes",
          "yeah",
          "yep",
          "sure",
          "please",
          "yes please",
          "go ahead",
          "confirm",
          "fine",
          "perfect",
          "that's fine",
          "great",
          "si",
          "certo",
          "va bene",
          "confermo",
          "perfetto",
          "d'accordo",
          "si grazie",
          "oui s'il vous plait",
          "oui svp",
          "ok merci",
          "ok thanks");
  private static final Set<String> NO =
      words(
          "non",
          "non merci",
          "pas maintenant",
          "plus tard",
          "no",
          "no thanks",
          "nope",
          "not now",
          "later",
          "no grazie",
          "non ora",
          "piu tardi",
          "annuler",
          "laisse tomber",
          "never mind");

  private static Set<String> words(String... words) {
    return Set.copyOf(java.util.Arrays.asList(words));
  }

  /** Lower case, accents and punctuation folded, spaces collapsed. */
  static String fold(String text) {
    String s =
        Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "")
            .replace('’', '\'');
    return s.replaceAll("[^a-z0-9'@+ ]", " ").replaceAll("\\s+", " ").strip();
  }

  static boolean yes(String text) {
    String f = fold(text);
    return YES.contains(f) || f.startsWith("oui ") || f.startsWith("yes ") || f.startsWith("si ");
  }

  static boolean no(String text) {
    String f = fold(text);
    return NO.contains(f) || f.startsWith("non ") || f.startsWith("no ");
  }

  private static final Map<String, Integer> ORDINALS =
      Map.ofEntries(
          Map.entry("1", 1),
          Map.entry("2", 2),
          Map.entry("3", 3),
          Map.entry("4", 4),
          Map.entry("5", 5),
          Map.entry("premier", 1),
          Map.entry("premiere", 1),
          Map.entry("deuxieme", 2),
          Map.entry("second", 2),
          Map.entry("seconde", 2),
          Map.entry("troisieme", 3),
          Map.entry("first", 1),
          Map.entry("third", 3),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("un", 1),
          Map.entry("une", 1),
          Map.entry("deux", 2),
          Map.entry("trois", 3),
          Map.entry("primo", 1),
          Map.entry("prima", 1),
          Map.entry("secondo", 2),
          Map.entry("seconda", 2),
          Map.entry("terzo", 3),
          Map.entry("terza", 3),
          Map.entry("uno", 1),
          Map.entry("due", 2),
          Map.entry("tre", 3));

  private static final Map<String, Integer> SCORES =
      Map.ofEntries(
          Map.entry("1", 1),
          Map.entry("2", 2),
          Map.entry("3", 3),
          Map.entry("4", 4),
          Map.entry("5", 5),
          Map.entry("one", 1),
          Map.entry("two", 2),
          Map.entry("three", 3),
          Map.entry("four", 4),
          Map.entry("five", 5),
          Map.entry("deux", 2),
          Map.entry("trois", 3),
          Map.entry("quatre", 4),
          Map.entry("cinq", 5),
          Map.entry("uno", 1),
          Map.entry("due", 2),
          Map.entry("tre", 3),
          Map.entry("quattro", 4),
          Map.entry("cinque", 5));

  /**
   * A score from 1 to 5 that is the whole message: "4", "5/5", "4 sur 5", "3 étoiles", "cinque".
   * Not "un" or "une" alone (an article far more often than a score).
   */
  private static final Pattern RATING =
      Pattern.compile(
          "([a-z0-9]+)(?: (?:sur |out of |su )?5)?(?: (?:etoiles?|stars?|stelle|stella))?");

  static OptionalInt rating(String text) {
    Matcher m = RATING.matcher(fold(text));
    if (!m.matches()) {
      return OptionalInt.empty();
    }
    Integer score = SCORES.get(m.group(1));
    return score == null ? OptionalInt.empty() : OptionalInt.of(score);
  }

  /** "2", "le deuxième", "the first one", "il terzo": the position of the choice meant. */
  static OptionalInt ordinal(String text) {
    String f = fold(text);
    for (String word : f.split(" ")) {
      Integer n = ORDINALS.get(word);
      if (n != null && (f.split(" ").length <= 4 || !Character.isDigit(word.charAt(0)))) {
        return OptionalInt.of(n);
      }
    }
    return OptionalInt.empty();
  }

  /** Numbers that may be a phone number: digits with spaces, dots, dashes, a leading +. */
  private static final Pattern PHONE = Pattern.compile("\\+?\\d[\\d .\\-()]{7,18}\\d");

  static Optional<String> phone(String text) {
    Matcher m = PHONE.matcher(text);
    return m.find() ? Optional.of(m.group().replaceAll("[ .\\-()]", "")) : Optional.empty();
  }

  private static final Pattern NAME_WORD = Pattern.compile("\\p{L}[\\p{L}'\\-]*");

  private static final Set<String> FILLERS =
      words(
          "je",
          "m'appelle",
          "mappelle",
          "appelle",
          "moi",
          "c'est",
          "cest",
          "mon",
          "nom",
          "est",
          "et",
          "numero",
          "portable",
          "mobile",
          "tel",
          "telephone",
          "voici",
          "bonjour",
          "bonsoir",
          "oui",
          "my",
          "name",
          "is",
          "i'm",
          "im",
          "i",
          "am",
          "and",
          "number",
          "phone",
          "cell",
          "it's",
          "its",
          "this",
          "hello",
          "hi",
          "yes",
          "mi",
          "chiamo",
          "sono",
          "il",
          "mio",
          "nome",
          "e",
          "cellulare",
          "numero",
          "di",
          "telefono",
          "ciao",
          "buongiorno",
          "buonasera",
          "si",
          "le",
          "la",
          "the",
          "a",
          "madame",
          "monsieur",
          "mme",
          "mr",
          "mrs",
          "ms",
          "signora",
          "signor",
          "signore",
          "sig",
          "ra");

  /** "Je m'appelle Léa Martin, 06 12 34 56 78": given and family name, when two or three words. */
  static Optional<String[]> name(String text) {
    String withoutNumbers = PHONE.matcher(text).replaceAll(" ");
    Matcher m = NAME_WORD.matcher(withoutNumbers);
    java.util.List<String> words = new java.util.ArrayList<>();
    while (m.find()) {
      String word = m.group();
      if (!FILLERS.contains(fold(word))) {
        words.add(word);
      }
    }
    if (words.size() < 2 || words.size() > 4) {
      return Optional.empty();
    }
    String given = capitalised(words.getFirst());
    String family =
        String.join(
            " ", words.subList(1, words.size()).stream().map(Replies::capitalised).toList());
    return Optional.of(new String[] {given, family});
  }

  private static String capitalised(String word) {
    if (word.equals(word.toLowerCase(Locale.ROOT)) || word.equals(word.toUpperCase(Locale.ROOT))) {
      String lower = word.toLowerCase(Locale.ROOT);
      return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
    return word;
  }

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("janvier", 1),
          Map.entry("fevrier", 2),
          Map.entry("mars", 3),
          Map.entry("avril", 4),
          Map.entry("mai", 5),
          Map.entry("juin", 6),
          Map.entry("juillet", 7),
          Map.entry("aout", 8),
          Map.entry("septembre", 9),
          Map.entry("octobre", 10),
          Map.entry("novembre", 11),
          Map.entry("decembre", 12),
          Map.entry("january", 1),
          Map.entry("february", 2),
          Map.entry("march", 3),
          Map.entry("april", 4),
          Map.entry("may", 5),
          Map.entry("june", 6),
          Map.entry("july", 7),
          Map.entry("august", 8),
          Map.entry("september", 9),
          Map.entry("october", 10),
          Map.entry("november", 11),
          Map.entry("december", 12),
          Map.entry("gennaio", 1),
          Map.entry("febbraio", 2),
          Map.entry("marzo", 3),
          Map.entry("aprile", 4),
          Map.entry("maggio", 5),
          Map.entry("giugno", 6),
          Map.entry("luglio", 7),
          Map.entry("agosto", 8),
          Map.entry("settembre", 9),
          Map.entry("ottobre", 10),
          Map.entry("dicembre", 12));

  private static final Pattern NUMERIC_DATE =
      Pattern.compile("\\b(\\d{1,2})[/.\\-](\\d{1,2})[/.\\-](\\d{4})\\b");
  private static final Pattern DAY_MONTH_YEAR =
      Pattern.compile("\\b(\\d{1,2})(?:er|st|nd|rd|th)? ([a-z]+),? (\\d{4})\\b");
  private static final Pattern MONTH_DAY_YEAR =
      Pattern.compile("\\b([a-z]+) (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})\\b");

  /** "12/05/1990", "le 12 mai 1990", "May 12, 1990", "12 maggio 1990" (day first when numeric). */
  static Optional<LocalDate> birthDate(String text, LocalDate today) {
    String f = fold(text.replace('/', ' ').replace('.', ' ').replace('-', ' '));
    Matcher numeric = NUMERIC_DATE.matcher(text);
    if (numeric.find()) {
      return date(numeric.group(3), numeric.group(2), numeric.group(1), today);
    }
    Matcher spaced = Pattern.compile("\\b(\\d{1,2}) (\\d{1,2}) (\\d{4})\\b").matcher(f);
    if (spaced.find()) {
      return date(spaced.group(3), spaced.group(2), spaced.group(1), today);
    }
    Matcher dmy = DAY_MONTH_YEAR.matcher(f.replace("1er", "1"));
    if (dmy.find() && MONTHS.containsKey(dmy.group(2))) {
      return date(dmy.group(3), String.valueOf(MONTHS.get(dmy.group(2))), dmy.group(1), today);
    }
    Matcher mdy = MONTH_DAY_YEAR.matcher(f);
    if (mdy.find() && MONTHS.containsKey(mdy.group(1))) {
      return date(mdy.group(3), String.valueOf(MONTHS.get(mdy.group(1))), mdy.group(2), today);
    }
    return Optional.empty();
  }

  private static Optional<LocalDate> date(String year, String month, String day, LocalDate today) {
    try {
      LocalDate date =
          LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
      return date.isAfter(today) || date.isBefore(today.minusYears(120))
          ? Optional.empty()
          : Optional.of(date);
    } catch (DateTimeException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The keyword the whole message is, if it is one (YES, DIRECTIONS, INFO). */
  static @Nullable String keyword(String text) {
    String f = fold(text);
    return switch (f) {
      case "oui", "yes", "si" -> "yes";
      case "directions", "itineraire", "indicazioni" -> "directions";
      case "info", "infos" -> "info";
      default -> null;
    };
  }
}
