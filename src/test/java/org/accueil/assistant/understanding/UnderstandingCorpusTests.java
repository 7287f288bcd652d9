package org.accueil.assistant.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The understanding corpus ({@code src/test/resources/assistant/corpus/{fr,en,it}.tsv}) against the
 * demo practice, without Spring: accuracy per language and per intent, dates, providers and types,
 * and every failure, printed. The held-out corpus ({@code assistant/heldout/}), written blind by
 * someone who never saw the rules, is read only if present and reported apart, failures counted but
 * never printed. Every red-flag message must come out an emergency.
 */
class UnderstandingCorpusTests {

  static final List<String> LANGUAGES = List.of("fr", "en", "it");
  static PracticeSnapshot snapshot;
  static Understander understander;

  @BeforeAll
  static void demoPractice() {
    snapshot = DemoSnapshot.create();
    understander = new Understander(() -> snapshot, () -> null);
    understander.ready();
  }

  /** How one corpus came out. */
  static final class Tally {
    int total;
    int intent;
    int when;
    int dated;
    int datedRight;
    int provider;
    int type;
    int emergency;
    final Map<String, int[]> byIntent = new LinkedHashMap<>();
    final List<String> failures = new ArrayList<>();

    double percent(int part) {
      return total == 0 ? 100 : 100.0 * part / total;
    }
  }

  Tally run(Corpus corpus, Locale language) {
    Tally tally = new Tally();
    for (Corpus.Example example : corpus.examples()) {
      Understanding got = understander.understand(example.text(), example.now(), null);
      tally.total++;
      List<String> wrong = new ArrayList<>();
      boolean intentRight = got.intent().code().equals(example.intent());
      int[] cell = tally.byIntent.computeIfAbsent(example.intent(), i -> new int[2]);
      cell[1]++;
      if (intentRight) {
        tally.intent++;
        cell[0]++;
      } else {
        wrong.add("intent " + got.intent().code() + " (expected " + example.intent() + ")");
      }
      boolean whenRight = same(example.when(), got.when());
      if (example.when() != null) {
        tally.dated++;
      }
      if (whenRight) {
        tally.when++;
        if (example.when() != null) {
          tally.datedRight++;
        }
      } else {
        wrong.add("when " + describe(got.when()) + " (expected " + describe(example.when()) + ")");
      }
      String provider = got.provider() == null ? null : surname(got.provider().id().value());
      if (Objects.equals(provider, example.provider())) {
        tally.provider++;
      } else {
        wrong.add("provider " + provider + " (expected " + example.provider() + ")");
      }
      String type = got.appointmentType() == null ? null : code(got.appointmentType().id().value());
      if (Objects.equals(type, example.type())) {
        tally.type++;
      } else {
        wrong.add("type " + type + " (expected " + example.type() + ")");
      }
      if (got.emergency() == example.emergency()) {
        tally.emergency++;
      } else {
        wrong.add("emergency " + got.emergency());
      }
      if (!wrong.isEmpty()) {
        tally.failures.add(
            corpus.name()
                + ":"
                + example.line()
                + " \""
                + example.text()
                + "\": "
                + String.join("; ", wrong)
                + "\n      "
                + got.reasons());
      }
    }
    return tally;
  }

  private static boolean same(Corpus.@Nullable Expected expected, @Nullable When got) {
    if (expected == null || got == null) {
      return expected == null && got == null;
    }
    return expected.start().isEqual(got.start())
        && expected.end().isEqual(got.end())
        && expected.grain().equals(got.grain().code())
        && expected.start().getOffset().equals(got.start().getOffset());
  }

  private static String describe(@Nullable Object when) {
    if (when instanceof When w) {
      return w.start() + "/" + w.end() + "/" + w.grain().code();
    }
    if (when instanceof Corpus.Expected e) {
      return e.start() + "/" + e.end() + "/" + e.grain();
    }
    return "-";
  }

  private static @Nullable String surname(java.util.UUID id) {
    return snapshot.providers().stream()
        .filter(p -> p.id().value().equals(id))
        .map(Provider::familyName)
        .findFirst()
        .orElse(null);
  }

  private static @Nullable String code(java.util.UUID id) {
    return snapshot.appointmentTypes().stream()
        .filter(t -> t.id().value().equals(id))
        .map(AppointmentType::code)
        .findFirst()
        .orElse(null);
  }

