package org.accueil.patients.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hand-written name data of this package (see the header of each file), and draws from it:
 * given names by language, sex and birth year, family names by language, nicknames, spellings that
 * sound alike, and the name pairs parents give twins.
 */
final class NameLists {

  static final List<String> LANGUAGES = List.of("fr", "it", "en");

  /** How far around its peak year a given name stays common (standard deviation, in years). */
  private static final double PEAK_SPREAD_YEARS = 12;

  /** Every name keeps this share of its peak weight in every year: old names come back. */
  private static final double FLOOR = 0.03;

  record GivenName(String name, String sex, double weight, List<Integer> peakYears) {

    double weightIn(int birthYear) {
      double nearest = 0;
      for (int peak : peakYears) {
        double z = (birthYear - peak) / PEAK_SPREAD_YEARS;
        nearest = Math.max(nearest, Math.exp(-z * z / 2));
      }
      return weight * (FLOOR + nearest);
    }
  }

  record FamilyName(String name, double weight) {}

  record TwinNames(String first, String firstSex, String second, String secondSex) {}

  private static final NameLists loaded = new NameLists();

  private final Map<String, List<GivenName>> givenNames = new HashMap<>();
  private final Map<String, List<FamilyName>> familyNames = new HashMap<>();
  private final Map<String, WeightedDraw<String>> familyNameDraws = new HashMap<>();
  private final Map<String, List<String>> nicknames = new HashMap<>();
  private final Map<String, List<String>> spellings = new HashMap<>();
  private final Map<String, List<TwinNames>> twinNames = new HashMap<>();
  private final Map<String, WeightedDraw<String>> givenNameDraws = new ConcurrentHashMap<>();

  private NameLists() {
    for (String language : LANGUAGES) {
      givenNames.put(language, readGivenNames("given-names-" + language + ".txt"));
      List<FamilyName> family = readFamilyNames("family-names-" + language + ".txt");
      familyNames.put(language, family);
      familyNameDraws.put(
          language,
          new WeightedDraw<>(
              family.stream().map(FamilyName::name).toList(),
              family.stream().mapToDouble(FamilyName::weight).toArray()));
      twinNames.put(language, new ArrayList<>());
    }
    for (List<String> row : rows("nicknames.txt", 3)) {
      nicknames.put(row.get(0) + "|" + row.get(1), splitList(row.get(2)));
    }
    for (List<String> row : rows("spelling-variants.txt", 2)) {
      List<String> group = splitList(row.get(1));
      for (String spelling : group) {
        spellings.put(
            row.get(0) + "|" + spelling, group.stream().filter(s -> !s.equals(spelling)).toList());
      }
    }
    for (List<String> row : rows("twin-names.txt", 3)) {
      List<String> first = splitList(row.get(1));
      List<String> second = splitList(row.get(2));
      twinNames
          .get(row.get(0))
          .add(new TwinNames(first.get(0), first.get(1), second.get(0), second.get(1)));
    }
  }

  static NameLists load() {
    return loaded;
  }

  List<GivenName> givenNames(String language) {
    return givenNames.get(language);
  }

  List<FamilyName> familyNames(String language) {
    return familyNames.get(language);
  }

  /** A given name as common as it was for people of that sex born in that year. */
  String givenName(Random random, String language, String sex, int birthYear) {
    return givenNameDraws
        .computeIfAbsent(
            language + "|" + sex + "|" + birthYear,
            key -> {
              List<GivenName> names =
                  givenNames.get(language).stream().filter(n -> n.sex().equals(sex)).toList();
              return new WeightedDraw<>(
                  names.stream().map(GivenName::name).toList(),
                  names.stream().mapToDouble(n -> n.weightIn(birthYear)).toArray());
            })
        .draw(random);
  }

  String familyName(Random random, String language) {
    return familyNameDraws.get(language).draw(random);
  }

  /** The nicknames people with this given name use, in their language; often none. */
  List<String> nicknamesOf(String language, String givenName) {
    return nicknames.getOrDefault(language + "|" + givenName, List.of());
  }

  /** Other spellings of a name that sound the same when dictated; often none. */
  List<String> spellingsLike(String language, String name) {
    return spellings.getOrDefault(language + "|" + name, List.of());
  }

  List<TwinNames> twinNames(String language) {
    return twinNames.get(language);
  }

  private static List<GivenName> readGivenNames(String file) {
    return rows(file, 4).stream()
        .map(
            row ->
                new GivenName(
                    row.get(0),
                    row.get(1),
                    Double.parseDouble(row.get(2)),
                    List.of(row.get(3).split("\\s+")).stream().map(Integer::valueOf).toList()))
        .toList();
  }

  private static List<FamilyName> readFamilyNames(String file) {
    return rows(file, 2).stream()
        .map(row -> new FamilyName(row.get(0), Double.parseDouble(row.get(1))))
        .toList();
  }

  private static List<String> splitList(String cell) {
    return List.of(cell.split("\\s*,\\s*"));
  }

  /** The rows of a "|"-separated file, without its comment lines. */
  private static List<List<String>> rows(String file, int columns) {
    var stream = Objects.requireNonNull(NameLists.class.getResourceAsStream(file), file);
    var rows = new ArrayList<List<String>>();
    try (var reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        List<String> cells = List.of(line.strip().split("\\s*\\|\\s*"));
        if (cells.size() != columns) {
          throw new IllegalStateException(file + ": expected " + columns + " columns in " + line);
        }
        rows.add(cells);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }
}
