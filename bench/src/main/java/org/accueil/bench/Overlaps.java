package org.accueil.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Double bookings, counted the slow way: a self-join of the appointment table, independent of the
 * exclusion constraints it checks. Each pair of rows that occupy time (every status but cancelled,
 * no-show and entered-in-error) and overlap is counted once.
 */
final class Overlaps {

  private static final String OCCUPYING =
      "('proposed', 'pending', 'booked', 'arrived', 'checked-in', 'fulfilled')";

  private Overlaps() {}

  static Map<String, Long> count(JdbcTemplate jdbc) {
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put(
        "provider overlaps (blocked time, buffers included)",
        pairs(jdbc, "provider_id", "blocked_from", "blocked_until"));
    counts.put(
        "room overlaps (blocked time, buffers included)",
        pairs(jdbc, "room_id", "blocked_from", "blocked_until"));
    counts.put("patient overlaps (visit time)", pairs(jdbc, "patient_id", "starts_at", "ends_at"));
    return counts;
  }

  private static long pairs(JdbcTemplate jdbc, String resource, String from, String until) {
    return jdbc.queryForObject(
        "SELECT count(*) FROM appointment a JOIN appointment b ON a."
            + resource
            + " = b."
            + resource
            + " AND a.id < b.id AND a."
            + from
            + " < b."
            + until
            + " AND b."
            + from
            + " < a."
            + until
            + " WHERE a.status IN "
            + OCCUPYING
            + " AND b.status IN "
            + OCCUPYING,
        Long.class);
  }
}
