package org.accueil.assistant.understanding;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocalizedText;
import org.accueil.practice.PracticeProfile;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.VisitMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The understander's own rules, without Spring: advisor, language fallbacks, a practice's words.
 */
class UnderstanderTests {

  static final PracticeSnapshot DEMO = DemoSnapshot.create();
  static Understander demo;

  @BeforeAll
  static void models() {
    demo = new Understander(() -> DEMO, () -> null);
    demo.ready();
  }

  @Test
  void aShortTextKeepsTheConversationsLanguageElseThePracticesFirst() {
    assertThat(demo.understand("ok", Corpus.NOW, Locale.ITALIAN).language())
        .isEqualTo(Locale.ITALIAN);
    assertThat(demo.understand("2", Corpus.NOW, Locale.ENGLISH).language())
        .isEqualTo(Locale.ENGLISH);
    assertThat(demo.understand("2", Corpus.NOW, null).language()).isEqualTo(Locale.FRENCH);
    assertThat(demo.understand("oui", Corpus.NOW, Locale.ENGLISH).language())
        .isEqualTo(Locale.FRENCH);
    assertThat(demo.understand("YES", Corpus.NOW, Locale.FRENCH).language())
        .isEqualTo(Locale.ENGLISH);
    assertThat(demo.understand("sì", Corpus.NOW, Locale.FRENCH).language())
        .isEqualTo(Locale.ITALIAN);
    // Gibberish and names alone: Lingua cannot tell, the conversation goes on in its language.
    assertThat(demo.understand("blorb fnord", Corpus.NOW, Locale.FRENCH).language())
        .isEqualTo(Locale.FRENCH);
    assertThat(demo.understand("Dr Phillips", Corpus.NOW, Locale.FRENCH).language())
        .isEqualTo(Locale.FRENCH);
    assertThat(demo.understand("Martinez Sofia", Corpus.NOW, Locale.ENGLISH).language())
        .isEqualTo(Locale.ENGLISH);
    assertThat(demo.understand("STOP", Corpus.NOW, Locale.ITALIAN).intent())
        .isEqualTo(Intent.OPT_OUT);
  }

  @Test
  void onlyThePracticesLanguagesAreAnswered() {
    PracticeSnapshot english = withLanguages(List.of("en", "it"));
    Understander understander = new Understander(() -> english, () -> null);

    assertThat(
            understander
                .understand("Bonjour, je voudrais un rendez-vous demain", Corpus.NOW, null)
                .language())
        .isIn(Locale.ENGLISH, Locale.ITALIAN);
  }

  @Test
  void theAdvisorIsAskedOnlyWhenTheRulesFoundNothingAndNeverMakesAnEmergency() {
    AtomicInteger asked = new AtomicInteger();
    AtomicReference<Intent> proposal = new AtomicReference<>(Intent.BOOK);
    IntentAdvisor advisor =
        (text, language) -> {
          asked.incrementAndGet();
          return Optional.of(proposal.get());
        };
    Understander understander = new Understander(() -> DEMO, () -> advisor);

    Understanding vague = understander.understand("hmm bon ben voilà", Corpus.NOW, null);
    assertThat(vague.intent()).isEqualTo(Intent.BOOK);
    assertThat(vague.reasons()).anyMatch(r -> r.contains("advisor"));
    assertThat(asked).hasValue(1);

    understander.understand("je voudrais annuler mon rdv", Corpus.NOW, null);
    understander.understand("je n'arrive pas à respirer", Corpus.NOW, null);
    assertThat(asked).hasValue(1);

    proposal.set(Intent.EMERGENCY);
    Understanding refused = understander.understand("hmm bon ben voilà", Corpus.NOW, null);
    assertThat(refused.intent()).isEqualTo(Intent.OTHER);
    assertThat(refused.emergency()).isFalse();
    assertThat(refused.reasons()).anyMatch(r -> r.contains("refused"));
  }

  @Test
  void aPracticesOwnTypeIsUnderstoodByItsNameAndTheWordsFollowTheSnapshot() {
    AtomicReference<PracticeSnapshot> current = new AtomicReference<>(DEMO);
    Understander understander = new Understander(current::get, () -> null);
    String text = "je voudrais un rdv pour une échographie vendredi";
    assertThat(understander.understand(text, Corpus.NOW, null).appointmentType()).isNull();

    current.set(
        withType("ultrasound", new LocalizedText("Échographie", "Ultrasound", "Ecografia")));

    Understanding understood = understander.understand(text, Corpus.NOW, null);
    assertThat(understood.appointmentType()).isNotNull();
    assertThat(understood.appointmentType().name()).isEqualTo("Échographie");
    assertThat(
            understander
                .understand("an ultrasound on Friday please", Corpus.NOW, null)
                .appointmentType()
                .name())
        .isEqualTo("Ultrasound");
  }

  @Test
  void newPatientsAndDependentsAreTold() {
    Understanding first =
        demo.understand("première consultation pour ma fille de 4 ans", Corpus.NOW, null);
    assertThat(first.newPatient()).isTrue();
    assertThat(first.dependent()).isEqualTo("daughter");
    Understanding known =
        demo.understand("I'm already a patient, can my husband book too?", Corpus.NOW, null);
    assertThat(known.newPatient()).isFalse();
    assertThat(known.dependent()).isEqualTo("husband");
    assertThat(demo.understand("per mio figlio, grazie", Corpus.NOW, null).dependent())
        .isEqualTo("son");
    assertThat(demo.understand("un rendez-vous demain", Corpus.NOW, null).newPatient()).isNull();
  }

  @Test
  void aSpecialtyNamesAProviderOnlyWhenOneHasIt() {
    assertThat(demo.understand("rdv chez la dermato", Corpus.NOW, null).provider().name())
        .isEqualTo("Dr Emma Phillips");
    assertThat(demo.understand("rdv avec un généraliste", Corpus.NOW, null).provider()).isNull();
  }

  private static PracticeSnapshot withLanguages(List<String> languages) {
    return new PracticeSnapshot(
        2,
        new PracticeProfile("Practice", languages),
        DEMO.locations(),
        List.of(),
        DEMO.providers(),
        DEMO.appointmentTypes(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  private static PracticeSnapshot withType(String code, LocalizedText name) {
    List<AppointmentType> types = new ArrayList<>(DEMO.appointmentTypes());
    types.add(
        new AppointmentType(
            new AppointmentTypeId(UUID.randomUUID()),
            code,
            name,
            Duration.ofMinutes(20),
            Duration.ZERO,
            Duration.ZERO,
            Duration.ofMinutes(20),
            Duration.ZERO,
            60,
            VisitMode.IN_PERSON,
            false,
            null,
            null,
            null,
            LocalizedText.EMPTY,
            List.of(),
            true));
    return new PracticeSnapshot(
        3,
        DEMO.profile(),
        DEMO.locations(),
        List.of(),
        DEMO.providers(),
        types,
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }
}
