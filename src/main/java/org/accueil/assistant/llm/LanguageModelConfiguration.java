package org.accueil.assistant.llm;

import dev.langchain4j.http.client.jdk.JdkHttpClientBuilder;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.http.HttpClient;
import java.util.Objects;
import org.accueil.assistant.understanding.IntentAdvisor;
import org.accueil.assistant.understanding.ReplyPhraser;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The language-model mode's beans, present only when {@code accueil.assistant.llm.enabled=true}:
 * without them the understanding has no {@link IntentAdvisor} and replies go out in the dialogue's
 * own words.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "accueil.assistant.llm.enabled", havingValue = "true")
@EnableConfigurationProperties(LanguageModelProperties.class)
class LanguageModelConfiguration {

  @Bean
  ChatModel languageModel(LanguageModelProperties properties) {
    return chatModel(properties);
  }

  @Bean
  IntentAdvisor languageModelIntentAdvisor(ChatModel languageModel) {
    return new ModelIntentAdvisor(languageModel);
  }

  @Bean
  ReplyPhraser languageModelReplyPhraser(ChatModel languageModel) {
    return new ModelReplyPhraser(languageModel);
  }

  static ChatModel chatModel(LanguageModelProperties properties) {
    return OpenAiChatModel.builder()
        .baseUrl(Objects.requireNonNull(properties.baseUrl()).strip())
        .modelName(properties.model())
        .apiKey(properties.apiKey())
        .temperature(properties.temperature())
        .timeout(properties.timeout())
        // No retry: a patient is waiting, and without an answer the rules' answer and the
        // dialogue's own words stand.
        .maxRetries(0)
        // HTTP/1.1: over plain http the JDK client would otherwise ask local servers (Ollama,
        // vLLM, llama.cpp) to upgrade to h2c, which some of them answer badly.
        .httpClientBuilder(
            new JdkHttpClientBuilder()
                .httpClientBuilder(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)))
        // Never on: requests and answers carry the patient's words.
        .logRequests(false)
        .logResponses(false)
        .build();
  }
}
