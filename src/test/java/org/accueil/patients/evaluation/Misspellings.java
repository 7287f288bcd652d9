package org.accueil.patients.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accueil.platform.PersonNames;

/**
 * How a name gets written wrong or differently: keyboard typos, spellings of a name heard rather
 * than read, particles and compound names written another way. Each method returns empty when the
 * name offers nothing to change, and never returns something that is not a person name.
 */
final class Misspellings {

  private static final String[] AZERTY = {"azertyuiop", "qsdfghjklm", "wxcvbn"};
  private static final String[] QWERTY = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};

  private static final Set<String> PARTICLES =
      Set.of(
          "de", "du", "des", "la", "le", "di", "da", "del", "della", "dello", "dei", "dal", "dalla",
          "lo", "van", "der", "den", "von", "dos", "das", "st", "saint");

  /** Sound rules per language: each rewrites one spot to a spelling that sounds the same. */
  private static final List<SoundRule> FRENCH_SOUNDS =
      rules(
          "ph>f",
          "th>t",
          "y>i",
          "eau>o",
          "au>o",
          "ai>è",
          "([bcdfglmnprst])\\1>$1",
          "([aeiou])([lmnrt])([aeiou])>$1$2$2$3",
          "qu>k",
          "c([aou])>k$1",
          "ck>k",
          "d$>t",
          "t$>d",
          "ent$>ant",
          "an>en",
          "in$>ain",
          "s$>",
          "x$>",
          "ç>ss",
          "ier$>ié",
          "ault$>aud",
          "aud$>ault");

  private static final List<SoundRule> ITALIAN_SOUNDS =
      rules(
          "([bcdfglmnprstvz])\\1>$1",
          "([aeiou])([bcdfglmnprstvz])([aeiou])>$1$2$2$3",
          "ò$>o",
          "cq>q",
          "gn>ni",
          "j>i",
          "y>i",
          "k>c");
  private static final List<SoundRule> ENGLISH_SOUNDS =
      rules(
          "ph>f",
          "ck>k",
          "c([aou])>k$1",
          "k>c",
          "y$>ie",
          "ie$>y",
          "ey$>y",
          "([bdfglmnprst])\\1>$1",
          "([aeiou])([lnrt])([aeiou])>$1$2$2$3",
          "ee>ea",
          "ea>ee",
          "son$>sen",
          "wr>r",
          "kn>n");

  private Misspellings() {}

  /** One keyboard slip: a letter inserted, deleted, hit next to, or two letters swapped. */
  static Optional<String> typo(Random random, String name, String language) {
    List<Integer> letters = new ArrayList<>();
    for (int i = 0; i < name.length(); i++) {
      if (Character.isLetter(name.charAt(i))) {
        letters.add(i);
      }
    }
    if (letters.size() < 3) {
      return Optional.empty();
    }
    for (int attempt = 0; attempt < 20; attempt++) {
      // The first letter is slipped on less often: people look at the start of what they type.
      int at =
          random.nextInt(10) == 0
              ? letters.getFirst()
              : letters.get(1 + random.nextInt(letters.size() - 1));
      char letter = name.charAt(at);
      var text = new StringBuilder(name);
      switch (random.nextInt(4)) {
        case 0 -> {
          char inserted = random.nextBoolean() ? letter : neighbour(random, letter, language);
          text.insert(
              at + 1,
              Character.isUpperCase(inserted) && at > 0
                  ? Character.toLowerCase(inserted)
                  : inserted);
        }
        case 1 -> text.deleteCharAt(at);
        case 2 -> text.setCharAt(at, neighbour(random, letter, language));
        default -> {
          if (at + 1 >= name.length() || !Character.isLetter(name.charAt(at + 1))) {
            continue;
          }
          text.setCharAt(at, name.charAt(at + 1));
          text.setCharAt(at + 1, letter);
        }
      }
      String result = text.toString();
      if (!result.equals(name) && isName(result)) {
        return Optional.of(result);
      }
    }
    return Optional.empty();
  }

  /** The name as someone writes it who heard it: "Matthieu" for Mathieu, "Rosi" for Rossi. */
  static Optional<String> soundAlike(Random random, String name, String language, NameLists names) {
    // Spellings that differ only by accents (Lemaître, Lemaitre) are another corruption's.
    List<String> known =
        names.spellingsLike(language, name).stream()
            .filter(s -> !Spelling.plain(s).equals(Spelling.plain(name)))
            .toList();
    if (!known.isEmpty()) {
      return Optional.of(known.get(random.nextInt(known.size())));
    }
    String lower = name.toLowerCase(Locale.ROOT);
    List<SoundRule> rules =
        switch (language) {
          case "fr" -> FRENCH_SOUNDS;
          case "it" -> ITALIAN_SOUNDS;
          default -> ENGLISH_SOUNDS;
        };
    List<String> candidates = new ArrayList<>();
    for (SoundRule rule : rules) {
      Matcher matcher = rule.pattern().matcher(lower);
      List<Integer> starts = new ArrayList<>();
      while (matcher.find()) {
        starts.add(matcher.start());
      }
      if (starts.isEmpty()) {
        continue;
      }
      int start = starts.get(random.nextInt(starts.size()));
      matcher.reset();
      matcher.find(start);
      var text = new StringBuilder();
      matcher.appendReplacement(text, rule.replacement());
      text.append(lower, matcher.end(), lower.length());
      String result = capitalisedLike(name, text.toString());
      if (!Spelling.plain(result).equals(Spelling.plain(name))
          && isName(result)
          && Spelling.plain(result).length() >= 2) {
        candidates.add(result);
      }
    }
    return candidates.isEmpty()
        ? Optional.empty()
        : Optional.of(candidates.get(random.nextInt(candidates.size())));
  }

  static boolean hasParticle(String family) {
    if (family.indexOf('\'') >= 0) {
      return true;
    }
    String[] words = family.split(" ");
    for (int i = 0; i < words.length - 1; i++) {
      if (PARTICLES.contains(words[i].toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Particles and apostrophes written another way: "de la Fontaine" as Delafontaine, De La Fontaine
   * or La Fontaine; "D'Angelo" as Dangelo, D Angelo or D’Angelo; "Van der Berg" as Vanderberg or
   * Berg.
   */
  static Optional<String> particleVariant(Random random, String family) {
    if (!hasParticle(family)) {
      return Optional.empty();
    }
    List<String> variants = new ArrayList<>();
    String bare = family.replace(" ", "").replace("'", "");
    variants.add(capitalised(bare.toLowerCase(Locale.ROOT)));
    variants.add(capitalised(bare));
    variants.add(particlesRecased(family));
    if (family.contains("'")) {
      variants.add(family.replace('\'', '’'));
      variants.add(family.replace("'", " "));
    }
    String[] words = family.split(" ");
    String first = words[0].toLowerCase(Locale.ROOT);
    if (words.length >= 2 && Set.of("de", "da", "dos", "van").contains(first)) {
      int kept = first.equals("van") && words.length > 2 ? 2 : 1;
      variants.add(capitalised(String.join(" ", List.of(words).subList(kept, words.length))));
    }
    List<String> usable =
        variants.stream().filter(v -> !v.equals(family) && isName(v)).distinct().toList();
    return usable.isEmpty()
        ? Optional.empty()
        : Optional.of(usable.get(random.nextInt(usable.size())));
  }

  static boolean isCompound(String given) {
    return given.contains("-") || given.contains(" ");
  }

  /** "Jean-Pierre" as Jean (or sometimes Pierre), "Maria Grazia" as Maria or Grazia. */
  static Optional<String> shortened(Random random, String given) {
    if (!isCompound(given)) {
      return Optional.empty();
    }
    String[] parts = given.split("[- ]");
    return Optional.of(random.nextInt(5) == 0 ? parts[parts.length - 1] : parts[0]);
  }

  /** "Jean-Pierre" as Jeanpierre (or JeanPierre), "Gian Luca" as Gianluca. */
  static Optional<String> joined(Random random, String given) {
    if (!isCompound(given)) {
      return Optional.empty();
    }
    String[] parts = given.split("[- ]");
    var text = new StringBuilder(parts[0]);
    boolean keepCapitals = random.nextInt(5) == 0;
    for (int i = 1; i < parts.length; i++) {
      text.append(keepCapitals ? parts[i] : parts[i].toLowerCase(Locale.ROOT));
    }
    return Optional.of(text.toString());
  }

  /** A hyphen written as a space or a space as a hyphen: "Jean Pierre", "Maria-Grazia". */
  static Optional<String> separatorSwapped(String name) {
    if (name.contains("-")) {
      return Optional.of(name.replace('-', ' '));
    }
    if (name.contains(" ") && !hasParticle(name)) {
      return Optional.of(name.replace(' ', '-'));
    }
    return Optional.empty();
  }

  private static char neighbour(Random random, char letter, String language) {
    char base = Spelling.withoutAccents(String.valueOf(letter)).toLowerCase(Locale.ROOT).charAt(0);
    String[] rows = language.equals("fr") ? AZERTY : QWERTY;
    List<Character> near = new ArrayList<>();
    for (int row = 0; row < rows.length; row++) {
      int column = rows[row].indexOf(base);
      if (column < 0) {
        continue;
      }
      addKey(near, rows[row], column - 1);
      addKey(near, rows[row], column + 1);
      if (row > 0) {
        addKey(near, rows[row - 1], column);
        addKey(near, rows[row - 1], column + 1);
      }
      if (row < rows.length - 1) {
        addKey(near, rows[row + 1], column - 1);
        addKey(near, rows[row + 1], column);
      }
    }
    char chosen = near.isEmpty() ? 'e' : near.get(random.nextInt(near.size()));
    return Character.isUpperCase(letter) ? Character.toUpperCase(chosen) : chosen;
  }

  private static void addKey(List<Character> keys, String row, int column) {
    if (column >= 0 && column < row.length()) {
      keys.add(row.charAt(column));
    }
  }

  private static String particlesRecased(String family) {
    String[] words = family.split(" ");
    boolean capitalise = Character.isLowerCase(words[0].charAt(0));
    for (int i = 0; i < words.length - 1; i++) {
      if (PARTICLES.contains(words[i].toLowerCase(Locale.ROOT))) {
        words[i] = capitalise ? capitalised(words[i]) : words[i].toLowerCase(Locale.ROOT);
      }
    }
    return String.join(" ", words);
  }

  /** The lower-case {@code text} with the capitals of {@code model}'s words put back. */
  private static String capitalisedLike(String model, String text) {
    String[] modelWords = model.split("(?<=[- '])");
    String[] words = text.split("(?<=[- '])");
    var result = new StringBuilder();
    for (int i = 0; i < words.length; i++) {
      boolean capital = i < modelWords.length && Character.isUpperCase(modelWords[i].charAt(0));
      result.append(capital ? capitalised(words[i]) : words[i]);
    }
    return result.toString();
  }

  private static String capitalised(String word) {
    return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
  }

  private static boolean isName(String text) {
    return PersonNames.isName(PersonNames.normalized(text), 100) && text.equals(text.strip());
  }

  private record SoundRule(Pattern pattern, String replacement) {}

  /** Rules written "pattern>replacement", the pattern on the lower-case name. */
  private static List<SoundRule> rules(String... rules) {
    return List.of(rules).stream()
        .map(rule -> rule.split(">", -1))
        .map(parts -> new SoundRule(Pattern.compile(parts[0]), parts[1]))
        .toList();
  }
}
