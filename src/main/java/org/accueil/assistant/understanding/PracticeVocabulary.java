package org.accueil.assistant.understanding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.jspecify.annotations.Nullable;

/**
 * The words for one snapshot of a practice: its active providers' surnames (whole, or with one typo
 * when five letters or more), the specialties only one of them has, and its active appointment
 * types' names in the three languages with the {@link Lexicon}'s synonyms for their codes. Built
 * once per snapshot.
 */
final class PracticeVocabulary {

  /**
   * Words too common to be a surname without a title before them ("Petit", "Young", "Rossi" not).
   */
  private static final Set<String> COMMON_WORDS =
      Set.of(
          "petit", "grand", "blanc", "leroy", "roux", "young", "white", "brown", "black", "green",
          "long", "short", "bell", "may", "bianco", "bianchi", "neri", "conte", "santo", "page",
          "mai", "rose", "marin", "dove", "lune", "soleil", "sole", "bene", "monday");

  record ProviderEntry(Provider provider, String[] surname, boolean needsTitle) {}

  record Phrase(String folded, String source) {}

  record TypeEntry(AppointmentType type, List<Phrase> phrases) {}

  record SpecialtyEntry(Provider provider, String word) {}

  final PracticeSnapshot snapshot;
  private final List<ProviderEntry> providers = new ArrayList<>();
  private final List<SpecialtyEntry> specialties = new ArrayList<>();
  private final List<TypeEntry> types = new ArrayList<>();

  PracticeVocabulary(PracticeSnapshot snapshot) {
    this.snapshot = snapshot;
    List<Provider> active =
        snapshot.providers().stream()
            .filter(Provider::active)
            .sorted(Comparator.comparing(Provider::familyName))
            .toList();
    for (Provider provider : active) {
      String surname = Folded.words(provider.familyName());
      if (!surname.isEmpty()) {
        providers.add(
            new ProviderEntry(provider, surname.split(" "), COMMON_WORDS.contains(surname)));
      }
    }
    // A specialty names a provider only when exactly one active provider has it.
    Map<String, List<Provider>> bySpecialty = new HashMap<>();
    Map<String, List<String>> wordsOf = new HashMap<>();
    for (Provider provider : active) {
      for (String specialty : provider.specialties()) {
        String folded = Folded.words(specialty);
        if (folded.isEmpty()) {
          continue;
        }
        String key = folded;
        List<String> words = List.of(folded);
        for (Lexicon.Specialty known : Lexicon.SPECIALTIES) {
          if (Pattern.compile("^(" + known.stem() + ")").matcher(folded).find()
              || Pattern.compile(" (" + known.stem() + ")").matcher(folded).find()) {
            key = known.stem();
            words = new ArrayList<>(known.words());
            words.add(folded);
            break;
          }
        }
        List<Provider> holders = bySpecialty.computeIfAbsent(key, k -> new ArrayList<>());
        if (!holders.contains(provider)) {
          holders.add(provider);
        }
        wordsOf.put(key, words);
      }
    }
    bySpecialty.forEach(
        (key, holders) -> {
          if (holders.size() == 1) {
            for (String word : wordsOf.get(key)) {
              specialties.add(new SpecialtyEntry(holders.getFirst(), word));
            }
          }
        });
    specialties.sort(Comparator.comparing((SpecialtyEntry s) -> -s.word().length()));
    for (AppointmentType type :
        snapshot.appointmentTypes().stream()
            .filter(AppointmentType::active)
            .sorted(Comparator.comparing(AppointmentType::code))
            .toList()) {
      List<Phrase> phrases = new ArrayList<>();
      for (Locale language : List.of(Locale.FRENCH, Locale.ENGLISH, Locale.ITALIAN)) {
        String name = Folded.words(type.name().in(language));
        if (!name.isEmpty()) {
          phrases.add(new Phrase(name, "name (" + language.getLanguage() + ")"));
        }
      }
      String code = Folded.words(type.code());
      if (code.contains(" ")) {
        phrases.add(new Phrase(code, "code"));
      }
      for (String synonym : Lexicon.TYPES.getOrDefault(type.code(), List.of())) {
        phrases.add(new Phrase(synonym, "synonym"));
      }
      types.add(new TypeEntry(type, phrases));
    }
  }

  record Found<T>(T value, int start, int end, String reason) {}

