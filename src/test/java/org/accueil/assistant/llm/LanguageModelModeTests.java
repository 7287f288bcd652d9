package org.accueil.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.accueil.assistant.understanding.Intent;
import org.accueil.assistant.understanding.IntentAdvisor;
import org.accueil.assistant.understanding.ReplyPhraser;
import org.accueil.testing.AccueilTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with the mode turned on: it starts with LangChain4j (and its Jackson 2)
 * beside Spring Boot's Jackson 3, and the advisor it exposes asks the configured endpoint.
 */
@AccueilTest
class LanguageModelModeTests {

  private static final RecordedOpenAi openAi = new RecordedOpenAi();

  @DynamicPropertySource
  static void endpoint(DynamicPropertyRegistry properties) {
    properties.add("accueil.assistant.llm.enabled", () -> "true");
    properties.add("accueil.assistant.llm.base-url", openAi::baseUrl);
    properties.add("accueil.assistant.llm.model", () -> RecordedOpenAi.MODEL);
    properties.add("accueil.assistant.llm.api-key", () -> RecordedOpenAi.API_KEY);
  }

  @AfterAll
  static void stop() {
    openAi.close();
  }

  @Autowired IntentAdvisor advisor;
  @Autowired ReplyPhraser phraser;

  @Test
  void theApplicationsAdvisorAsksTheConfiguredEndpoint() {
    openAi.replaying("intent-book");

    assertThat(
            advisor.propose(
                "Ma fille a besoin de voir quelqu'un pour son eczéma, vous auriez quelque chose"
                    + " jeudi ?",
                Locale.FRENCH))
        .contains(Intent.BOOK);
    assertThat(openAi.replayed()).isOne();
    assertThat(phraser).isInstanceOf(ModelReplyPhraser.class);
  }
}
