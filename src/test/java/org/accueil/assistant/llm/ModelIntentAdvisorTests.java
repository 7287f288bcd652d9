package org.accueil.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.accueil.assistant.understanding.Intent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The intent advisor against recorded OpenAI Chat Completions exchanges. */
class ModelIntentAdvisorTests {

  private final RecordedOpenAi openAi = new RecordedOpenAi();

  @AfterEach
  void stop() {
    openAi.close();
  }

  private ModelIntentAdvisor advisor(Duration timeout) {
    return new ModelIntentAdvisor(LanguageModelConfiguration.chatModel(openAi.properties(timeout)));
  }

  @Test
  void proposesTheIntentTheModelAnsweredSendingThePatientsWordsToTheConfiguredModelOnly() {
    openAi.replaying("intent-book");
    String text =
        "Ma fille a besoin de voir quelqu'un pour son eczéma, vous auriez quelque chose jeudi ?";

    assertThat(advisor(Duration.ofSeconds(5)).propose(text, Locale.FRENCH)).contains(Intent.BOOK);
    assertThat(openAi.replayed()).isOne();

    RecordedOpenAi.Received request = openAi.lastRequest();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.path()).isEqualTo("/v1/chat/completions");
    assertThat(request.authorization()).isEqualTo("Bearer " + RecordedOpenAi.API_KEY);
    JsonNode body = request.json();
    assertThat(body.path("model").asString()).isEqualTo(RecordedOpenAi.MODEL);
    assertThat(body.path("temperature").asDouble()).isZero();
    assertThat(body.path("response_format").path("type").asString()).isEqualTo("json_object");
    assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("system");
    assertThat(body.path("messages").get(0).path("content").asString())
        .contains("opt_out")
        .doesNotContain("emergency");
    assertThat(body.path("messages").get(1).path("role").asString()).isEqualTo("user");
    assertThat(body.path("messages").get(1).path("content").asString()).isEqualTo(text);
  }

  @Test
  void refusesAnEmergencyTheModelProposesBecauseOnlyTriageDecidesThat() {
    openAi.replaying("intent-emergency");

    assertThat(
            advisor(Duration.ofSeconds(5))
                .propose(
                    "J'ai une sensation bizarre depuis ce matin, je ne sais pas quoi faire",
                    Locale.FRENCH))
        .isEmpty();
    assertThat(openAi.replayed()).isOne();
  }

  @Test
  void aServerErrorIsNoOpinionAndIsNotTriedAgain() {
    openAi.replaying("intent-server-error", 500);

    assertThat(
            advisor(Duration.ofSeconds(5))
                .propose("Est-ce que je peux venir avec mon chien ?", Locale.FRENCH))
        .isEmpty();
    assertThat(openAi.replayed()).isOne();
    assertThat(openAi.received()).hasSize(1);
  }

  @Test
  void aModelTooSlowIsNoOpinionOnceTheTimeoutHasPassed() {
    openAi.replaying("intent-book").answeringAfter(Duration.ofSeconds(3));
    long start = System.nanoTime();

    assertThat(
            advisor(Duration.ofMillis(300))
                .propose(
                    "Ma fille a besoin de voir quelqu'un pour son eczéma, vous auriez quelque"
                        + " chose jeudi ?",
                    Locale.FRENCH))
        .isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void anEndpointThatIsNotThereIsNoOpinion() {
    LanguageModelProperties nowhere = openAi.properties(Duration.ofSeconds(1));
    openAi.close();

    assertThat(
            new ModelIntentAdvisor(LanguageModelConfiguration.chatModel(nowhere))
                .propose("Vous êtes ouverts samedi ?", Locale.FRENCH))
        .isEmpty();
  }

  @Test
  void readsTheCodeThroughWhatSmallModelsWrapAroundIt() {
    assertThat(ModelIntentAdvisor.code("{\"intent\": \"book\"}")).isEqualTo("book");
    assertThat(ModelIntentAdvisor.code("```json\n{\"intent\": \"Opt-Out\"}\n```"))
        .isEqualTo("opt_out");
    assertThat(ModelIntentAdvisor.code("Sure! {\"intent\":\"directions\"} Hope it helps."))
        .isEqualTo("directions");
    assertThat(ModelIntentAdvisor.code("\"reschedule\"")).isEqualTo("reschedule");
    assertThat(ModelIntentAdvisor.code("{\"intent\": 3}")).isNull();
    assertThat(ModelIntentAdvisor.code("{\"intent\": ")).isNull();
    assertThat(ModelIntentAdvisor.code("I think the patient would like to book a visit")).isNull();
    assertThat(ModelIntentAdvisor.code("")).isNull();
    assertThat(ModelIntentAdvisor.code(null)).isNull();
  }
}
