package org.accueil.assistant.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.accueil.assistant.knowledge.internal.KnowledgeAnalyzers;
import org.junit.jupiter.api.Test;

/** What a patient types and what the practice wrote meet on the same terms. */
class KnowledgeAnalyzersTests {

  @Test
  void frenchDropsElisionAccentsQuestionWordsAndVerbEndings() {
    assertThat(KnowledgeAnalyzers.terms("fr", "Où est l’adresse du médecin ?"))
        .isEqualTo(KnowledgeAnalyzers.terms("fr", "adresse medecin"));
    assertThat(KnowledgeAnalyzers.terms("fr", "Qu'est-ce que je dois apporter ?"))
        .isEqualTo(KnowledgeAnalyzers.terms("fr", "Apportez"));
    assertThat(KnowledgeAnalyzers.terms("fr", "Pouvez-vous me dire si vous êtes ouverts ?"))
        .isEqualTo(KnowledgeAnalyzers.terms("fr", "ouvert"));
  }

  @Test
  void englishStemsAndDropsTheWordsEveryQuestionHas() {
    assertThat(KnowledgeAnalyzers.terms("en", "Where can I park my car?"))
        .isEqualTo(KnowledgeAnalyzers.terms("en", "parking car"));
    assertThat(KnowledgeAnalyzers.terms("en", "What's the doctor's fee?"))
        .isEqualTo(KnowledgeAnalyzers.terms("en", "fees"));
  }

  @Test
  void italianDropsElisionAccentsAndEndings() {
    assertThat(KnowledgeAnalyzers.terms("it", "Qual è l'indirizzo dell'ambulatorio?"))
        .isEqualTo(KnowledgeAnalyzers.terms("it", "indirizzi ambulatorio"));
    assertThat(KnowledgeAnalyzers.terms("it", "Dove posso parcheggiare la macchina?"))
        .containsExactlyElementsOf(KnowledgeAnalyzers.terms("it", "parcheggiare macchine"));
  }
}
