package org.accueil.patients.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.accueil.patients.PatientsProperties;
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
   * @param excluding the probe's own record, when it is one
   */
  public Decision<UUID> match(Traits probe, @Nullable UUID excluding) {
    List<Decision.Scored<UUID>> compared = new ArrayList<>();
    for (Candidates.Candidate candidate : candidates.of(probe, excluding)) {
      compared.add(
          new Decision.Scored<>(candidate.id(), scorer.compare(probe, candidate.traits())));
    }
    return Decision.of(compared, REPORTED);
  }

  /** How two records of the registry compare. */
  public Comparison compare(UUID a, UUID b) {
    var traits = candidates.traitsOf(List.of(a, b));
    return scorer.compare(traits.get(a), traits.get(b));
  }
}
