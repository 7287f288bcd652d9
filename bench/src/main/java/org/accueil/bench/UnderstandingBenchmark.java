package org.accueil.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.accueil.assistant.understanding.Understander;
import org.accueil.demo.DemoPractice;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * How long the assistant takes to understand one message: every sentence of the understanding
 * corpus ({@code src/test/resources/assistant/corpus/*.tsv}), in process ({@link Understander} of
 * the running application) and over HTTP ({@code POST /api/v1/assistant/understand}), one caller at
 * a time, after a warm-up. The practice is whatever the run generated, plus the demo practice's
 * providers and types if they are not there, so the sentences name real providers.
 */
final class UnderstandingBenchmark {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 10, 9, 0, 0, 0, PARIS);

  private UnderstandingBenchmark() {}

  static void run(
      ConfigurableApplicationContext context,
      Report report,
      Map<String, String> options,
      HttpApi api,
      LocalDate today)
      throws IOException {
    int rounds = Integer.parseInt(options.getOrDefault("understand-rounds", "20"));
    int httpRounds = Integer.parseInt(options.getOrDefault("understand-http-rounds", "3"));
    int warmup = Integer.parseInt(options.getOrDefault("understand-warmup", "10"));
    PracticeDirectory directory = context.getBean(PracticeDirectory.class);
    if (directory.snapshot().providers().stream()
        .noneMatch(p -> p.familyName().equals("Phillips"))) {
      DemoPractice.create(context.getBean(PracticeAdministration.class), today);
    }
    PracticeSnapshot snapshot = directory.snapshot();
    Understander understander = context.getBean(Understander.class);
    JsonMapper json = context.getBean(JsonMapper.class);
    List<String> texts = new ArrayList<>();
    for (String language : List.of("fr", "en", "it")) {
      for (String line :
          Files.readAllLines(
              Path.of("src", "test", "resources", "assistant", "corpus", language + ".tsv"),
              StandardCharsets.UTF_8)) {
        if (!line.isBlank() && !line.startsWith("#")) {
          texts.add(line.split("\t", 2)[0]);
        }
      }
    }

    report.section("Understanding: one message, in process and over HTTP");
    long first = System.nanoTime();
    understander.understand(texts.getFirst(), NOW, null);
    double firstMillis = (System.nanoTime() - first) / 1e6;
    for (int r = 0; r < warmup; r++) {
      for (String text : texts) {
        understander.understand(text, NOW, null);
      }
    }
    for (String text : texts) {
      api.post("/api/v1/assistant/understand", body(json, text));
    }
    String load = Machine.load();
    Latencies inProcess = new Latencies();
    Latencies http = new Latencies();
    int half = Math.max(1, rounds / 2);
    int httpHalf = Math.max(1, httpRounds / 2);
    // Two alternating blocks per side: a drift of the machine shows on both.
    for (int block = 0; block < 2; block++) {
      for (int r = 0; r < (block == 0 ? half : rounds - half); r++) {
        for (String text : texts) {
          long start = System.nanoTime();
          understander.understand(text, NOW, null);
          inProcess.since(start);
        }
      }
      for (int r = 0; r < (block == 0 ? httpHalf : Math.max(1, httpRounds - httpHalf)); r++) {
        for (String text : texts) {
          String payload = body(json, text);
          long start = System.nanoTime();
          var response = api.post("/api/v1/assistant/understand", payload);
          http.since(start);
          if (response.statusCode() != 200) {
            throw new IllegalStateException("understand answered " + response.statusCode());
          }
        }
      }
    }
    Latencies.Summary local = inProcess.take();
    Latencies.Summary remote = http.take();
    report.line(
        String.format(
            Locale.ROOT,
            "%d corpus sentences (fr, en, it; %d to %d characters), one caller at a time, against a"
                + " practice of %d providers and %d appointment types. Warm-up: %d rounds in"
                + " process, 1 over HTTP; measured: %d rounds in process, %d over HTTP, in two"
                + " alternating blocks. First call after startup (language models preloaded in the"
                + " background at startup): %.1f ms. Load before: %s; after: %s.",
            texts.size(),
            texts.stream().mapToInt(String::length).min().orElse(0),
            texts.stream().mapToInt(String::length).max().orElse(0),
            snapshot.providers().size(),
            snapshot.appointmentTypes().size(),
            warmup,
            rounds,
            httpRounds,
            firstMillis,
            load,
            Machine.load()));
    report.line("");
    report.line("| side | samples | p50 ms | p90 ms | p99 ms | max ms | mean ms |");
    report.line("|---|---:|---:|---:|---:|---:|---:|");
    report.latency("in process (`Understander.understand`)", local);
    report.latency("HTTP (`POST /api/v1/assistant/understand`)", remote);
  }

  private static String body(JsonMapper json, String text) {
    return json.writeValueAsString(
        Map.of("text", text, "now", NOW.toOffsetDateTime().toString(), "zone", "Europe/Paris"));
  }
}