  /**
   * The provider named: by surname (with a title before it when the surname is a common word), else
   * by a specialty only one provider has. Two different providers named: the first in the text.
   */
  @Nullable Found<Provider> provider(Folded text, List<int[]> taken) {
    Found<Provider> best = null;
    String[] words = text.words;
    for (ProviderEntry entry : providers) {
      String[] surname = entry.surname();
      for (int i = 0; i + surname.length <= words.length; i++) {
        int typos = 0;
        boolean match = true;
        for (int k = 0; k < surname.length && match; k++) {
          String word = words[i + k];
          String expected = surname[k];
          if (word.equals(expected)) {
            continue;
          }
          if (expected.length() >= 5 && typos == 0 && oneEdit(word, expected)) {
            typos++;
          } else {
            match = false;
          }
        }
        if (!match) {
          continue;
        }
        boolean titled = i > 0 && Lexicon.TITLES.contains(words[i - 1]);
        if (entry.needsTitle() && !titled) {
          continue;
        }
        if (best == null || i < best.start()) {
          String written =
              String.join(" ", java.util.Arrays.copyOfRange(words, i, i + surname.length));
          best =
              new Found<>(
                  entry.provider(),
                  i,
                  i + surname.length,
                  "provider "
                      + entry.provider().familyName()
                      + ": surname \""
                      + written
                      + "\""
                      + (typos > 0 ? " (one typo)" : "")
                      + (titled ? " after the title \"" + words[i - 1] + "\"" : ""));
        }
      }
    }
    if (best != null) {
      return best;
    }
    for (SpecialtyEntry entry : specialties) {
      // "visita dermatologica con la dermatologa": the second word names her, the first is the
      // type.
      int at = text.find(entry.word());
      while (at >= 0 && inside(text, at, taken)) {
        at = text.find(entry.word(), at + 1);
      }
      if (at >= 0) {
        return new Found<>(
            entry.provider(),
            -1,
            -1,
            "provider "
                + entry.provider().familyName()
                + ": the only one in \""
                + entry.word()
                + "\"");
      }
    }
    return null;
  }

  /** Whether the character offset {@code at} of the padded text lies in a span already taken. */
  private static boolean inside(Folded text, int at, List<int[]> taken) {
    for (int[] span : taken) {
      if (at + 1 >= span[0] && at + 1 < span[1]) {
        return true;
      }
    }
    return false;
  }

  /** The appointment type named, the longest phrase first; its span goes into {@code taken}. */
  @Nullable Found<AppointmentType> type(Folded text, List<int[]> taken) {
    Found<AppointmentType> best = null;
    int bestLength = 0;
    for (TypeEntry entry : types) {
      for (Phrase phrase : entry.phrases()) {
        String found = phrase.folded();
        int at = text.find(found);
        if (at < 0 && !found.endsWith("*")) {
          // Plurals: "vaccinations", "televisite", "vaccini".
          for (String plural : plurals(found)) {
            at = text.find(plural);
            if (at >= 0) {
              found = plural;
              break;
            }
          }
        }
        if (at < 0) {
          continue;
        }
        int length = matchedLength(text, at, found);
        if (length > bestLength) {
          bestLength = length;
          best =
              new Found<>(
                  entry.type(),
                  at + 1,
                  at + 1 + length,
                  "type "
                      + entry.type().code()
                      + ": "
                      + phrase.source()
                      + " \""
                      + phrase.folded()
                      + "\"");
        }
      }
    }
    if (best != null) {
      taken.add(new int[] {best.start(), best.end()});
    }
    return best;
  }

  private static List<String> plurals(String phrase) {
    List<String> plurals = new ArrayList<>(List.of(phrase + "s"));
    if (phrase.endsWith("a")) {
      plurals.add(phrase.substring(0, phrase.length() - 1) + "e");
    } else if (phrase.endsWith("o") || phrase.endsWith("e")) {
      plurals.add(phrase.substring(0, phrase.length() - 1) + "i");
    }
    return plurals;
  }

  private static int matchedLength(Folded text, int at, String phrase) {
    if (!phrase.endsWith("*")) {
      return phrase.length();
    }
    int end = text.padded.indexOf(' ', at + phrase.length() - 1);
    return (end < 0 ? text.padded.length() : end) - at - 1;
  }

  /** Damerau-Levenshtein distance of one: a letter replaced, added, removed, or two swapped. */
  static boolean oneEdit(String a, String b) {
    int la = a.length();
    int lb = b.length();
    if (Math.abs(la - lb) > 1) {
      return false;
    }
    if (la == lb) {
      int first = -1;
      int differences = 0;
      for (int i = 0; i < la; i++) {
        if (a.charAt(i) != b.charAt(i)) {
          if (differences == 0) {
            first = i;
          }
          differences++;
        }
      }
      if (differences == 1) {
        return true;
      }
      return differences == 2
          && first + 1 < la
          && a.charAt(first) == b.charAt(first + 1)
          && a.charAt(first + 1) == b.charAt(first);
    }
    String longer = la > lb ? a : b;
    String shorter = la > lb ? b : a;
    int i = 0;
    while (i < shorter.length() && shorter.charAt(i) == longer.charAt(i)) {
      i++;
    }
    return shorter.substring(i).equals(longer.substring(i + 1));
  }

  static @Nullable ProviderId id(@Nullable Found<Provider> found) {
    return found == null ? null : found.value().id();
  }

  static @Nullable AppointmentTypeId typeId(@Nullable Found<AppointmentType> found) {
    return found == null ? null : found.value().id();
  }
}
