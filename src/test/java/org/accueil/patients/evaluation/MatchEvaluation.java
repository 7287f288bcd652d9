package org.accueil.patients.evaluation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.accueil.patients.evaluation.Query.Kind;
import org.jspecify.annotations.Nullable;

/**
 * A matcher's answers to a {@link SyntheticPopulation}'s queries, scored in two bands:
 *
 * <ul>
 *   <li><b>auto-link</b>: a MATCH is right when its first candidate is the truth; every other MATCH
 *       is a false positive, and every query whose person is registered but not rightly matched is
 *       a false negative (a wrong MATCH on such a query counts as both);
 *   <li><b>match or possible</b>: the same, with MATCH and POSSIBLE both counting as a decision and
 *       the truth among the first 3 candidates counting as right.
 * </ul>
 *
 * <p>The targets ({@link #meetsTargets()}): auto-link precision at least {@value
 * #TARGET_PRECISION}, auto-link F1 at least {@value #TARGET_F1}, and no hard negative auto-linked.
 */
public final class MatchEvaluation {

  public static final double TARGET_PRECISION = 0.995;
  public static final double TARGET_F1 = 0.97;
  static final int WRONG_LINKS_LISTED = 20;
  static final int BAND_DEPTH = 3;

  public enum Decision {
    /** Link to the first candidate without asking anyone. */
    MATCH,
    /** Ask one more question, or send to staff review, with these candidates. */
    POSSIBLE,
    /** A new record. */
    NONE
  }

  /**
   * @param candidates registry indexes, best first; a MATCH names at least one
   */
  public record Answer(Decision decision, List<Integer> candidates) {

    public Answer {
      candidates = List.copyOf(candidates);
      if (decision == Decision.MATCH && candidates.isEmpty()) {
        throw new IllegalArgumentException("a MATCH names the patient it links to");
      }
    }

    public static Answer match(int patient, Integer... others) {
      var candidates = new ArrayList<Integer>();
      candidates.add(patient);
      candidates.addAll(List.of(others));
      return new Answer(Decision.MATCH, candidates);
    }

    public static Answer possible(Integer... candidates) {
      return new Answer(Decision.POSSIBLE, List.of(candidates));
    }

    public static Answer none() {
      return new Answer(Decision.NONE, List.of());
    }
  }

  /** Counts of one band, and the measures made of them; NaN where a measure has no denominator. */
  public record Band(int truePositives, int falsePositives, int falseNegatives) {

    public double precision() {
      return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
      return ratio(truePositives, truePositives + falseNegatives);
    }

    public double f1() {
      return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    private static double ratio(int numerator, int denominator) {
      return denominator == 0 ? Double.NaN : (double) numerator / denominator;
    }
  }

  /** What the matcher did with the queries of one kind, or of one corruption. */
  public record Outcomes(
      int queries, int linkedRight, int linkedWrong, int possibleRight, int possibleOther) {

    static final Outcomes NONE = new Outcomes(0, 0, 0, 0, 0);

    public int none() {
      return queries - linkedRight - linkedWrong - possibleRight - possibleOther;
    }

    /** Of the MATCH answers, those whose first candidate is wrong, plus those for a negative. */
    public int autoLinked() {
      return linkedRight + linkedWrong;
    }

    public int possible() {
      return possibleRight + possibleOther;
    }

    /** Right MATCHes over queries: recall for patients; always 0 for negatives. */
    public double autoLinkRecall() {
      return queries == 0 ? Double.NaN : (double) linkedRight / queries;
    }

    /** Queries answered MATCH or POSSIBLE with the truth in the first 3, over queries. */
    public double matchOrPossibleRecall() {
      return queries == 0 ? Double.NaN : (double) (linkedRight + possibleRight) / queries;
    }

    Outcomes plus(Outcome outcome) {
      return new Outcomes(
          queries + 1,
          linkedRight + (outcome == Outcome.LINKED_RIGHT ? 1 : 0),
          linkedWrong + (outcome == Outcome.LINKED_WRONG ? 1 : 0),
          possibleRight + (outcome == Outcome.POSSIBLE_RIGHT ? 1 : 0),
          possibleOther + (outcome == Outcome.POSSIBLE_OTHER ? 1 : 0));
    }
  }

