package org.accueil.assistant.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.SecondNode;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Two nodes on one database: an entry written on one is what the assistant on the other answers
 * from at its next question, and one removed is no longer answered there.
 */
@AccueilTest
class KnowledgeTwoNodesTests {

  static ConfigurableApplicationContext secondNode;

  @Autowired Api firstNode;

  @BeforeAll
  static void startTheSecondNode(@Autowired Environment firstNodeEnvironment) {
    secondNode = SecondNode.start(firstNodeEnvironment);
  }

  @AfterAll
  static void stopTheSecondNode() {
    if (secondNode != null) {
      secondNode.close();
    }
  }

  @Test
  void aChangeMadeOnOneNodeIsAnsweredFromOnTheOther() {
    KnowledgeBase onTheSecondNode = secondNode.getBean(KnowledgeBase.class);
    String word = "plim" + Tags.letters().toLowerCase(Locale.ROOT);
    String question = "Vous avez un " + word + " ?";
    assertThat(onTheSecondNode.answer(question, Locale.FRENCH)).isEmpty();

    var created =
        firstNode.post(
            "/api/v1/assistant/knowledge",
            Map.of(
                "topic", "other",
                "question", Map.of("fr", "Avez-vous un " + word + " ?", "en", "", "it", ""),
                "answer",
                    Map.of("fr", "Oui, un " + word + " est à l'accueil.", "en", "", "it", "")));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);

    assertThat(onTheSecondNode.answer(question, Locale.FRENCH))
        .get()
        .extracting(KnowledgeAnswer::answer)
        .isEqualTo("Oui, un " + word + " est à l'accueil.");

    assertThat(firstNode.delete("/api/v1/assistant/knowledge/" + created.string("id")).status())
        .isEqualTo(204);

    assertThat(onTheSecondNode.answer(question, Locale.FRENCH)).isEmpty();
  }
}
