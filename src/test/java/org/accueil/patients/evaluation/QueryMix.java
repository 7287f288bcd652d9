package org.accueil.patients.evaluation;

import java.util.EnumMap;
import java.util.Map;
import org.accueil.patients.evaluation.Query.Kind;

/**
 * The share of each kind of query. The default: 60% the same person again, 20% new people, and 20%
 * hard negatives, 5% each of twins, family members, spouses and namesakes. Real front desks see far
 * fewer hard negatives; a set that measured auto-link precision on 0.5% of twins would not notice a
 * matcher that links every twin to its sibling.
 */
public record QueryMix(
    double samePerson,
    double newPerson,
    double twin,
    double familyMember,
    double spouse,
    double namesake) {

  public static final QueryMix DEFAULT = new QueryMix(0.60, 0.20, 0.05, 0.05, 0.05, 0.05);

  public QueryMix {
    double[] shares = {samePerson, newPerson, twin, familyMember, spouse, namesake};
    double total = 0;
    for (double share : shares) {
      if (share < 0) {
        throw new IllegalArgumentException("shares must not be negative");
      }
      total += share;
    }
    if (total <= 0) {
      throw new IllegalArgumentException("at least one share must be positive");
    }
  }

  double share(Kind kind) {
    return switch (kind) {
      case SAME_PERSON -> samePerson;
      case NEW_PERSON -> newPerson;
      case TWIN -> twin;
      case FAMILY_MEMBER -> familyMember;
      case SPOUSE -> spouse;
      case NAMESAKE -> namesake;
    };
  }

  /** How many queries of each kind make {@code total}: shares rounded by largest remainder. */
  Map<Kind, Integer> counts(int total) {
    double sum = 0;
    for (Kind kind : Kind.values()) {
      sum += share(kind);
    }
    Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    Map<Kind, Double> remainders = new EnumMap<>(Kind.class);
    int assigned = 0;
    for (Kind kind : Kind.values()) {
      double exact = total * share(kind) / sum;
      counts.put(kind, (int) Math.floor(exact));
      remainders.put(kind, exact - Math.floor(exact));
      assigned += (int) Math.floor(exact);
    }
    while (assigned < total) {
      Kind largest =
          remainders.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
      counts.merge(largest, 1, Integer::sum);
      remainders.put(largest, -1.0);
      assigned++;
    }
    return counts;
  }
}
