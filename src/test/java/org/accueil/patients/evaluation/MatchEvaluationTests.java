package org.accueil.patients.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.accueil.patients.PhoneNumbers;
import org.accueil.patients.evaluation.MatchEvaluation.Answer;
import org.accueil.patients.evaluation.Query.Kind;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class MatchEvaluationTests {

  private static final SyntheticPerson JEAN_MARTIN_1980 = person("Jean", "Martin", "1980-01-02", 1);
  private static final SyntheticPerson JEAN_MARTIN_1975 = person("Jean", "Martin", "1975-05-06", 2);
  private static final SyntheticPerson LOUIS_DUPONT = person("Louis", "Dupont", "2010-03-04", 3);
  private static final SyntheticPerson HELENE_ROSSI = person("Hélène", "Rossi", "1960-07-08", 4);

  /** Seven queries whose scores are counted by hand below. */
  private static final SyntheticPopulation TINY =
      new SyntheticPopulation(
          List.of(JEAN_MARTIN_1980, JEAN_MARTIN_1975, LOUIS_DUPONT, HELENE_ROSSI),
          List.of(
              new Query(Kind.SAME_PERSON, JEAN_MARTIN_1980, 0, List.of()),
              new Query(
                  Kind.SAME_PERSON,
                  person("Helene", "Rossi", "1960-07-08", 4),
                  3,
                  List.of("accents-dropped")),
              new Query(
                  Kind.SAME_PERSON,
                  person("Jaen", "Martin", "1980-01-02", 1),
                  0,
                  List.of("given-name-typo")),
              new Query(Kind.TWIN, person("Louise", "Dupont", "2010-03-04", 3), -1, List.of()),
              // Not a query the generator makes: one patient giving exactly another's details.
              new Query(Kind.SAME_PERSON, JEAN_MARTIN_1980, 1, List.of("birth-date-digit-typo")),
              new Query(Kind.NEW_PERSON, person("Marie", "Curie", "1967-11-07", 5), -1, List.of()),
              new Query(Kind.NAMESAKE, person("Hélène", "Rossi", "1948-02-03", 6), -1, List.of())));

  private static final SyntheticPopulation GENERATED =
      SyntheticPopulation.generate(11, 3_000, 2_000);

  @Test
  void scoresAnExactMatcherAsCountedByHand() {
    // q0 MATCH 0 right; q1 MATCH 3 right; q2 POSSIBLE [0] (family name and birth date agree);
    // q3 POSSIBLE [2] for a twin; q4 MATCH 0 where the truth is 1; q5 and q6 NONE.
    MatchEvaluation evaluation = MatchEvaluation.score(TINY, answers(TINY, new ExactMatcher(TINY)));

    assertThat(evaluation.autoLink()).isEqualTo(new MatchEvaluation.Band(2, 1, 2));
    assertThat(evaluation.autoLink().precision()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(evaluation.autoLink().recall()).isCloseTo(0.5, within(1e-9));
    assertThat(evaluation.autoLink().f1()).isCloseTo(4.0 / 7, within(1e-9));
    assertThat(evaluation.matchOrPossible()).isEqualTo(new MatchEvaluation.Band(3, 2, 1));
    assertThat(evaluation.matchOrPossible().precision()).isCloseTo(0.6, within(1e-9));
    assertThat(evaluation.matchOrPossible().recall()).isCloseTo(0.75, within(1e-9));
    assertThat(evaluation.matchOrPossible().f1()).isCloseTo(2.0 / 3, within(1e-9));
    assertThat(evaluation.possibleShare()).isCloseTo(2.0 / 7, within(1e-9));
    assertThat(evaluation.meetsTargets()).isFalse();

    assertThat(evaluation.byKind(Kind.SAME_PERSON))
        .isEqualTo(new MatchEvaluation.Outcomes(4, 2, 1, 1, 0));
    assertThat(evaluation.byKind(Kind.TWIN)).isEqualTo(new MatchEvaluation.Outcomes(1, 0, 0, 0, 1));
    assertThat(evaluation.byKind(Kind.NEW_PERSON).none()).isEqualTo(1);
    assertThat(evaluation.byKind(Kind.SPOUSE).queries()).isZero();
    assertThat(evaluation.hardNegativesAutoLinked()).isZero();

    assertThat(evaluation.samePersonByCorruption())
        .containsOnlyKeys("given-name-typo", "accents-dropped", "birth-date-digit-typo");
    assertThat(evaluation.samePersonByCorruption().get("accents-dropped").autoLinkRecall())
        .isEqualTo(1.0);
    assertThat(evaluation.samePersonByCorruption().get("given-name-typo").autoLinkRecall())
        .isEqualTo(0.0);
    assertThat(evaluation.samePersonByCorruption().get("given-name-typo").matchOrPossibleRecall())
        .isEqualTo(1.0);
    assertThat(evaluation.samePersonByCorruption().get("birth-date-digit-typo").linkedWrong())
        .isEqualTo(1);
    assertThat(evaluation.samePersonByCorruptionCount().get(0).queries()).isEqualTo(1);
    assertThat(evaluation.samePersonByCorruptionCount().get(1).queries()).isEqualTo(3);
    assertThat(evaluation.hardNegativesByCorruption()).isEmpty();

    assertThat(evaluation.wrongAutoLinks())
        .singleElement()
        .satisfies(
            link -> {
              assertThat(link.queryIndex()).isEqualTo(4);
              assertThat(link.linked()).isEqualTo(JEAN_MARTIN_1980);
              assertThat(link.truth()).isEqualTo(JEAN_MARTIN_1975);
            });
  }

  @Test
  void aMatchWhoseTruthIsSecondCountsOnlyInTheMatchOrPossibleBand() {
    var population = new SyntheticPopulation(TINY.registry(), List.of(TINY.queries().get(0)));
    MatchEvaluation evaluation = MatchEvaluation.score(population, List.of(Answer.match(1, 0)));
    assertThat(evaluation.autoLink()).isEqualTo(new MatchEvaluation.Band(0, 1, 1));
    assertThat(evaluation.matchOrPossible()).isEqualTo(new MatchEvaluation.Band(1, 0, 0));
  }

  @Test
  void aTruthFourthAmongCandidatesIsNotInTheBand() {
    var population = new SyntheticPopulation(TINY.registry(), List.of(TINY.queries().get(0)));
    MatchEvaluation evaluation =
        MatchEvaluation.score(population, List.of(Answer.possible(1, 2, 3, 0)));
    assertThat(evaluation.matchOrPossible()).isEqualTo(new MatchEvaluation.Band(0, 1, 1));
  }

  @Test
  void refusesAnswersThatDoNotFitTheQueries() {
    assertThatThrownBy(() -> MatchEvaluation.score(TINY, List.of(Answer.none())))
        .isInstanceOf(IllegalArgumentException.class);
    List<Answer> outside = new ArrayList<>(answers(TINY, q -> Answer.none()));
    outside.set(0, Answer.possible(4));
    assertThatThrownBy(() -> MatchEvaluation.score(TINY, outside))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Answer(MatchEvaluation.Decision.MATCH, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMatcherThatKnowsTheTruthMeetsTheTargetsOnTheGeneratedSet() {
    SyntheticPopulation set = GENERATED;
    MatchEvaluation evaluation =
        MatchEvaluation.score(
            set, answers(set, q -> q.truth() >= 0 ? Answer.match(q.truth()) : Answer.none()));
    assertThat(evaluation.autoLink().precision()).isEqualTo(1.0);
    assertThat(evaluation.autoLink().f1()).isEqualTo(1.0);
    assertThat(evaluation.meetsTargets()).isTrue();
  }

  @Test
  void theExactMatcherNeverLinksWronglyButMissesTheCorruptedPatients() {
    SyntheticPopulation set = GENERATED;
    MatchEvaluation evaluation = MatchEvaluation.score(set, answers(set, new ExactMatcher(set)));
    // The generator never gives a query the exact names and birth date of someone else.
    assertThat(evaluation.autoLink().falsePositives()).isZero();
    assertThat(evaluation.autoLink().recall()).isBetween(0.3, 0.8);
    assertThat(evaluation.meetsTargets()).isFalse();
  }

  @Test
  void aMatcherThatLinksOnThePhoneAloneIsCaughtByTheHardNegatives() {
    SyntheticPopulation set = GENERATED;
    MatchEvaluation evaluation = MatchEvaluation.score(set, answers(set, new PhoneMatcher(set)));
    assertThat(evaluation.hardNegativesAutoLinked()).isGreaterThan(200);
    assertThat(evaluation.byKind(Kind.TWIN).autoLinked())
        .isEqualTo(evaluation.byKind(Kind.TWIN).queries());
    assertThat(evaluation.wrongAutoLinks()).hasSize(MatchEvaluation.WRONG_LINKS_LISTED);
    assertThat(evaluation.meetsTargets()).isFalse();
  }

  @Test
  void markdownShowsTheBandsTheTargetsAndTheBreakdowns() {
    String markdown = MatchEvaluation.score(TINY, answers(TINY, new ExactMatcher(TINY))).markdown();
    assertThat(markdown)
        .contains("| auto-link (MATCH, first candidate) | 0.6667 | 0.5000 | 0.5714 | 2 | 1 | 2 |")
        .contains("| match or possible (truth in first 3) | 0.6000 | 0.7500 | 0.6667 | 3 | 2 | 1 |")
        .contains("Sent to staff (POSSIBLE): 28.6% of queries (2 of 7).")
        .contains("| auto-link precision ≥ 0.995 | 0.6667 | **no** |")
        .contains("| hard negatives auto-linked = 0 | 0 | yes |")
        .contains("| SAME_PERSON | 4 | 2 | 1 | 1 | 0 | 0 |")
        .contains("| given-name-typo | 1 | 0.0000 | 1.0000 | 0 |")
        .contains("| 4 | SAME_PERSON | Jean Martin, 1980-01-02");
  }

  /** Links when exactly one patient has the same names and birth date, accents and case aside. */
  private static final class ExactMatcher implements Function<Query, Answer> {

    private final Map<String, List<Integer>> byFamilyAndBirth = new HashMap<>();
    private final List<SyntheticPerson> registry;

    ExactMatcher(SyntheticPopulation population) {
      registry = population.registry();
      for (int i = 0; i < registry.size(); i++) {
        byFamilyAndBirth
            .computeIfAbsent(familyAndBirth(registry.get(i)), k -> new ArrayList<>())
            .add(i);
      }
    }

    /**
     * POSSIBLE with every patient of that family name and birth date when the given name differs.
     */
    @Override
    public Answer apply(Query query) {
      List<Integer> sameFamilyAndBirth =
          byFamilyAndBirth.getOrDefault(familyAndBirth(query.details()), List.of());
      String given = Spelling.plain(query.details().givenName());
      List<Integer> same =
          sameFamilyAndBirth.stream()
              .filter(i -> Spelling.plain(registry.get(i).givenName()).equals(given))
              .toList();
      if (same.size() == 1) {
        return Answer.match(same.getFirst());
      }
      return sameFamilyAndBirth.isEmpty()
          ? Answer.none()
          : new Answer(MatchEvaluation.Decision.POSSIBLE, sameFamilyAndBirth);
    }

    private static String familyAndBirth(SyntheticPerson person) {
      return Spelling.plain(person.familyName()) + "|" + person.birthDate();
    }
  }

  /** Links to the first patient with the same phone: what not to do. */
  private static final class PhoneMatcher implements Function<Query, Answer> {

    private final Map<String, Integer> byPhone = new HashMap<>();

    PhoneMatcher(SyntheticPopulation population) {
      for (int i = 0; i < population.registry().size(); i++) {
        String phone = population.registry().get(i).phone();
        if (phone != null) {
          byPhone.putIfAbsent(phone, i);
        }
      }
    }

    @Override
    public Answer apply(Query query) {
      String phone = query.details().phone();
      @Nullable Integer patient =
          phone == null
              ? null
              : PhoneNumbers.toE164(phone, PhoneBook.region(query.details().language()))
                  .map(byPhone::get)
                  .orElse(null);
      return patient == null ? Answer.none() : Answer.match(patient);
    }
  }

  private static List<Answer> answers(
      SyntheticPopulation population, Function<Query, Answer> matcher) {
    return population.queries().stream().map(matcher).toList();
  }

  private static SyntheticPerson person(
      String given, String family, String birthDate, long household) {
    return new SyntheticPerson(
        given, family, null, LocalDate.parse(birthDate), null, null, null, "fr", household);
  }
}
