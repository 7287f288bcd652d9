package org.accueil.notifications;

import java.time.LocalDate;
import java.util.List;

/**
 * One of the practice's measures over a period of local days, for the dashboard to chart.
 *
 * @param from the first day counted
 * @param to the last day counted
 * @param rows one line per group (a channel, an appointment type, a provider), or one in all
 */
public record Report(String measure, LocalDate from, LocalDate to, String by, List<Row> rows) {

  /**
   * @param key what the row counts ({@code whatsapp}, a type's code, a provider's id, {@code all})
   * @param label the same, for people
   * @param total what the rate is out of
   * @param count how many of {@code total} the measure counts (confirmed, no-shows, failed…)
   * @param rate {@code count / total}, or null when nothing was counted
   */
  public record Row(
      String key,
      String label,
      long total,
      long count,
      @org.jspecify.annotations.Nullable Double rate) {

    public static Row of(String key, String label, long total, long count) {
      return new Row(key, label, total, count, total == 0 ? null : (double) count / total);
    }
  }
}
