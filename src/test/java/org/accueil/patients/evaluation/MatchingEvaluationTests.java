package org.accueil.patients.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.accueil.patients.MatchQuery;
import org.accueil.patients.MatchResult;
import org.accueil.patients.Origin;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.PatientStatus;
import org.accueil.patients.Patients;
import org.accueil.patients.PhoneNumbers;
import org.accueil.patients.Sex;
import org.accueil.patients.evaluation.MatchEvaluation.Answer;
import org.accueil.patients.evaluation.MatchEvaluation.Decision;
import org.accueil.patients.internal.PatientRepository;
import org.accueil.platform.Ids;
import org.accueil.testing.AccueilTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The matcher, through {@code Patients#match} and the real blocking SQL, on synthetic populations
 * of French, Italian and English patients: a registry loaded as the practice holds it, then queries
 * of registered people presenting again with typos, nicknames, swapped names and dates, new
 * numbers, missing details; people nobody knows; and the hard negatives (twins, parents and
 * children sharing a phone, spouses, namesakes). The weights were chosen on the first seed; the
 * second is held out. The report goes to {@code target/matching-evaluation.md} and
 * docs/PERFORMANCE.md.
 */
@AccueilTest
// A database of its own: other tests' patients must not be candidates.
@TestPropertySource(properties = "accueil.test.database=matching-evaluation")
class MatchingEvaluationTests {

  static final int REGISTRY = 10_000;
  static final int QUERIES = 4_000;
  static final long TUNING_SEED = 20_261_204L;
  static final long HELD_OUT_SEED = 4_122_026L;

  @Autowired Patients patients;
  @Autowired PatientRepository repository;
  @Autowired JdbcClient jdbc;

  @Test
  void onAHeldOutPopulationAutomaticLinksAreRightAndAlmostEveryoneIsFound() throws IOException {
    StringBuilder report = new StringBuilder();
    MatchEvaluation tuning = evaluate(TUNING_SEED, "tuning", report);
    MatchEvaluation heldOut = evaluate(HELD_OUT_SEED, "held-out", report);
    Path out = Path.of("target", "matching-evaluation.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println(report);

    for (MatchEvaluation evaluation : List.of(tuning, heldOut)) {
      assertThat(evaluation.hardNegativesAutoLinked())
          .as("twins, family, namesakes linked")
          .isZero();
      assertThat(evaluation.autoLink().precision())
          .as("automatic-link precision")
          .isGreaterThanOrEqualTo(MatchEvaluation.TARGET_PRECISION);
      assertThat(evaluation.matchOrPossible().f1())
          .as("F1 of the match-or-possible band")
          .isGreaterThanOrEqualTo(MatchEvaluation.TARGET_F1);
    }
  }

  private MatchEvaluation evaluate(long seed, String label, StringBuilder report) {
    SyntheticPopulation population = SyntheticPopulation.generate(seed, REGISTRY, QUERIES);
    long loading = System.nanoTime();
    Map<UUID, Integer> index = load(population.registry());
    double loaded = (System.nanoTime() - loading) / 1e9;
    long matching = System.nanoTime();
    List<Answer> answers = new ArrayList<>(population.queries().size());
    for (Query query : population.queries()) {
      answers.add(answer(patients.match(query(query.details())), index));
    }
    double matched = (System.nanoTime() - matching) / 1e9;
    MatchEvaluation evaluation = MatchEvaluation.score(population, answers);
    // The next seed's registry is alone in the database, as this one was.
    jdbc.sql("DELETE FROM patient WHERE id IN (:ids)").param("ids", index.keySet()).update();
    report
        .append("## Seed ")
        .append(seed)
        .append(" (")
        .append(label)
        .append(")\n\n")
        .append(
            String.format(
                Locale.ROOT,
                "Registry of %,d loaded in %.1f s; %,d queries matched in %.1f s (%.2f ms each, in"
                    + " process, one at a time).%n%n",
                population.registry().size(),
                loaded,
                population.queries().size(),
                matched,
                matched * 1000 / population.queries().size()))
        .append(corroborated(population))
        .append(evaluation.markdown())
        .append("\n");
    return evaluation;
  }

  /**
   * How many registered people present with a phone or e-mail their record has: the most the
   * corroboration rule lets link automatically.
   */
  private static String corroborated(SyntheticPopulation population) {
    int same = 0;
    int shared = 0;
    for (Query query : population.queries()) {
      if (query.kind() != Query.Kind.SAME_PERSON) {
        continue;
      }
      same++;
      SyntheticPerson asked = query.details();
      SyntheticPerson record = population.registry().get(query.truth());
      String phone = phone(asked.phone(), asked.language());
      boolean samePhone = phone != null && phone.equals(phone(record.phone(), record.language()));
      boolean sameEmail =
          asked.email() != null
              && record.email() != null
              && asked.email().equalsIgnoreCase(record.email());
      if (samePhone || sameEmail) {
        shared++;
      }
    }
    return String.format(
        Locale.ROOT,
        "Registered people presenting with a phone or e-mail their record has (the most an"
            + " automatic link may find, since names and birth date alone never link): %,d of"
            + " %,d (%.1f%%).%n%n",
        shared,
        same,
        100.0 * shared / same);
  }

  /** The registry as a practice holds it: one active record per person, stored as registered. */
  private Map<UUID, Integer> load(List<SyntheticPerson> registry) {
    Map<UUID, Integer> index = new HashMap<>();
    Instant now = Instant.now();
    for (int i = 0; i < registry.size(); i++) {
      SyntheticPerson person = registry.get(i);
      UUID id = Ids.newId();
      repository.insert(
          new Patient(
              PatientId.of(id),
              PatientStatus.ACTIVE,
              person.givenName(),
              person.familyName(),
              person.birthFamilyName(),
              person.birthDate(),
              sex(person.sex()),
              phone(person.phone(), person.language()),
              person.email() == null ? null : person.email().toLowerCase(Locale.ROOT),
              null,
              person.language(),
              null,
              Origin.IMPORT,
              null),
          now);
      index.put(id, i);
    }
    return index;
  }

  /** A query as the front desk types it: the number in E.164 for the caller's country. */
  private static MatchQuery query(SyntheticPerson p) {
    return new MatchQuery(
        p.givenName(),
        p.familyName(),
        p.birthDate(),
        phone(p.phone(), p.language()),
        p.email(),
        p.birthFamilyName(),
        sex(p.sex()),
        null);
  }

  private static Answer answer(MatchResult result, Map<UUID, Integer> index) {
    List<Integer> candidates = new ArrayList<>();
    for (MatchResult.Candidate candidate : result.candidates()) {
      candidates.add(index.get(candidate.patientId().value()));
    }
    return switch (result.decision()) {
      case MATCH -> new Answer(Decision.MATCH, candidates);
      case POSSIBLE -> new Answer(Decision.POSSIBLE, candidates);
      case NONE -> Answer.none();
    };
  }

  private static @Nullable String phone(@Nullable String written, String language) {
    if (written == null) {
      return null;
    }
    String region =
        switch (language) {
          case "it" -> "IT";
          case "en" -> "GB";
          default -> "FR";
        };
    return PhoneNumbers.toE164(written, region).orElse(null);
  }

  private static @Nullable Sex sex(@Nullable String sex) {
    return sex == null ? null : Sex.ofCode(sex).orElse(null);
  }
}
