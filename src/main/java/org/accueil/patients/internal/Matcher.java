package org.accueil.patients.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.accueil.patients.PatientsProperties;
import org.accueil.patients.matching.Band;
import org.accueil.patients.matching.Comparison;
import org.accueil.patients.matching.Decision;
import org.accueil.patients.matching.GivenNames;
import org.accueil.patients.matching.Scorer;
import org.accueil.patients.matching.Traits;
import org.accueil.patients.matching.Weights;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Finds a probe's candidates in the registry and compares it with each. */
@Component
public class Matcher {

  /** Candidates reported in a decision: more than one screen of a review is noise. */
  static final int REPORTED = 5;

  private final Candidates candidates;
  private final Scorer scorer;

  Matcher(Candidates candidates, PatientsProperties properties) {
    this.candidates = candidates;
    this.scorer =
        new Scorer(
            GivenNames.standard(),
            Weights.standard()
                .withThresholds(properties.matchThreshold(), properties.possibleThreshold()));
  }

  /**
   * An identifier system no stored identifier can have (systems are codes or URIs): a record's own
   * id, compared as an identifier the probe and the record have in common.
   */
  private static final String RECORD_ID = "#record|";

  /**
   * @param excluding the probe's own record, when it is one
   */
  public Decision<UUID> match(Traits probe, @Nullable UUID excluding) {
    return match(probe, excluding, null);
  }

  /**
   * As {@link #match(Traits, UUID)}, comparing the probe with {@code expected} too, the id they
   * share corroborating the comparison as an identifier in common would: a registry export read
   * back names each row's record. The names and birth date must still agree for a link; an id alone
   * links nothing.
   *
   * @param expected a live record the probe says it is
   */
  public Decision<UUID> match(Traits probe, @Nullable UUID excluding, @Nullable UUID expected) {
    List<Decision.Scored<UUID>> compared = new ArrayList<>();
    for (Candidates.Candidate candidate : candidates.of(probe, excluding)) {
      if (!candidate.id().equals(expected)) {
        compared.add(
            new Decision.Scored<>(candidate.id(), scorer.compare(probe, candidate.traits())));
      }
    }
    if (expected != null && !expected.equals(excluding)) {
      Traits record = candidates.traitsOf(List.of(expected)).get(expected);
      if (record != null) {
        var own =
            new Decision.Scored<>(
                expected,
                scorer.compare(withRecordId(probe, expected), withRecordId(record, expected)));
        if (own.comparison().band() == Band.MATCH) {
          // The details name this record and it agrees: another record matching too is a
          // duplicate already in the registry, for its review queue, not a reason to doubt.
          return new Decision<>(Band.MATCH, List.of(own));
        }
        compared.add(own);
      }
    }
    return Decision.of(compared, REPORTED);
  }

  /** How two people's details compare, as a probe and a record would. */
  public Comparison compare(Traits a, Traits b) {
    return scorer.compare(a, b);
  }

  private static Traits withRecordId(Traits traits, UUID id) {
    java.util.Set<String> identifiers = new java.util.HashSet<>(traits.identifiers());
    identifiers.add(RECORD_ID + id);
    return new Traits(
        traits.givenName(),
        traits.familyName(),
        traits.birthFamilyName(),
        traits.birthDate(),
        traits.sex(),
        traits.phones(),
        traits.emails(),
        identifiers);
  }

  /** How two records of the registry compare. */
  public Comparison compare(UUID a, UUID b) {
    var traits = candidates.traitsOf(List.of(a, b));
    return scorer.compare(traits.get(a), traits.get(b));
  }
}