  @Test
  void theCorpusIsUnderstoodInEachLanguage() {
    Map<String, Tally> tallies = new LinkedHashMap<>();
    for (String language : LANGUAGES) {
      Corpus corpus = Corpus.read(Corpus.resource("corpus/" + language + ".tsv"));
      tallies.put(language, run(corpus, Locale.forLanguageTag(language)));
    }
    print("Understanding corpus", tallies, true);
    for (var entry : tallies.entrySet()) {
      Tally tally = entry.getValue();
      assertThat(tally.total).as(entry.getKey() + " examples").isGreaterThanOrEqualTo(300);
      assertThat(tally.percent(tally.intent))
          .as(entry.getKey() + " intent")
          .isGreaterThanOrEqualTo(95);
      assertThat(tally.percent(tally.when))
          .as(entry.getKey() + " dates")
          .isGreaterThanOrEqualTo(95);
      tally.byIntent.forEach(
          (intent, cell) ->
              assertThat(cell[1]).as(entry.getKey() + " " + intent).isGreaterThanOrEqualTo(15));
    }
  }

  @Test
  void theHeldOutCorpusIfPresentIsReportedApart() {
    Map<String, Tally> tallies = new LinkedHashMap<>();
    for (String language : LANGUAGES) {
      Path file = Corpus.resource("heldout/" + language + ".tsv");
      if (Files.exists(file)) {
        tallies.put(language, run(Corpus.read(file), Locale.forLanguageTag(language)));
      }
    }
    if (tallies.isEmpty()) {
      System.out.println("Held-out corpus: none present");
      return;
    }
    // Written blind: its texts stay out of the output, so nobody tunes the rules on them.
    print("Held-out corpus", tallies, false);
    // The targets, on text the rules were never written against (v5, measured once: intent fr
    // 98.8 / en 95.0 / it 95.0%). Failing here means a change made understanding worse on
    // patients' own words: look at the development corpus, not at these lines.
    for (var entry : tallies.entrySet()) {
      Tally tally = entry.getValue();
      assertThat(tally.percent(tally.intent))
          .as(entry.getKey() + " held-out intent")
          .isGreaterThanOrEqualTo(95);
      assertThat(tally.dated == 0 ? 100.0 : 100.0 * tally.datedRight / tally.dated)
          .as(entry.getKey() + " held-out dates")
          .isGreaterThanOrEqualTo(95);
      assertThat(tally.byIntent.getOrDefault("emergency", new int[2]))
          .as(entry.getKey() + " held-out emergencies all caught")
          .satisfies(cell -> assertThat(cell[0]).isEqualTo(cell[1]));
    }
  }

  @Test
  void everyRedFlagMessageIsAnEmergency() throws IOException {
    List<String> missed = new ArrayList<>();
    int count = 0;
    for (String line :
        Files.readAllLines(Corpus.resource("red-flags.tsv"), StandardCharsets.UTF_8)) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] cells = line.split("\t");
      String text = cells[cells.length - 1];
      Understanding got = understander.understand(text, Corpus.NOW, null);
      count++;
      if (got.intent() != Intent.EMERGENCY || !got.emergency()) {
        missed.add(text + " -> " + got.intent().code());
      }
    }
    System.out.println("Red flags: " + (count - missed.size()) + "/" + count + " emergencies");
    assertThat(missed).isEmpty();
    assertThat(count).isGreaterThan(50);
  }

  private static void print(String title, Map<String, Tally> tallies, boolean texts) {
    StringBuilder out = new StringBuilder("\n## " + title + "\n\n");
    out.append(
        "| language | examples | intent | when (all) | when (dated lines) | provider | type |"
            + " emergency |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
    tallies.forEach(
        (language, t) ->
            out.append(
                String.format(
                    Locale.ROOT,
                    "| %s | %d | %.1f%% | %.1f%% | %.1f%% (%d/%d) | %.1f%% | %.1f%% | %.1f%% |%n",
                    language,
                    t.total,
                    t.percent(t.intent),
                    t.percent(t.when),
                    t.dated == 0 ? 100.0 : 100.0 * t.datedRight / t.dated,
                    t.datedRight,
                    t.dated,
                    t.percent(t.provider),
                    t.percent(t.type),
                    t.percent(t.emergency))));
    out.append("\n| intent |");
    tallies.keySet().forEach(l -> out.append(" ").append(l).append(" |"));
    out.append("\n|---|");
    tallies.keySet().forEach(l -> out.append("---:|"));
    out.append("\n");
    for (Intent intent : Intent.values()) {
      out.append("| ").append(intent.code()).append(" |");
      for (Tally t : tallies.values()) {
        int[] cell = t.byIntent.getOrDefault(intent.code(), new int[2]);
        out.append(
            cell[1] == 0
                ? " - |"
                : String.format(
                    Locale.ROOT, " %.0f%% (%d/%d) |", 100.0 * cell[0] / cell[1], cell[0], cell[1]));
      }
      out.append("\n");
    }
    tallies.forEach(
        (language, t) -> {
          out.append("\n")
              .append(language)
              .append(": ")
              .append(t.failures.size())
              .append(" lines with a difference\n");
          if (texts) {
            t.failures.forEach(f -> out.append("  ").append(f).append("\n"));
          }
        });
    System.out.println(out);
  }
}
