package org.accueil.satisfaction;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The answers over a period of local days, per group.
 *
 * @param by {@code provider}, {@code channel} or {@code month}
 */
public record SatisfactionReport(
    String measure, LocalDate from, LocalDate to, String by, List<Row> rows) {

  /**
   * @param key the provider's id ({@code none} for conversations), the channel asked on, or the
   *     month ({@code 2027-04})
   * @param asked questions that went out
   * @param answered of them, answered
   * @param responseRate {@code answered / asked}, null when none was asked
   * @param average the mean score, null when none answered
   * @param distribution how many answered 1, 2, 3, 4 and 5, in that order
   * @param low answers at or below the low score
   * @param lowShare {@code low / answered}, null when none answered
   */
  public record Row(
      String key,
      String label,
      long asked,
      long answered,
      @Nullable Double responseRate,
      @Nullable Double average,
      List<Long> distribution,
      long low,
      @Nullable Double lowShare) {}
}
