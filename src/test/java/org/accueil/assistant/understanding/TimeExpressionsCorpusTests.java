package org.accueil.assistant.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the date corpora (src/test/resources/assistant/dates): every line of {@code <lang>.tsv} must
 * resolve to its expected time (95% at least, failures printed), and no line of {@code
 * negative-<lang>.tsv} may give a date.
 */
class TimeExpressionsCorpusTests {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZonedDateTime NOW =
      OffsetDateTime.parse("2026-03-10T09:00:00+01:00").atZoneSameInstant(PARIS);

  record Example(String text, ZonedDateTime now, String expected, int line) {}

  @ParameterizedTest
  @ValueSource(strings = {"fr", "en", "it"})
  void positiveCorpus(String language) throws IOException {
    List<Example> examples = read(language + ".tsv", false);
    assertThat(examples).hasSizeGreaterThanOrEqualTo(150);
    List<String> failures = new ArrayList<>();
    long start = System.nanoTime();
    for (Example e : examples) {
      String got =
          format(TimeExpressions.requested(e.text(), Locale.forLanguageTag(language), e.now()));
      if (!got.equals(e.expected())) {
        failures.add(
            "line "
                + e.line()
                + ": "
                + e.text()
                + "\n    expected "
                + e.expected()
                + "\n    got      "
                + got);
      }
    }
    long micros = (System.nanoTime() - start) / 1000 / examples.size();
    double accuracy = 100.0 * (examples.size() - failures.size()) / examples.size();
    System.out.printf(
        "Dates %s: %d/%d = %.1f%% (%d µs a message, first run)%n",
        language, examples.size() - failures.size(), examples.size(), accuracy, micros);
    failures.forEach(System.out::println);
    assertThat(accuracy).as("accuracy on %s.tsv", language).isGreaterThanOrEqualTo(95.0);
  }

  @ParameterizedTest
  @ValueSource(strings = {"fr", "en", "it"})
  void negativeCorpus(String language) throws IOException {
    List<Example> examples = read("negative-" + language + ".tsv", true);
    assertThat(examples).hasSizeGreaterThanOrEqualTo(40);
    List<String> failures = new ArrayList<>();
    for (Example e : examples) {
      Optional<When> when =
          TimeExpressions.requested(e.text(), Locale.forLanguageTag(language), e.now());
      if (when.isPresent()) {
        failures.add("line " + e.line() + ": " + e.text() + " -> " + format(when));
      }
    }
    System.out.printf(
        "No date %s: %d/%d%n", language, examples.size() - failures.size(), examples.size());
    failures.forEach(System.out::println);
    assertThat(failures).as("negative-%s.tsv", language).isEmpty();
  }

  static String format(Optional<When> when) {
    return when.map(w -> w.start() + "/" + w.end() + "/" + w.grain().code()).orElse("-");
  }

  private static List<Example> read(String name, boolean negative) throws IOException {
    try (InputStream in =
        TimeExpressionsCorpusTests.class.getResourceAsStream("/assistant/dates/" + name)) {
      assertThat(in).as(name).isNotNull();
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      List<Example> examples = new ArrayList<>();
      ZonedDateTime now = NOW;
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.startsWith("# now=")) {
          now = OffsetDateTime.parse(line.substring(6).split("\\s")[0]).atZoneSameInstant(PARIS);
          continue;
        }
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (negative) {
          examples.add(new Example(line, now, "-", i + 1));
        } else {
          String[] columns = lines[i].split("\t");
          assertThat(columns).as("%s line %d", name, i + 1).hasSize(2);
          examples.add(new Example(columns[0], now, normalised(columns[1].strip()), i + 1));
        }
      }
      return examples;
    }
  }

  /**
   * The expected "when" written as the corpus writes it, re-printed as {@link #format} prints it.
   */
  private static String normalised(String when) {
    if (when.equals("-")) {
      return when;
    }
    String[] parts = when.split("/");
    return OffsetDateTime.parse(parts[0]) + "/" + OffsetDateTime.parse(parts[1]) + "/" + parts[2];
  }
}
