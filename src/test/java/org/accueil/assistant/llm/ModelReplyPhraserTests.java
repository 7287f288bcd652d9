package org.accueil.assistant.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The reply phraser against recorded OpenAI Chat Completions exchanges, and its fact check. */
class ModelReplyPhraserTests {

  private final RecordedOpenAi openAi = new RecordedOpenAi();

  @AfterEach
  void stop() {
    openAi.close();
  }

  private ModelReplyPhraser phraser() {
    return new ModelReplyPhraser(
        LanguageModelConfiguration.chatModel(openAi.properties(Duration.ofSeconds(5))));
  }

  @Test
  void keepsAPhrasingThatKeepsEveryFact() {
    openAi.replaying("phrase-kept");
    String reply =
        "Your appointment with Dr Emma Phillips is booked for Monday 7 December at 9:30, 42 High"
            + " Street. To cancel: https://accueil.example/c/7Hq2";
    String patient = "Can I see the dermatologist on Monday morning? It's about a mole.";

    assertThat(phraser().phrase(reply, Locale.ENGLISH, patient))
        .isEqualTo(
            "Lovely, you're all set! Dr Emma Phillips will see you on Monday 7 December at 9:30,"
                + " at 42 High Street. If you need to cancel: https://accueil.example/c/7Hq2");
    assertThat(openAi.replayed()).isOne();

    RecordedOpenAi.Received request = openAi.lastRequest();
    assertThat(request.authorization()).isEqualTo("Bearer " + RecordedOpenAi.API_KEY);
    JsonNode body = request.json();
    assertThat(body.path("model").asString()).isEqualTo(RecordedOpenAi.MODEL);
    assertThat(body.path("messages").get(0).path("content").asString())
        .contains("Write in English only");
    assertThat(body.path("messages").get(1).path("content").asString())
        .contains(patient)
        .contains(reply);
    assertThat(body.has("response_format")).isFalse();
  }

  @Test
  void discardsAPhrasingThatLostTheTimeForTheDialoguesOwnWords() {
    openAi.replaying("phrase-lost-time");
    String reply =
        "Votre rendez-vous avec le Dr Sofia Martinez est confirmé jeudi 10 décembre à 14h30.";

    assertThat(
            phraser()
                .phrase(reply, Locale.FRENCH, "C'est bien jeudi pour ma fille ? Merci beaucoup"))
        .isEqualTo(reply);
    assertThat(openAi.replayed()).isOne();
  }

  @Test
  void aServerErrorLeavesTheDialoguesOwnWords() {
    openAi.replaying("phrase-server-error", 500);
    String reply = "Le cabinet est ouvert du lundi au vendredi de 8h à 19h.";

    assertThat(phraser().phrase(reply, Locale.FRENCH, "Vous êtes ouverts quand ?"))
        .isEqualTo(reply);
    assertThat(openAi.replayed()).isOne();
  }

  @Test
  void aPhrasingMayReorderAndWarmUpButNotLoseOrInventAFact() {
    String reply = "Il dottor Wei Chen può vederla lunedì 14 dicembre alle 11:00.";
    String patient = "Vorrei un appuntamento";

    assertThat(
            ModelReplyPhraser.flaw(
                reply,
                "Ottima notizia! Lunedì 14 dicembre alle 11:00 il dottor Wei Chen può vederla.",
                Locale.ITALIAN,
                patient))
        .isEmpty();
    assertThat(
            ModelReplyPhraser.flaw(
                reply,
                "Il dottor Wei Chen può vederla lunedì alle 11:00.",
                Locale.ITALIAN,
                patient))
        .contains("lost a number");
    assertThat(
            ModelReplyPhraser.flaw(
                reply,
                "Il dottor Chen può vederla il 14 dicembre alle 11:00.",
                Locale.ITALIAN,
                patient))
        .contains("lost a name");
    assertThat(
            ModelReplyPhraser.flaw(
                reply,
                "Il dottor Wei Chen può vederla il 14 dicembre alle 11:00.",
                Locale.ITALIAN,
                patient))
        .contains("lost a date word");
    assertThat(
            ModelReplyPhraser.flaw(
                reply,
                "Il dottor Wei Chen può vederla lunedì 14 dicembre alle 11:00, o alle 15:00.",
                Locale.ITALIAN,
                patient))
        .contains("added a number");
    assertThat(
            ModelReplyPhraser.flaw(
                reply,
                "Il dottor Wei Chen può vederla lunedì 14 dicembre alle 11:00, o la dottoressa"
                    + " Anna Smith.",
                Locale.ITALIAN,
                patient))
        .contains("added a name");
  }

