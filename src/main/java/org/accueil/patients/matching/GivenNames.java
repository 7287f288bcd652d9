package org.accueil.patients.matching;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What we know of French, Italian and English given names: which are names, the sex they are borne
 * by, and which are forms of one person's name (Giuseppe, Beppe and Pino; Mathieu and Matthieu).
 * Loaded once from {@code given-names.txt} beside this class, whose header describes the format;
 * immutable and safe to share between threads.
 *
 * <p>Every method takes a {@link NameKeys#key} of one given name (simple or compound); a raw name
 * is keyed again, so "Jean-Pierre", "jean pierre" and "Jeanpierre" are one name.
 */
public final class GivenNames {

  private static final String RESOURCE = "given-names.txt";
  private static final Pattern FIELDS = Pattern.compile("\\s+");
  private static final Set<String> LANGUAGES = Set.of("fr", "it", "en");

  /** Spellings of one sound, Stéphane and Stefane, are variants only from this length on. */
  private static final int MIN_SPELLING_LENGTH = 5;

  /** ...and only this many edits apart: "ph" for "f" is two. */
  private static final int MAX_SPELLING_EDITS = 2;

  /** Compact key → the sex of every line it is on, combined. */
  private final Map<String, NameSex> sexes;

  /** Compact key → the lines it is on. */
  private final Map<String, Set<Integer>> lines;

  /**
   * Untruncated French or Italian code and last letter → the sex of every listed name with both.
   * The last letter is part of the key because French marks the feminine there even when it is not
   * heard (Noël and Noëlle, Michel and Michelle): an unlisted spelling is not taken for a name of
   * the other sex that ends differently.
   */
  private final Map<String, NameSex> soundSexes;

  /** Language → its registered names (the first of each line). */
  private final Map<String, Set<String>> registered;

  private GivenNames(
      Map<String, NameSex> sexes,
      Map<String, Set<Integer>> lines,
      Map<String, NameSex> soundSexes,
      Map<String, Set<String>> registered) {
    this.sexes = Map.copyOf(sexes);
    this.lines = Map.copyOf(lines);
    this.soundSexes = Map.copyOf(soundSexes);
    this.registered = Map.copyOf(registered);
  }

  /** The names of {@code given-names.txt}, read once on first use. */
  public static GivenNames standard() {
    return Standard.NAMES;
  }

  /**
   * Whether the key is a given name we know: listed in the file, in any spacing ("jean pierre" and
   * "jeanpierre"), or a compound whose every word is listed ("marie claire", "jean loup").
   */
  public boolean isKnown(String key) {
    String name = NameKeys.key(key);
    if (sexes.containsKey(NameKeys.compact(name))) {
      return true;
    }
    List<String> words = NameKeys.tokens(name);
    return words.size() > 1 && words.stream().allMatch(sexes::containsKey);
  }

  /**
   * The sex the name is borne by: that of its lines in the file ({@link NameSex#EITHER} when they
   * disagree, as for Andrea, or say both, as for Camille); for an unlisted compound of known names,
   * the sex of its first name (Jean-Marie is a man); {@link NameSex#UNKNOWN} for any other name.
   */
  public NameSex sexOf(String key) {
    String name = NameKeys.key(key);
    NameSex listed = sexes.get(NameKeys.compact(name));
    if (listed != null) {
      return listed;
    }
    List<String> words = NameKeys.tokens(name);
    if (words.size() > 1 && words.stream().allMatch(sexes::containsKey)) {
      return sexes.get(words.getFirst());
    }
    return NameSex.UNKNOWN;
  }

  /**
   * Whether both are forms of one person's given name. True when they are the same name in any
   * spacing; when they share a line of the file (a nickname, diminutive or listed spelling:
   * Giuseppe and Pino, William and Bill); or when they are spellings of one sound (five letters or
   * more, at most two edits apart, alike in French or Italian) borne by the same one sex (Stéphane
   * and Stefane, Philippe and Philipe, Jean-Baptiste and Jean-Batiste). For an unlisted spelling
   * that sex is the one shared by all the listed names that sound like it and end in the same
   * letter, and when those disagree it has none.
   *
   * <p>Symmetric, and every non-empty name is a variant of itself. Never true of a man's and a
   * woman's name of one root (Jean/Jeanne, Daniel/Danielle, Giulio/Giulia), even when they sound
   * alike; nor by sound alone for a name borne by either sex.
   */
  public boolean areVariants(String keyA, String keyB) {
    String a = NameKeys.compact(NameKeys.key(keyA));
    String b = NameKeys.compact(NameKeys.key(keyB));
    if (a.isEmpty() || b.isEmpty()) {
      return false;
    }
    if (a.equals(b) || shareALine(a, b)) {
      return true;
    }
    if (!spellingsOfOneSound(a, b)) {
      return false;
    }
    NameSex sex = sexForSpelling(keyA, a);
    return (sex == NameSex.FEMALE || sex == NameSex.MALE) && sex == sexForSpelling(keyB, b);
  }

  /**
   * Whether {@code intended}, a listed name, is the only listed name {@code written} (not listed)
   * may be a slip for: no other listed name is as few edits away (one edit, two from six letters).
   * "Matthiue" can only be Matthieu; "Lna" may be Lena or Lina, so a person must ask.
   */
  public boolean onlyNameNear(String written, String intended) {
    String w = NameKeys.compact(NameKeys.key(written));
    String i = NameKeys.compact(NameKeys.key(intended));
    if (sexes.containsKey(w) || !sexes.containsKey(i)) {
      return false;
    }
    int limit = Math.min(w.length(), i.length()) >= 6 ? 2 : 1;
    int distance = Typos.distance(w, i, limit);
    if (distance > limit) {
      return false;
    }
    for (String other : sexes.keySet()) {
      if (!other.equals(i)
          && Math.abs(other.length() - w.length()) <= distance
          && Typos.distance(w, other, distance) <= distance) {
        return false;
      }
    }
    return true;
  }

  /** How many names the language's lines register (their first names), for coverage checks. */
  int registeredCount(String language) {
    return registered.getOrDefault(language, Set.of()).size();
  }

  /** Every listed name, compact, for checks over the whole file. */
  Set<String> listedNames() {
    return sexes.keySet();
  }

  private boolean shareALine(String a, String b) {
    Set<Integer> linesOfA = lines.get(a);
    Set<Integer> linesOfB = lines.get(b);
    if (linesOfA == null || linesOfB == null) {
      return false;
    }
    return linesOfA.stream().anyMatch(linesOfB::contains);
  }

  /**
   * Two spellings of one name: they sound alike in French or Italian, and are close in letters.
   * Sound alone is not enough for short names and nicknames (Al and Hal, Jack and Jake, Dom and Don
   * sound alike and are different people's names), nor for names that only happen to share a code
   * (Agnès and Annie, Elaine and Hélène): the nicknames that are variants are listed in the file.
   */
  private static boolean spellingsOfOneSound(String a, String b) {
    if (a.length() < MIN_SPELLING_LENGTH || b.length() < MIN_SPELLING_LENGTH) {
      return false;
    }
    boolean soundAlike =
        FrenchPhonetic.fullCode(a).equals(FrenchPhonetic.fullCode(b))
            || ItalianPhonetic.fullCode(a).equals(ItalianPhonetic.fullCode(b));
    return soundAlike && editDistance(a, b) <= MAX_SPELLING_EDITS;
  }

  /**
   * Letters inserted, deleted, replaced or swapped with a neighbour to turn one into the other
   * (optimal string alignment distance).
   */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int replace = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + replace);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private NameSex sexForSpelling(String key, String compact) {
    NameSex known = sexOf(key);
    if (known != NameSex.UNKNOWN) {
      return known;
    }
    NameSex french = soundSexes.get(frenchSound(compact));
    NameSex italian = soundSexes.get(italianSound(compact));
    NameSex heard = combine(french, italian);
    return heard == null ? NameSex.UNKNOWN : heard;
  }

  private static String frenchSound(String compact) {
    return "fr:" + FrenchPhonetic.fullCode(compact) + ":" + compact.charAt(compact.length() - 1);
  }

  private static String italianSound(String compact) {
    return "it:" + ItalianPhonetic.fullCode(compact) + ":" + compact.charAt(compact.length() - 1);
  }

  private static NameSex combine(NameSex a, NameSex b) {
    if (a == null) {
      return b;
    }
    return b == null || a == b ? a : NameSex.EITHER;
  }

  /** Reads the file format described in {@code given-names.txt}. */
  static GivenNames parse(List<String> fileLines) {
    Map<String, NameSex> sexes = new HashMap<>();
    Map<String, Set<Integer>> lines = new HashMap<>();
    Map<String, Set<String>> registered = new HashMap<>();
    for (int number = 1; number <= fileLines.size(); number++) {
      String line = fileLines.get(number - 1).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = FIELDS.split(line, 3);
      if (fields.length < 3 || !LANGUAGES.contains(fields[0])) {
        throw new IllegalStateException(RESOURCE + " line " + number + ": " + line);
      }
      NameSex sex = sex(fields[1], number, line);
      boolean first = true;
      for (String name : fields[2].split(",")) {
        String compact = NameKeys.compact(NameKeys.key(name));
        if (compact.isEmpty()) {
          throw new IllegalStateException(RESOURCE + " line " + number + ": " + line);
        }
        if (first) {
          registered.computeIfAbsent(fields[0], language -> new HashSet<>()).add(compact);
          first = false;
        }
        sexes.merge(compact, sex, GivenNames::combine);
        lines.computeIfAbsent(compact, absent -> new HashSet<>()).add(number);
      }
    }
    Map<String, NameSex> soundSexes = new HashMap<>();
    sexes.forEach(
        (name, sex) -> {
          soundSexes.merge(frenchSound(name), sex, GivenNames::combine);
          soundSexes.merge(italianSound(name), sex, GivenNames::combine);
        });
    lines.replaceAll((name, numbers) -> Set.copyOf(numbers));
    registered.replaceAll((language, names) -> Set.copyOf(names));
    return new GivenNames(sexes, lines, soundSexes, registered);
  }

  private static NameSex sex(String field, int number, String line) {
    return switch (field) {
      case "f" -> NameSex.FEMALE;
      case "m" -> NameSex.MALE;
      case "x" -> NameSex.EITHER;
      default -> throw new IllegalStateException(RESOURCE + " line " + number + ": " + line);
    };
  }

  /** Loaded on first use of {@link #standard()}: the JVM runs this initialiser once, safely. */
  private static final class Standard {
    static final GivenNames NAMES = load();

    private static GivenNames load() {
      try (InputStream in = GivenNames.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is missing from the classpath");
        }
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        return parse(reader.lines().toList());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
