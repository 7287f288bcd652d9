package org.accueil.assistant.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.accueil.demo.DemoKnowledge;
import org.accueil.demo.DemoPractice;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.LocalizedText;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Demo;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The demo practice's knowledge base as the assistant reads it: questions in three languages, the
 * keywords patients send (DIRECTIONS, INFO), preparation per appointment type, and what it must not
 * answer.
 */
@AccueilTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeBaseTests {

  @Autowired KnowledgeBase knowledge;
  @Autowired KnowledgeEntries entries;
  @Autowired Demo demo;

  DemoPractice practice;

  @BeforeAll
  void theDemoPracticeAndItsKnowledge() {
    practice = demo.practice();
    DemoKnowledge.ensure(entries);
  }

  @Test
  void everyQuestionOfTheCorpusGetsTheRightAnswerOrNoneInItsLanguage() {
    List<String> wrong = new ArrayList<>();
    for (KnowledgeQuestions q : KnowledgeQuestions.all()) {
      Optional<KnowledgeAnswer> answer = knowledge.answer(q.question(), q.language());
      boolean right;
      if (q.unanswered()) {
        right = answer.isEmpty();
      } else if (q.typeCode() != null) {
        AppointmentType type = practice.type(q.typeCode());
        right =
            answer.isPresent()
                && answer.get().entryId() == null
                && answer.get().answer().equals(type.preparation().in(q.language()));
      } else {
        right =
            answer.isPresent()
                && answer.get().entryId() != null
                && q.fits(answer.get().topic(), english(answer.get()));
      }
      if (answer.isPresent() && !answer.get().language().equals(q.language())) {
        right = false;
      }
      if (!right) {
        wrong.add(q + ", got " + answer.map(a -> a.topic() + ": " + a.question()).orElse("none"));
      }
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void theDirectionsKeywordGetsTheWayThereWithTheMapLinkInTheText() {
    KnowledgeAnswer directions = knowledge.topic("directions", Locale.FRENCH).orElseThrow();

    assertThat(directions.answer())
        .contains("Parmentier")
        .contains("https://www.openstreetmap.org/?mlat=48.86451&mlon=2.37702");
    assertThat(directions.mapUrl()).startsWith("https://www.openstreetmap.org/");
    assertThat(directions.language()).isEqualTo(Locale.FRENCH);
  }

  @Test
  void theInfoKeywordGetsTheHoursAndTheAddress() {
    KnowledgeAnswer info = knowledge.topic("info", Locale.ITALIAN).orElseThrow();

    assertThat(info.answer()).contains("42 High Street").contains("8:00").contains("12:30");
    assertThat(info.topic()).isEqualTo("info");
  }

  @Test
  void anAppointmentTypesPreparationIsReadFromThePracticeConfiguration() {
    AppointmentType injection = practice.type("joint-injection");

    KnowledgeAnswer answer = knowledge.preparation(injection.id(), Locale.ENGLISH).orElseThrow();

    assertThat(answer.entryId()).isNull();
    assertThat(answer.topic()).isEqualTo("preparation");
    assertThat(answer.answer())
        .isEqualTo("Wear loose clothing; arrange for someone to take you home.");
    assertThat(knowledge.preparation(practice.type("follow-up").id(), Locale.ENGLISH))
        .as("the follow-up has no preparation")
        .isEmpty();
  }

  @Test
  void aPreparationEntryWrittenForATypeComesBeforeTheTypesOwnText() {
    AppointmentType vaccination = practice.type("vaccination");
    KnowledgeEntry entry =
        entries.create(
            new KnowledgeEntryDetails(
                "preparation",
                vaccination.id().value(),
                new LocalizedText("Préparer la vaccination", "Preparing for a vaccination", ""),
                new LocalizedText(
                    "Apportez le carnet et le vaccin, gardez le bras dégagé.",
                    "Bring the record and the vaccine; wear a short-sleeved top.",
                    ""),
                null,
                null,
                true));
    try {
      KnowledgeAnswer answer =
          knowledge.preparation(vaccination.id(), Locale.ENGLISH).orElseThrow();
      assertThat(answer.entryId()).isEqualTo(entry.id());
      assertThat(answer.answer()).contains("short-sleeved");
    } finally {
      entries.delete(entry.id());
    }
    assertThat(knowledge.preparation(vaccination.id(), Locale.ENGLISH).orElseThrow().answer())
        .isEqualTo("Bring your vaccination record.");
  }

  @Test
  void anAnswerMissingInTheLanguageAskedComesInAnotherThepracticeSpeaksAndSaysSo() {
    String word = "zorblax" + Tags.letters().toLowerCase(Locale.ROOT);
    KnowledgeEntry entry =
        entries.create(
            new KnowledgeEntryDetails(
                "other",
                null,
                new LocalizedText("Avez-vous un " + word + " ?", "Do you have a " + word + "?", ""),
                new LocalizedText("", "Yes, the " + word + " is in room 3.", ""),
                null,
                null,
                true));
    try {
      KnowledgeAnswer answer =
          knowledge.answer("Vous avez un " + word + " ?", Locale.FRENCH).orElseThrow();

      assertThat(answer.entryId()).isEqualTo(entry.id());
      assertThat(answer.language()).isEqualTo(Locale.ENGLISH);
      assertThat(answer.answer())
          .startsWith("(Cette réponse n'est rédigée qu'en anglais pour l'instant.)")
          .endsWith("Yes, the " + word + " is in room 3.");
    } finally {
      entries.delete(entry.id());
    }
  }

  @Test
  void aMedicalQuestionIsNeverAnsweredEvenWhenAnEntrySharesItsWords() {
    assertThat(knowledge.answer("Do you treat eczema?", Locale.ENGLISH)).isPresent();

    assertThat(knowledge.answer("Should I stop my eczema cream?", Locale.ENGLISH)).isEmpty();
    assertThat(knowledge.answer("Mon eczéma est-il contagieux ?", Locale.FRENCH)).isEmpty();
    assertThat(knowledge.answer("Che dose di cortisone per l'eczema?", Locale.ITALIAN)).isEmpty();
  }

  @Test
  void staffSearchShowsTheClosestEntriesEvenBelowTheThreshold() {
    List<KnowledgeAnswer> hits = knowledge.search("parking taxi airport", Locale.ENGLISH, 3);

    assertThat(hits).isNotEmpty();
    assertThat(hits.getFirst().topic()).isEqualTo("parking");
    assertThat(hits.getFirst().score()).isPositive();
  }

  private static String english(KnowledgeAnswer answer) {
    return DemoKnowledge.ENTRIES.stream()
        .filter(
            e ->
                e.topic().equals(answer.topic())
                    && List.of(e.question().fr(), e.question().en(), e.question().it())
                        .contains(answer.question()))
        .map(e -> e.question().en())
        .findFirst()
        .orElse(answer.question());
  }
}
