package org.accueil.assistant.understanding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * An understanding corpus as the conventions define it: {@code text, intent, when, provider, type,
 * emergency} per line, tab-separated, {@code #} comments, {@code # now=...} changing the reference
 * time for the lines after it.
 */
record Corpus(String name, List<Corpus.Example> examples) {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 10, 9, 0, 0, 0, PARIS);

  record Expected(OffsetDateTime start, OffsetDateTime end, String grain) {}

  record Example(
      int line,
      String text,
      String intent,
      @Nullable Expected when,
      @Nullable String provider,
      @Nullable String type,
      boolean emergency,
      ZonedDateTime now) {}

  static Path resource(String relative) {
    return Path.of("src", "test", "resources", "assistant").resolve(relative);
  }

  static Corpus read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Example> examples = new ArrayList<>();
    ZonedDateTime now = NOW;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        String comment = line.substring(1).strip();
        if (comment.startsWith("now=")) {
          now = OffsetDateTime.parse(comment.substring(4).strip()).atZoneSameInstant(PARIS);
        }
        continue;
      }
      String[] cells = line.split("\t", -1);
      if (cells.length < 6) {
        throw new IllegalArgumentException(
            file.getFileName() + ":" + (i + 1) + " has " + cells.length + " columns, not 6");
      }
      examples.add(
          new Example(
              i + 1,
              cells[0],
              cells[1].strip().toLowerCase(Locale.ROOT),
              when(cells[2].strip()),
              dash(cells[3]),
              dash(cells[4]),
              Boolean.parseBoolean(cells[5].strip()),
              now));
    }
    return new Corpus(file.getFileName().toString(), examples);
  }

  private static @Nullable String dash(String cell) {
    String value = cell.strip();
    return value.isEmpty() || value.equals("-") ? null : value;
  }

  private static @Nullable Expected when(String cell) {
    if (cell.isEmpty() || cell.equals("-")) {
      return null;
    }
    String[] parts = cell.split("/");
    return new Expected(
        OffsetDateTime.parse(parts[0]), OffsetDateTime.parse(parts[1]), parts[2].strip());
  }
}