  /**
   * A MATCH that linked someone to the wrong patient: the query, the patient linked, and the one it
   * should have been (null for someone not in the registry).
   */
  public record WrongLink(
      int queryIndex, Query query, SyntheticPerson linked, @Nullable SyntheticPerson truth) {}

  enum Outcome {
    LINKED_RIGHT,
    LINKED_WRONG,
    POSSIBLE_RIGHT,
    POSSIBLE_OTHER,
    NONE
  }

  private final SyntheticPopulation population;
  private final Band autoLink;
  private final Band matchOrPossible;
  private final int possible;
  private final Map<Kind, Outcomes> byKind = new EnumMap<>(Kind.class);
  private final Map<String, Outcomes> samePersonByCorruption;
  private final Map<String, Outcomes> hardNegativesByCorruption;
  private final Map<Integer, Outcomes> samePersonByCorruptionCount = new TreeMap<>();
  private final List<WrongLink> wrongLinks = new ArrayList<>();

  private MatchEvaluation(SyntheticPopulation population, List<Answer> answers) {
    this.population = population;
    List<Query> queries = population.queries();
    if (answers.size() != queries.size()) {
      throw new IllegalArgumentException(
          answers.size() + " answers for " + queries.size() + " queries");
    }
    samePersonByCorruption = inCorruptionOrder();
    hardNegativesByCorruption = inCorruptionOrder();
    int[] auto = new int[3];
    int[] band = new int[3];
    int possibleCount = 0;
    for (int i = 0; i < queries.size(); i++) {
      Query query = queries.get(i);
      Answer answer = answers.get(i);
      for (int candidate : answer.candidates()) {
        if (candidate < 0 || candidate >= population.registry().size()) {
          throw new IllegalArgumentException("query " + i + ": no patient " + candidate);
        }
      }
      Outcome outcome = outcome(query, answer);
      boolean registered = query.truth() >= 0;
      auto[0] += outcome == Outcome.LINKED_RIGHT ? 1 : 0;
      auto[1] += outcome == Outcome.LINKED_WRONG ? 1 : 0;
      auto[2] += registered && outcome != Outcome.LINKED_RIGHT ? 1 : 0;
      boolean bandRight = answer.decision() != Decision.NONE && inFirstCandidates(query, answer);
      band[0] += bandRight ? 1 : 0;
      band[1] += answer.decision() != Decision.NONE && !bandRight ? 1 : 0;
      band[2] += registered && !bandRight ? 1 : 0;
      possibleCount += answer.decision() == Decision.POSSIBLE ? 1 : 0;
      tally(i, query, answer, outcome);
    }
    autoLink = new Band(auto[0], auto[1], auto[2]);
    matchOrPossible = new Band(band[0], band[1], band[2]);
    possible = possibleCount;
  }

  /**
   * @param answers one per query, in the order of {@link SyntheticPopulation#queries()}
   */
  public static MatchEvaluation score(SyntheticPopulation population, List<Answer> answers) {
    return new MatchEvaluation(population, answers);
  }

  public Band autoLink() {
    return autoLink;
  }

  public Band matchOrPossible() {
    return matchOrPossible;
  }

  /** The share of queries answered POSSIBLE: the staff's review workload. */
  public double possibleShare() {
    int queries = population.queries().size();
    return queries == 0 ? Double.NaN : (double) possible / queries;
  }

  public int possibleCount() {
    return possible;
  }

  /** Twins, family members, spouses and namesakes linked without asking: must be 0. */
  public int hardNegativesAutoLinked() {
    return byKind.entrySet().stream()
        .filter(e -> e.getKey().hardNegative())
        .mapToInt(e -> e.getValue().autoLinked())
        .sum();
  }

  public boolean meetsTargets() {
    return autoLink.precision() >= TARGET_PRECISION
        && autoLink.f1() >= TARGET_F1
        && hardNegativesAutoLinked() == 0;
  }

