package org.accueil.assistant.llm;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The facts a reply states, as far as they can be told from its text: numbers (times, dates,
 * prices, phone numbers as written), links and e-mail addresses, names (capitalised words that do
 * not start a sentence), the words of days, months and relative dates of its language, and whether
 * it says no. A phrasing keeps a reply's facts if it has all of them, and adds none if every
 * number, link and name it has was in the reply or in the patient's message and it says no only
 * where the reply did.
 */
record Facts(
    Set<String> numbers,
    Set<String> links,
    Set<String> names,
    Set<String> calendar,
    Set<String> words,
    boolean negated) {

  private static final Pattern LINK =
      Pattern.compile("(?i)(?:https?://|www\\.)[^\\s<>\"]+|[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+");
  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[:.,/h-]\\d+)*");
  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'’-]*");

  /** Abbreviations whose full stop ends no sentence: "Dr. Phillips", "Mme. Martin". */
  private static final Set<String> TITLES =
      words("dr mr mrs ms m mme mlle pr prof st dott dott.ssa sig sig.ra ing av bd");

  /**
   * Words that carry a date in each language; lower case, compared without regard to case. English
   * "may" and "march" are left out (the verbs); the months are capitalised there and count as
   * names.
   */
  private static final Map<String, Set<String>> CALENDAR =
      Map.of(
          "fr",
          words(
              "lundi mardi mercredi jeudi vendredi samedi dimanche janvier février fevrier mars"
                  + " avril mai juin juillet août aout septembre octobre novembre décembre decembre"
                  + " aujourd'hui aujourd’hui demain après-demain matin après-midi soir"),
          "en",
          words(
              "monday tuesday wednesday thursday friday saturday sunday january february april"
                  + " june july august september october november december today tomorrow"
                  + " tonight morning afternoon evening"),
          "it",
          words(
              "lunedì lunedi martedì martedi mercoledì mercoledi giovedì giovedi venerdì venerdi"
                  + " sabato domenica gennaio febbraio marzo aprile maggio giugno luglio agosto"
                  + " settembre ottobre novembre dicembre oggi domani dopodomani mattina"
                  + " pomeriggio sera stasera"));

  /**
   * Words that turn a sentence negative: "is free" and "is not free" state opposite facts with the
   * same numbers and names. French "n'" is found as an elision, English "-n't" as an ending.
   */
  private static final Map<String, Set<String>> NEGATIONS =
      Map.of(
          "fr", words("ne pas jamais aucun aucune rien ni"),
          "en", words("not no never cannot nothing none nobody neither nor"),
          "it", words("non mai nessun nessuno nessuna niente nulla né"));

  /** An elided article or preposition before a word: l'après-midi, d'Emma, dell'ospedale. */
  private static final Pattern ELISION = Pattern.compile("^\\p{L}{1,4}['’](?=\\p{L})");

  private static Set<String> words(String list) {
    return Set.of(list.split(" "));
  }

  static Facts of(String text, Locale language) {
    Set<String> links = new LinkedHashSet<>();
    Matcher link = LINK.matcher(text);
    StringBuilder rest = new StringBuilder();
    while (link.find()) {
      links.add(link.group().replaceAll("[.,;:!?)\\]]+$", ""));
      link.appendReplacement(rest, " ");
    }
    link.appendTail(rest);
    String prose = rest.toString();

    Set<String> numbers = new LinkedHashSet<>();
    Matcher number = NUMBER.matcher(prose);
    while (number.find()) {
      numbers.add(number.group());
    }

    Set<String> names = new LinkedHashSet<>();
    Set<String> calendar = new LinkedHashSet<>();
    Set<String> words = new LinkedHashSet<>();
    Set<String> dateWords = CALENDAR.getOrDefault(language.getLanguage(), Set.of());
    Set<String> negations = NEGATIONS.getOrDefault(language.getLanguage(), Set.of());
    boolean negated = false;
    Matcher word = WORD.matcher(prose);
    while (word.find()) {
      String w = word.group();
      words.add(w);
      String lower = w.toLowerCase(Locale.ROOT);
      int start = word.start();
      Matcher elided = ELISION.matcher(w);
      if (elided.find() && !lower.startsWith("aujourd")) {
        negated |=
            language.getLanguage().equals("fr") && lower.charAt(0) == 'n' && elided.end() == 2;
        start += elided.end();
        w = w.substring(elided.end());
        words.add(w);
      }
      negated |=
          negations.contains(w.toLowerCase(Locale.ROOT))
              || (language.getLanguage().equals("en")
                  && (lower.endsWith("n't") || lower.endsWith("n’t")));
      if (dateWords.contains(w.toLowerCase(Locale.ROOT))) {
        calendar.add(w.toLowerCase(Locale.ROOT));
      }
      if (w.length() > 1
          && Character.isUpperCase(w.codePointAt(0))
          && !startsSentence(prose, start)) {
        names.add(w);
      }
    }
    return new Facts(
        Set.copyOf(numbers),
        Set.copyOf(links),
        Set.copyOf(names),
        Set.copyOf(calendar),
        Set.copyOf(words),
        negated);
  }

  /**
   * Whether the word at {@code start} opens a sentence (or the text, a line, a list item), where
   * any word is capitalised: after a full stop, unless it ends a title ("Dr. Phillips").
   */
  private static boolean startsSentence(String text, int start) {
    int i = start - 1;
    while (i >= 0) {
      char c = text.charAt(i);
      if (c == '\n' || c == '!' || c == '?' || c == ':' || c == '…') {
        return true;
      }
      if (c == '.') {
        return !followsTitle(text, i);
      }
      if (Character.isWhitespace(c) || "\"'«»“”‘’(*-–—•".indexOf(c) >= 0) {
        i--;
        continue;
      }
      return false;
    }
    return true;
  }

  private static boolean followsTitle(String text, int fullStop) {
    int from = fullStop;
    while (from > 0 && !Character.isWhitespace(text.charAt(from - 1))) {
      from--;
    }
    return TITLES.contains(text.substring(from, fullStop).toLowerCase(Locale.ROOT));
  }

  /**
   * What kind of fact of this reply the other text lacks ({@code "number"}, {@code "link"}, {@code
   * "name"}, {@code "date word"}), if any: the kind only, so it can be logged without the words.
   */
  Optional<String> lostIn(Facts other) {
    if (!other.numbers.containsAll(numbers)) {
      return Optional.of("number");
    }
    if (!other.links.containsAll(links)) {
      return Optional.of("link");
    }
    if (!other.words.containsAll(names)) {
      return Optional.of("name");
    }
    if (!other.calendar.containsAll(calendar)) {
      return Optional.of("date word");
    }
    if (negated && !other.negated) {
      return Optional.of("negation");
    }
    return Optional.empty();
  }

  /**
   * What kind of fact this phrasing has that neither the reply nor the patient's message had: an
   * invented number, link or name.
   */
  Optional<String> addedTo(Facts reply, Facts patientMessage) {
    for (String n : numbers) {
      if (!reply.numbers.contains(n) && !patientMessage.numbers.contains(n)) {
        return Optional.of("number");
      }
    }
    for (String l : links) {
      if (!reply.links.contains(l) && !patientMessage.links.contains(l)) {
        return Optional.of("link");
      }
    }
    for (String n : names) {
      if (!reply.words.contains(n) && !patientMessage.words.contains(n)) {
        return Optional.of("name");
      }
    }
    if (negated && !reply.negated) {
      return Optional.of("negation");
    }
    return Optional.empty();
  }
}
