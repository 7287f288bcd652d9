package org.accueil.patients.evaluation;

import java.util.Random;

/** The share of French, Italian and English speakers among a practice's patients. */
public record LanguageMix(double fr, double it, double en) {

  /** A practice near the Italian border with British residents: 60% fr, 25% it, 15% en. */
  public static final LanguageMix DEFAULT = new LanguageMix(0.60, 0.25, 0.15);

  public LanguageMix {
    if (fr < 0 || it < 0 || en < 0 || fr + it + en <= 0) {
      throw new IllegalArgumentException("shares must be non-negative and not all zero");
    }
  }

  String draw(Random random) {
    double point = random.nextDouble() * (fr + it + en);
    return point < fr ? "fr" : point < fr + it ? "it" : "en";
  }
}
