package org.accueil.patients;

import java.util.List;
import org.accueil.patients.matching.Band;
import org.accueil.patients.matching.FieldComparison;
import org.accueil.patients.matching.Note;

/**
 * Whose record a person's details are, and why.
 *
 * @param decision {@code match}: the first candidate, linked automatically; {@code possible}:
 *     perhaps one of the candidates (ask the person, or the staff); {@code none}: nobody known
 * @param candidates in the match or possible band, best first
 */
public record MatchResult(Band decision, List<Candidate> candidates) {

  /**
   * A record the details may be, with how each field compared.
   *
   * @param score in bits (log2 of the likelihood ratio): above 24 with a phone, e-mail or
   *     identifier in common is a match, above 14 a possible one
   */
  public record Candidate(
      PatientId patientId,
      double score,
      Band band,
      List<FieldComparison> fields,
      List<Note> notes) {}

  public MatchResult {
    candidates = List.copyOf(candidates);
  }

  public static MatchResult none() {
    return new MatchResult(Band.NONE, List.of());
  }
}
