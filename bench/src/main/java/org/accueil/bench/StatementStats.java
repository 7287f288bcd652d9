package org.accueil.bench;

import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Where PostgreSQL spends a phase's time, from pg_stat_statements, when the server has it loaded
 * (the embedded one does not: run with {@code db-url=} pointing at a server started with {@code
 * shared_preload_libraries = 'pg_stat_statements'}; docs/PERFORMANCE.md shows how).
 */
final class StatementStats {

  private final JdbcTemplate jdbc;
  private final boolean available;

  StatementStats(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    boolean loaded;
    try {
      jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
      jdbc.queryForObject("SELECT count(*) FROM pg_stat_statements", Long.class);
      loaded = true;
    } catch (RuntimeException e) {
      loaded = false;
    }
    this.available = loaded;
  }

  boolean available() {
    return available;
  }

  void reset() {
    if (available) {
      jdbc.queryForList("SELECT pg_stat_statements_reset()");
    }
  }

  /** The statements that took most of the server's time since {@link #reset}, per booking. */
  void report(Report report, long operations) {
    if (!available) {
      return;
    }
    List<String> rows =
        jdbc.query(
            """
            SELECT calls, total_exec_time, mean_exec_time, shared_blks_hit + shared_blks_read AS blks,
                   regexp_replace(left(query, 110), '\\s+', ' ', 'g') AS query
              FROM pg_stat_statements
             WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
             ORDER BY total_exec_time DESC LIMIT 16
            """,
            (rs, n) ->
                String.format(
                    Locale.ROOT,
                    "| %.2f | %d | %.3f | %.3f | %.1f | `%s` |",
                    rs.getLong("calls") / (double) operations,
                    rs.getLong("calls"),
                    rs.getDouble("mean_exec_time"),
                    rs.getDouble("total_exec_time") / operations,
                    rs.getLong("blks") / (double) rs.getLong("calls"),
                    rs.getString("query").replace('|', '/').replace('`', '\'')));
    Double total =
        jdbc.queryForObject(
            "SELECT sum(total_exec_time) FROM pg_stat_statements"
                + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())",
            Double.class);
    report.line("");
    report.line(
        String.format(
            Locale.ROOT,
            "pg_stat_statements over the distinct bookings: %.3f ms of statement execution per"
                + " booking in all (commit waits not included).",
            total == null ? 0 : total / operations));
    report.line("");
    report.line("| calls/booking | calls | mean ms | ms/booking | buffers/call | statement |");
    report.line("|---:|---:|---:|---:|---:|---|");
    rows.forEach(report::line);
  }
}
