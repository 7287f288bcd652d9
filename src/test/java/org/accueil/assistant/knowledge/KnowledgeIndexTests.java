package org.accueil.assistant.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.assistant.knowledge.internal.KnowledgeAnalyzers;
import org.accueil.assistant.knowledge.internal.KnowledgeIndex;
import org.accueil.assistant.knowledge.internal.KnowledgeIndex.Doc;
import org.accueil.assistant.knowledge.internal.KnowledgeIndex.Hit;
import org.accueil.demo.DemoKnowledge;
import org.accueil.practice.LocalizedText;
import org.junit.jupiter.api.Test;

/**
 * Retrieval alone, without Spring: the demo entries indexed, and every question of the corpus
 * (except those about an appointment type's own preparation, which KnowledgeBaseTests covers)
 * answered by the right entry or by none.
 */
class KnowledgeIndexTests {

  static final KnowledgeIndex INDEX =
      KnowledgeIndex.of(
          DemoKnowledge.ENTRIES.stream()
              .map(
                  e ->
                      new Doc(
                          UUID.randomUUID(),
                          null,
                          e.topic(),
                          e.question(),
                          e.answer(),
                          e.keywords() == null ? LocalizedText.EMPTY : e.keywords(),
                          e.mapUrl()))
              .toList());

  @Test
  void everyQuestionOfTheCorpusGetsTheRightEntryOrNone() {
    List<String> wrong = new ArrayList<>();
    int asked = 0;
    for (KnowledgeQuestions q : KnowledgeQuestions.all()) {
      if (q.typeCode() != null) {
        continue;
      }
      asked++;
      String language = KnowledgeAnalyzers.language(q.language());
      Optional<Hit> hit =
          MedicalAdvice.sought(q.question())
              ? Optional.empty()
              : INDEX.best(language, q.question());
      boolean right =
          q.unanswered()
              ? hit.isEmpty()
              : hit.isPresent() && q.fits(hit.get().doc().topic(), hit.get().doc().question().en());
      if (!right) {
        wrong.add(
            q
                + ", got "
                + hit.map(h -> h.doc().topic() + " \"" + h.doc().question().en() + "\" " + h)
                    .orElse("nothing")
                + " | top: "
                + INDEX.search(language, q.question(), 2).stream()
                    .map(
                        h ->
                            h.doc().question().en()
                                + String.format(" %.2f/%.2f", h.score(), h.coverage()))
                    .toList());
      }
    }
    assertThat(asked).isGreaterThan(90);
    assertThat(wrong).isEmpty();
  }
}
