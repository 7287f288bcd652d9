package org.accueil.assistant.knowledge;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The corpus of patients' questions to the demo practice (knowledge-questions.tsv). */
record KnowledgeQuestions(Locale language, String question, String expected) {

  static List<KnowledgeQuestions> all() {
    try (InputStream in =
        KnowledgeQuestions.class.getResourceAsStream("/assistant/knowledge-questions.tsv")) {
      List<KnowledgeQuestions> lines = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t");
        lines.add(
            new KnowledgeQuestions(Locale.forLanguageTag(cells[0]), cells[1], cells[2].strip()));
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  boolean unanswered() {
    return expected.equals("-");
  }

  /** The appointment type code whose own preparation must answer, if that is what is expected. */
  @Nullable String typeCode() {
    return expected.startsWith("preparation@") ? expected.substring("preparation@".length()) : null;
  }

  /** Whether an entry of this topic whose English question is {@code englishQuestion} fits. */
  boolean fits(String topic, String englishQuestion) {
    return Arrays.stream(expected.split("\\|"))
        .anyMatch(
            one -> {
              String[] parts = one.split("/", 2);
              return parts[0].equals(topic)
                  && (parts.length == 1
                      || englishQuestion
                          .toLowerCase(Locale.ROOT)
                          .contains(parts[1].toLowerCase(Locale.ROOT)));
            });
  }

  @Override
  public String toString() {
    return language.getLanguage() + " \"" + question + "\" → " + expected;
  }
}
