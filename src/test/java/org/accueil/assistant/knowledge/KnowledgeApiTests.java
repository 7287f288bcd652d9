package org.accueil.assistant.knowledge;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.AuditEvents;
import org.accueil.testing.StaffSessions;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Administrators write the knowledge base over HTTP; staff try questions on it. */
@AccueilTest
class KnowledgeApiTests {

  static final String KNOWLEDGE = "/api/v1/assistant/knowledge";

  @Autowired Api api;
  @Autowired StaffSessions sessions;
  @Autowired AuditEvents audit;
  @Autowired KnowledgeBase knowledge;

  @Test
  void anEntryAddedIsAnsweredAtOnceChangedIsAnsweredAnewAndRemovedIsNoLongerAnswered() {
    String word = word();
    var created = api.post(KNOWLEDGE, entry("other", "Do you rent " + word + "s?", word));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.string("id");
    assertThat(created.header("Location")).isEqualTo(KNOWLEDGE + "/" + id);
    assertThat(created.body().path("question").path("en").asString())
        .isEqualTo("Do you rent " + word + "s?");
    assertThat(api.get(KNOWLEDGE).body().toString()).contains(id);
    assertThat(knowledge.answer("can I rent a " + word + "?", Locale.ENGLISH))
        .get()
        .extracting(KnowledgeAnswer::entryId)
        .hasToString(id);
    assertThat(audit.of("knowledge-entry.create", id)).hasSize(1);

    String other = word();
    var changed =
        api.put(KNOWLEDGE + "/" + id, entry("other", "Do you lend " + other + "s?", other));

    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(knowledge.answer("can I borrow a " + other + "?", Locale.ENGLISH)).isPresent();
    assertThat(knowledge.answer("can I rent a " + word + "?", Locale.ENGLISH)).isEmpty();
    assertThat(audit.of("knowledge-entry.update", id)).hasSize(1);

    assertThat(api.delete(KNOWLEDGE + "/" + id).status()).isEqualTo(204);

    assertThat(knowledge.answer("can I borrow a " + other + "?", Locale.ENGLISH)).isEmpty();
    assertThat(api.get(KNOWLEDGE + "/" + id).status()).isEqualTo(404);
    assertThat(audit.of("knowledge-entry.delete", id)).hasSize(1);
  }

  @Test
  void staffTryAQuestionAndSeeWhatTheAssistantWouldAnswerAndWhy() {
    String word = word();
    String id =
        api.post(KNOWLEDGE, entry("services", "Do you have a " + word + "?", word)).string("id");
    Api frontDesk = sessions.signIn(List.of("FRONT_DESK"), null);
    try {
      JsonNode found =
          frontDesk.get(KNOWLEDGE + "/search?q=any%20" + word + "%3F&language=en").body();

      assertThat(found.path("language").asString()).isEqualTo("en");
      assertThat(found.path("answer").path("entryId").asString()).isEqualTo(id);
      assertThat(found.path("answer").path("answer").asString()).contains(word);
      assertThat(found.path("medicalAdvice").asBoolean()).isFalse();
      JsonNode best = found.path("hits").get(0);
      assertThat(best.path("entryId").asString()).isEqualTo(id);
      assertThat(best.path("score").asDouble()).isPositive();
      assertThat(best.path("coverage").asDouble()).isEqualTo(1.0);
      assertThat(best.path("confident").asBoolean()).isTrue();

      JsonNode medical =
          frontDesk
              .get(KNOWLEDGE + "/search?q=what%20dose%20for%20my%20" + word + "&language=en")
              .body();
      assertThat(medical.path("answer").isNull()).isTrue();
      assertThat(medical.path("medicalAdvice").asBoolean()).isTrue();

      assertThat(frontDesk.post(KNOWLEDGE, entry("other", "Q?", word)).status())
          .as("staff read, administrators write")
          .isEqualTo(403);
    } finally {
      api.delete(KNOWLEDGE + "/" + id);
    }
  }

  @Test
  void anEntryWithoutATopicWeKnowOrWithoutAnyQuestionOrAnswerIsRefusedWithWhatToFix() {
    String word = word();
    assertThatProblem(api.post(KNOWLEDGE, entry("weather", "Is it sunny?", word)))
        .is(400, "invalid-request")
        .naming("topic");

    Map<String, Object> noQuestion = entry("other", "", word);
    assertThatProblem(api.post(KNOWLEDGE, noQuestion))
        .is(422, "knowledge-question-missing")
        .naming("question");

    Map<String, Object> noAnswer = entry("other", "Any " + word + "?", word);
    noAnswer.put("answer", Map.of("fr", "", "en", " ", "it", ""));
    assertThatProblem(api.post(KNOWLEDGE, noAnswer))
        .is(422, "knowledge-answer-missing")
        .naming("answer");

    Map<String, Object> badMap = entry("directions", "Where is the " + word + "?", word);
    badMap.put("mapUrl", "javascript:alert(1)");
    assertThatProblem(api.post(KNOWLEDGE, badMap)).is(400, "invalid-request").naming("mapUrl");

    Map<String, Object> unknownType = entry("preparation", "How to prepare " + word + "?", word);
    unknownType.put("appointmentTypeId", UUID.randomUUID().toString());
    assertThatProblem(api.post(KNOWLEDGE, unknownType))
        .is(422, "knowledge-unknown-type")
        .naming("appointmentTypeId");

    assertThatProblem(
            api.put(KNOWLEDGE + "/" + UUID.randomUUID(), entry("other", "Any " + word + "?", word)))
        .is(404, "not-found");
    assertThatProblem(api.get(KNOWLEDGE + "/search?q=parking&language=de"))
        .is(400, "knowledge-language");
    assertThatProblem(api.get(KNOWLEDGE + "/search?q=%20&language=en")).is(400, "knowledge-query");
    assertThat(api.get(KNOWLEDGE).body().toString()).doesNotContain(word);
  }

  @Test
  void aRefusalReadsInTheCallersLanguage() {
    var refused = api.with("Accept-Language", "fr").post(KNOWLEDGE, entry("other", "", word()));

    assertThatProblem(refused)
        .is(422, "knowledge-question-missing")
        .withDetailContaining("au moins une langue");
  }

  private static String word() {
    return "quix" + Tags.letters().toLowerCase(Locale.ROOT);
  }

  private static Map<String, Object> entry(String topic, String englishQuestion, String word) {
    Map<String, Object> entry = new HashMap<>();
    entry.put("topic", topic);
    entry.put("question", Map.of("fr", "", "en", englishQuestion, "it", ""));
    entry.put(
        "answer",
        Map.of(
            "fr", "Oui, le " + word + " est à l'accueil.",
            "en", "Yes, the " + word + " is at reception.",
            "it", "Sì, il " + word + " è all'accoglienza."));
    entry.put("keywords", Map.of("fr", "", "en", "borrow lend rent", "it", ""));
    return entry;
  }
}
