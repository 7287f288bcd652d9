package org.accueil.patients.evaluation;

import java.util.List;
import java.util.Random;

/** Draws items in proportion to their weights. Immutable, so one draw serves every generator. */
final class WeightedDraw<T> {

  private final List<T> items;
  private final double[] cumulative;

  WeightedDraw(List<T> items, double[] weights) {
    if (items.isEmpty() || items.size() != weights.length) {
      throw new IllegalArgumentException("one positive weight per item, at least one item");
    }
    this.items = List.copyOf(items);
    this.cumulative = new double[weights.length];
    double total = 0;
    for (int i = 0; i < weights.length; i++) {
      total += weights[i];
      cumulative[i] = total;
    }
  }

  T draw(Random random) {
    double point = random.nextDouble() * cumulative[cumulative.length - 1];
    int low = 0;
    int high = cumulative.length - 1;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (cumulative[middle] > point) {
        high = middle;
      } else {
        low = middle + 1;
      }
    }
    return items.get(low);
  }
}
