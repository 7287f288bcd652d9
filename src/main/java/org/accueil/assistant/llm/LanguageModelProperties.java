package org.accueil.assistant.llm;

import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.assistant.llm.*}: the OpenAI-compatible endpoint of the optional language-model
 * mode.
 *
 * @param enabled whether the mode is on; off, no patient text ever leaves the server for a model
 * @param baseUrl the API's base, up to and including its version, e.g. {@code
 *     https://api.openai.com/v1} or {@code http://localhost:11434/v1} (Ollama); {@code
 *     /chat/completions} is appended
 * @param model the model's name at that endpoint, e.g. {@code gpt-4.1-mini} or {@code llama3.1:8b}
 * @param apiKey sent as {@code Authorization: Bearer}; unset for local servers that need none
 * @param timeout for connecting and for the whole answer; past it the rules' answer and the
 *     dialogue's own words stand
 * @param temperature 0 gives the same answer to the same message, as far as the server allows
 */
@ConfigurationProperties("accueil.assistant.llm")
record LanguageModelProperties(
    @DefaultValue("false") boolean enabled,
    @Nullable String baseUrl,
    @Nullable String model,
    @Nullable String apiKey,
    @DefaultValue("5s") Duration timeout,
    @DefaultValue("0") double temperature) {

  LanguageModelProperties {
    if (enabled) {
      if (baseUrl == null || baseUrl.isBlank()) {
        throw new IllegalArgumentException(
            "accueil.assistant.llm.enabled is true but accueil.assistant.llm.base-url is not set;"
                + " give the OpenAI-compatible API's base, e.g. http://localhost:11434/v1");
      }
      String scheme = URI.create(baseUrl.strip()).getScheme();
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException(
            "accueil.assistant.llm.base-url must be an http or https URL, e.g."
                + " https://api.openai.com/v1");
      }
      if (model == null || model.isBlank()) {
        throw new IllegalArgumentException(
            "accueil.assistant.llm.enabled is true but accueil.assistant.llm.model is not set;"
                + " give the model's name at the endpoint, e.g. llama3.1:8b");
      }
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("accueil.assistant.llm.timeout must be positive");
    }
    if (temperature < 0 || temperature > 2) {
      throw new IllegalArgumentException(
          "accueil.assistant.llm.temperature must be between 0 and 2");
    }
    if (apiKey != null && apiKey.isBlank()) {
      apiKey = null;
    }
  }
}
