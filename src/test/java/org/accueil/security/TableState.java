package org.accueil.security;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the database holds, cheaply enough to ask after every request: per table of the public
 * schema its row count and an order-independent hash of its rows, so a refused request that wrote
 * (or changed) anything shows.
 *
 * <p>Left out, because they change for reasons other than the request's outcome: Flyway's history,
 * db-scheduler's {@code scheduled_tasks} and Spring Modulith's {@code event_publication*}
 * (housekeeping), and tables whose name starts with {@code audit} (a refused request is audited:
 * that row is meant to stay). {@code api_key} is counted but its rows are not hashed: a call
 * touches its key's {@code last_used_at}.
 */
final class TableState {

  static final Set<String> HOUSEKEEPING =
      Set.of(
          "flyway_schema_history",
          "scheduled_tasks",
          "event_publication",
          "event_publication_archive");
  static final Set<String> COUNTED_ONLY = Set.of("api_key");

  private final JdbcClient jdbc;
  private final String fingerprintSql;
  private final List<String> textColumns = new ArrayList<>();

  TableState(JdbcClient jdbc) {
    this.jdbc = jdbc;
    List<String> tables =
        jdbc
            .sql(
                """
                SELECT table_name FROM information_schema.tables
                 WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
                 ORDER BY table_name
                """)
            .query(String.class)
            .list()
            .stream()
            .filter(t -> !HOUSEKEEPING.contains(t) && !t.startsWith("audit"))
            .toList();
    this.fingerprintSql =
        tables.stream()
            .map(
                t ->
                    COUNTED_ONLY.contains(t)
                        ? "SELECT '%s' AS t, count(*)::text AS f FROM %s".formatted(t, t)
                        // A committed insert or update leaves a row with a newer xmin, a delete
                        // one row fewer: the same answer as hashing every row's text, without
                        // turning every row into text for every case (the suite's slowest part).
                        : ("SELECT '%s' AS t, count(*) || ':' || coalesce(max(x.xmin::text::bigint),"
                                + " 0) AS f FROM %s x")
                            .formatted(t, t))
            .collect(Collectors.joining(" UNION ALL "));
    jdbc.sql(
            """
            SELECT table_name, column_name, data_type FROM information_schema.columns
             WHERE table_schema = 'public' AND (data_type = 'text' OR udt_name = '_text')
            """)
        .query(
            (rs, n) -> {
              String table = rs.getString(1);
              if (tables.contains(table) || table.startsWith("audit")) {
                String column = rs.getString(2);
                textColumns.add(
                    "ARRAY".equals(rs.getString(3))
                        ? "SELECT 1 FROM %s WHERE EXISTS (SELECT 1 FROM unnest(%s) e WHERE strpos(e, :text) > 0)"
                            .formatted(table, column)
                        : "SELECT 1 FROM %s WHERE strpos(%s, :text) > 0".formatted(table, column));
              }
              return null;
            })
        .list();
  }

  Map<String, String> fingerprint() {
    Map<String, String> state = new LinkedHashMap<>();
    jdbc.sql(fingerprintSql).query((rs, n) -> state.put(rs.getString(1), rs.getString(2))).list();
    return state;
  }

  /** The tables whose content differs between two fingerprints. */
  static List<String> changed(Map<String, String> before, Map<String, String> after) {
    List<String> changed = new ArrayList<>();
    after.forEach(
        (table, state) -> {
          if (!state.equals(before.get(table))) {
            changed.add(table + " (" + before.get(table) + " → " + state + ")");
          }
        });
    return changed;
  }

  /** Whether some text column holds {@code text} exactly as sent, within its value. */
  boolean storesVerbatim(String text) {
    String union = String.join(" UNION ALL ", textColumns);
    return !jdbc.sql("SELECT 1 FROM (" + union + ") found LIMIT 1")
        .param("text", text)
        .query(Integer.class)
        .list()
        .isEmpty();
  }
}
