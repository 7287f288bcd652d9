package org.accueil.patients.matching;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a match concludes from every candidate's comparison: the best candidate's band, unless two
 * candidates would both be linked, in which case neither is (the registry holds a duplicate, and a
 * person chooses).
 *
 * @param candidates those in the match or possible band, best first
 */
public record Decision<K>(Band band, List<Scored<K>> candidates) {

  /** One candidate and how it compared. */
  public record Scored<K>(K candidate, Comparison comparison) {}

  public Decision {
    candidates = List.copyOf(candidates);
  }

  public static <K> Decision<K> of(List<Scored<K>> compared, int keep) {
    List<Scored<K>> kept = new ArrayList<>();
    compared.stream()
        .filter(s -> s.comparison().band() != Band.NONE)
        .sorted(Comparator.comparingDouble((Scored<K> s) -> s.comparison().score()).reversed())
        .limit(keep)
        .forEach(kept::add);
    if (kept.isEmpty()) {
      return new Decision<>(Band.NONE, List.of());
    }
    long matches = kept.stream().filter(s -> s.comparison().band() == Band.MATCH).count();
    if (matches > 1) {
      List<Scored<K>> ambiguous = new ArrayList<>(kept.size());
      for (Scored<K> s : kept) {
        ambiguous.add(new Scored<>(s.candidate(), demoted(s.comparison())));
      }
      return new Decision<>(Band.POSSIBLE, ambiguous);
    }
    return new Decision<>(kept.getFirst().comparison().band(), kept);
  }

  private static Comparison demoted(Comparison c) {
    if (c.band() != Band.MATCH) {
      return c;
    }
    List<Note> notes = new ArrayList<>(c.notes());
    notes.add(Note.AMBIGUOUS);
    return new Comparison(c.score(), Band.POSSIBLE, c.fields(), notes);
  }
}