  public Outcomes byKind(Kind kind) {
    return byKind.getOrDefault(kind, Outcomes.NONE);
  }

  /** Same-person queries by corruption label, in {@link Corruption} order; absent ones omitted. */
  public Map<String, Outcomes> samePersonByCorruption() {
    return withoutEmpty(samePersonByCorruption);
  }

  /** Hard-negative queries by corruption label (their own details, corrupted the same way). */
  public Map<String, Outcomes> hardNegativesByCorruption() {
    return withoutEmpty(hardNegativesByCorruption);
  }

  /** Same-person queries by how many corruptions they carry, phone format and sex aside. */
  public Map<Integer, Outcomes> samePersonByCorruptionCount() {
    return samePersonByCorruptionCount;
  }

  /** The first {@value #WRONG_LINKS_LISTED} wrong auto-links, in query order. */
  public List<WrongLink> wrongAutoLinks() {
    return List.copyOf(wrongLinks);
  }

  SyntheticPopulation population() {
    return population;
  }

  /** Tables ready for docs/PERFORMANCE.md. */
  public String markdown() {
    return new EvaluationMarkdown(this).render();
  }

  private static Outcome outcome(Query query, Answer answer) {
    boolean firstIsTruth =
        query.truth() >= 0
            && !answer.candidates().isEmpty()
            && answer.candidates().getFirst() == query.truth();
    return switch (answer.decision()) {
      case MATCH -> firstIsTruth ? Outcome.LINKED_RIGHT : Outcome.LINKED_WRONG;
      case POSSIBLE ->
          inFirstCandidates(query, answer) ? Outcome.POSSIBLE_RIGHT : Outcome.POSSIBLE_OTHER;
      case NONE -> Outcome.NONE;
    };
  }

  private static boolean inFirstCandidates(Query query, Answer answer) {
    List<Integer> candidates = answer.candidates();
    return query.truth() >= 0
        && candidates.subList(0, Math.min(BAND_DEPTH, candidates.size())).contains(query.truth());
  }

  private void tally(int index, Query query, Answer answer, Outcome outcome) {
    byKind.merge(query.kind(), Outcomes.NONE.plus(outcome), (a, b) -> a.plus(outcome));
    if (query.kind() == Kind.SAME_PERSON) {
      for (String label : query.corruptions()) {
        samePersonByCorruption.merge(label, Outcomes.NONE.plus(outcome), (a, b) -> a.plus(outcome));
      }
      int count = (int) query.corruptions().stream().filter(l -> !presentation(l)).count();
      samePersonByCorruptionCount.merge(
          count, Outcomes.NONE.plus(outcome), (a, b) -> a.plus(outcome));
    } else if (query.kind().hardNegative()) {
      for (String label : query.corruptions()) {
        hardNegativesByCorruption.merge(
            label, Outcomes.NONE.plus(outcome), (a, b) -> a.plus(outcome));
      }
    }
    if (outcome == Outcome.LINKED_WRONG && wrongLinks.size() < WRONG_LINKS_LISTED) {
      List<SyntheticPerson> registry = population.registry();
      wrongLinks.add(
          new WrongLink(
              index,
              query,
              registry.get(answer.candidates().getFirst()),
              query.truth() >= 0 ? registry.get(query.truth()) : null));
    }
  }

  private static boolean presentation(String label) {
    return label.equals(Corruption.PHONE_FORMAT.label())
        || label.equals(Corruption.SEX_MISSING.label());
  }

  /** Known corruptions first, in their declared order; unknown labels are added as they come. */
  private static Map<String, Outcomes> inCorruptionOrder() {
    Map<String, Outcomes> map = new LinkedHashMap<>();
    for (Corruption corruption : Corruption.values()) {
      map.put(corruption.label(), Outcomes.NONE);
    }
    return map;
  }

  private static Map<String, Outcomes> withoutEmpty(Map<String, Outcomes> map) {
    Map<String, Outcomes> present = new LinkedHashMap<>();
    map.forEach(
        (label, outcomes) -> {
          if (outcomes.queries() > 0) {
            present.put(label, outcomes);
          }
        });
    return present;
  }
}