  @Test
  void anElidedArticleHidesNoDateWordAndNoName() {
    String reply =
        "Le Dr Marc Johnson vous reçoit demain dans l'après-midi, à 15h, avec l'accord d'Inès.";

    assertThat(
            ModelReplyPhraser.flaw(
                reply,
                "C'est noté : demain à 15h, dans l'après-midi, le Dr Marc Johnson vous reçoit avec"
                    + " l'accord d'Inès.",
                Locale.FRENCH,
                ""))
        .isEmpty();
    assertThat(
            ModelReplyPhraser.flaw(
                reply,
                "Le Dr Marc Johnson vous reçoit demain à 15h, avec l'accord d'Inès.",
                Locale.FRENCH,
                ""))
        .contains("lost a date word");
    assertThat(
            ModelReplyPhraser.flaw(
                reply,
                "Le Dr Marc Johnson vous reçoit demain dans l'après-midi, à 15h, avec son accord.",
                Locale.FRENCH,
                ""))
        .contains("lost a name");
  }

  @Test
  void aPhrasingThatSaysNoWhereTheReplyDidNotOrTheOtherWayRoundIsDiscarded() {
    String free = "Dr Anna Smith has a free slot on Friday at 16:45.";
    String none = "Dr Anna Smith has no free slot on Friday at 16:45.";

    assertThat(
            ModelReplyPhraser.flaw(
                free, "Good news: Dr Anna Smith can see you Friday at 16:45.", Locale.ENGLISH, ""))
        .isEmpty();
    assertThat(
            ModelReplyPhraser.flaw(
                free, "Sorry, Dr Anna Smith isn't free on Friday at 16:45.", Locale.ENGLISH, ""))
        .contains("added a negation");
    assertThat(
            ModelReplyPhraser.flaw(
                none, "Dr Anna Smith is free on Friday at 16:45.", Locale.ENGLISH, ""))
        .contains("lost a negation");
    assertThat(
            ModelReplyPhraser.flaw(
                "Le Dr Smith n'est pas disponible vendredi à 16h45.",
                "Le Dr Smith n'a aucune place vendredi à 16h45, désolé !",
                Locale.FRENCH,
                ""))
        .isEmpty();
  }

  @Test
  void aPhrasingInAnotherLanguageIsDiscarded() {
    String reply = "Votre rendez-vous avec le Dr Wei Chen est confirmé pour le 9 décembre à 10h.";

    assertThat(
            ModelReplyPhraser.flaw(
                reply,
                "Your appointment with Dr Wei Chen is confirmed for 9 décembre at 10h.",
                Locale.FRENCH,
                ""))
        .contains("changed language");
    assertThat(
            ModelReplyPhraser.flaw(
                reply,
                "C'est confirmé : le Dr Wei Chen vous attend le 9 décembre à 10h.",
                Locale.FRENCH,
                ""))
        .isEmpty();
  }

  @Test
  void aPhrasingMuchLongerThanTheReplySaysMoreThanItAndIsDiscarded() {
    String reply = "C'est noté, à jeudi 9h.";
    String phrasing = "C'est noté, à jeudi 9h. " + "Nous avons hâte de vous accueillir. ".repeat(2);

    assertThat(ModelReplyPhraser.flaw(reply, phrasing, Locale.FRENCH, "ok"))
        .contains("more than 2.5 times as long");
  }

  @Test
  void aTitlesFullStopEndsNoSentenceSoTheNameAfterItIsAFact() {
    String reply = "Please see Dr. Phillips at 10:15.";

    assertThat(
            ModelReplyPhraser.flaw(
                reply, "Dr. Phillips will see you at 10:15.", Locale.ENGLISH, ""))
        .isEmpty();
    assertThat(
            ModelReplyPhraser.flaw(reply, "The doctor will see you at 10:15.", Locale.ENGLISH, ""))
        .contains("lost a name");
  }

  @Test
  void linksAndAddressesMustComeThroughWhole() {
    String reply =
        "Confirm here: https://accueil.example/r/AbC9. Questions: desk@riverside.example";

    assertThat(
            ModelReplyPhraser.flaw(
                reply,
                "Please confirm at https://accueil.example/r/AbC9, and write to"
                    + " desk@riverside.example with any questions.",
                Locale.ENGLISH,
                ""))
        .isEmpty();
    assertThat(
            ModelReplyPhraser.flaw(
                reply,
                "Please confirm at https://accueil.example/r/AbC, and write to"
                    + " desk@riverside.example with any questions.",
                Locale.ENGLISH,
                ""))
        .contains("lost a link");
  }

  @Test
  void quotesAndFencesAroundTheAnswerAreNotPartOfIt() {
    assertThat(ModelReplyPhraser.unquoted("  \"À jeudi 9h !\"\n")).isEqualTo("À jeudi 9h !");
    assertThat(ModelReplyPhraser.unquoted("```\nÀ jeudi 9h !\n```")).isEqualTo("À jeudi 9h !");
    assertThat(ModelReplyPhraser.unquoted("Il a dit \"oui\"")).isEqualTo("Il a dit \"oui\"");
  }
}
