package org.accueil.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import org.accueil.assistant.understanding.IntentAdvisor;
import org.accueil.assistant.understanding.ReplyPhraser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The mode's beans exist only when it is turned on, and a half configuration stops the start. */
class LanguageModelConfigurationTests {

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(LanguageModelConfiguration.class);

  @Test
  void isOffUnlessTurnedOnSoNoPatientTextLeavesTheServer() {
    context
        .withPropertyValues(
            "accueil.assistant.llm.base-url=http://localhost:11434/v1",
            "accueil.assistant.llm.model=llama3.1:8b")
        .run(
            started -> {
              assertThat(started).hasNotFailed();
              assertThat(started).doesNotHaveBean(IntentAdvisor.class);
              assertThat(started).doesNotHaveBean(ReplyPhraser.class);
              assertThat(started).doesNotHaveBean(ChatModel.class);
            });
  }

  @Test
  void turnedOnItAdvisesAndPhrasesWithTheConfiguredEndpoint() {
    context
        .withPropertyValues(
            "accueil.assistant.llm.enabled=true",
            "accueil.assistant.llm.base-url=http://localhost:11434/v1",
            "accueil.assistant.llm.model=llama3.1:8b",
            "accueil.assistant.llm.timeout=2s")
        .run(
            started -> {
              assertThat(started).hasSingleBean(IntentAdvisor.class);
              assertThat(started).hasSingleBean(ReplyPhraser.class);
              LanguageModelProperties properties = started.getBean(LanguageModelProperties.class);
              assertThat(properties.apiKey()).isNull();
              assertThat(properties.temperature()).isZero();
              assertThat(properties.timeout()).hasSeconds(2);
            });
  }

  @Test
  void turnedOnWithoutAnEndpointItRefusesToStartAndSaysWhatIsMissing() {
    context
        .withPropertyValues(
            "accueil.assistant.llm.enabled=true", "accueil.assistant.llm.model=llama3.1:8b")
        .run(
            started ->
                assertThat(started)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("accueil.assistant.llm.base-url is not set"));
    context
        .withPropertyValues(
            "accueil.assistant.llm.enabled=true",
            "accueil.assistant.llm.base-url=http://localhost:11434/v1")
        .run(
            started ->
                assertThat(started)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("accueil.assistant.llm.model is not set"));
    context
        .withPropertyValues(
            "accueil.assistant.llm.enabled=true",
            "accueil.assistant.llm.base-url=localhost:11434",
            "accueil.assistant.llm.model=llama3.1:8b")
        .run(
            started ->
                assertThat(started)
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("must be an http or https URL"));
  }
}
