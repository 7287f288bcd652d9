package org.accueil.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import org.accueil.assistant.understanding.IntentAdvisor;
import org.accueil.assistant.understanding.ReplyPhraser;
import org.accueil.testing.AccueilTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The application as installed: no language model, so no patient text leaves the server. */
@AccueilTest
class LanguageModelOffByDefaultTests {

  @Autowired ApplicationContext context;

  @Test
  void theApplicationHasNoLanguageModelUnlessTurnedOn() {
    assertThat(context.getBeanNamesForType(IntentAdvisor.class)).isEmpty();
    assertThat(context.getBeanNamesForType(ReplyPhraser.class)).isEmpty();
    assertThat(context.getBeanNamesForType(ChatModel.class)).isEmpty();
  }
}
