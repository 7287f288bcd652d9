package org.accueil.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.accueil.assistant.triage.EmergencyNumbers;
import org.accueil.assistant.triage.RedFlag;
import org.accueil.assistant.triage.RedFlags;
import org.junit.jupiter.api.Test;

/** Red flags in French, English and Italian: every phrase of the corpus is caught. */
class RedFlagsTests {

  record Example(String language, RedFlag.Category category, String text) {}

  static List<Example> corpus() throws IOException {
    List<Example> examples = new ArrayList<>();
    try (InputStream in = RedFlagsTests.class.getResourceAsStream("/assistant/red-flags.tsv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.split("\t");
        examples.add(new Example(cells[0], RedFlag.Category.valueOf(cells[1]), cells[2].strip()));
      }
    }
    return examples;
  }

  @Test
  void everyRedFlagOfTheCorpusIsCaughtInItsLanguage() throws IOException {
    List<Example> corpus = corpus();
    assertThat(corpus).hasSizeGreaterThan(50);
    List<String> missed = new ArrayList<>();
    for (Example e : corpus) {
      var flag = RedFlags.in(e.text());
      if (flag.isEmpty()) {
        missed.add(e.language() + ": " + e.text());
      } else {
        assertThat(flag.get().language().getLanguage()).as(e.text()).isEqualTo(e.language());
      }
    }
    assertThat(missed).as("emergency recall must be 100%").isEmpty();
  }

  @Test
  void aNegationStillRaisesTheFlagBecauseAMissCostsMoreThanALook() {
    assertThat(RedFlags.in("Ce n'est pas une douleur thoracique, je pense")).isPresent();
  }

  @Test
  void routineRequestsRaiseNoFlag() {
    for (String text :
        List.of(
            "Bonjour, je voudrais un rendez-vous mardi matin",
            "J'ai mal au dos depuis une semaine",
            "Can I move my appointment to Friday?",
            "Vorrei prenotare una visita di controllo",
            "Mon bébé a besoin de ses vaccins",
            "J'ai mal à la tête et au dos depuis trois jours",
            "Can my baby have her vaccines next month?",
            "Il bambino ha bisogno di un certificato per lo sport",
            "Je voudrais faire une prise de sang la semaine prochaine",
            "Can I book a blood test for next week?",
            "Vorrei fare gli esami del sangue",
            "Quels sont vos horaires samedi ?")) {
      assertThat(RedFlags.in(text)).as(text).isEmpty();
    }
  }

  @Test
  void theNumbersAreThePracticeCountrys() {
    assertThat(EmergencyNumbers.of("FR").emergency()).containsExactly("15", "112");
    assertThat(EmergencyNumbers.of("FR").crisis()).isEqualTo("3114");
    assertThat(EmergencyNumbers.of("IT").emergency()).containsExactly("112", "118");
    assertThat(EmergencyNumbers.of("US").crisis()).isEqualTo("988");
    assertThat(EmergencyNumbers.of("DE").emergency()).containsExactly("112");
    assertThat(Locale.FRENCH.getLanguage()).isEqualTo("fr");
  }
}
