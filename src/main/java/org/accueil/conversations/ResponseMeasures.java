package org.accueil.conversations;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * How fast patients get an answer, and from whom. A request is a patient's message that follows an
 * answer (or opens the conversation): the messages a patient sends before anyone answered are one
 * request. Its first response is the next message the assistant or a staff member sent in the same
 * conversation, on any channel; notices the practice sends on its own (reminders) are not answers.
 */
@Component
public class ResponseMeasures {

  /**
   * One request made on {@code day} (local), answered after {@code waited} by {@code author}
   * ({@code assistant} or {@code staff}), or not answered yet (both null).
   */
  public record Request(LocalDate day, @Nullable Duration waited, @Nullable String author) {}

  private final JdbcClient jdbc;

  ResponseMeasures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The requests made from {@code from} to {@code to} inclusive, local days in {@code zone}. */
  @Transactional(readOnly = true)
  public List<Request> requests(LocalDate from, LocalDate to, ZoneId zone) {
    Instant start = from.atStartOfDay(zone).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
    return jdbc.sql(
            """
            WITH m AS (
              SELECT conversation_id, at, seq, direction,
                     lag(direction) OVER (PARTITION BY conversation_id ORDER BY at, seq) AS before
                FROM conversation_entry
               WHERE kind = 'message'
                 AND (direction = 'inbound' OR author IN ('assistant', 'staff'))
                 AND at >= CAST(:start AS timestamptz) - interval '2 days' AND at < :end
            ), asks AS (
              SELECT conversation_id, at, seq FROM m
               WHERE direction = 'inbound' AND (before IS NULL OR before = 'outbound')
                 AND at >= :start
            )
            SELECT (a.at AT TIME ZONE :zone)::date AS day,
                   EXTRACT(EPOCH FROM (r.at - a.at)) * 1000 AS wait_ms, r.author
              FROM asks a
              LEFT JOIN LATERAL (
                SELECT o.at, o.author FROM conversation_entry o
                 WHERE o.conversation_id = a.conversation_id AND o.kind = 'message'
                   AND o.direction = 'outbound' AND o.author IN ('assistant', 'staff')
                   AND (o.at, o.seq) > (a.at, a.seq)
                 ORDER BY o.at, o.seq
                 LIMIT 1) r ON true
             ORDER BY a.at
            """)
        .param("zone", zone.getId())
        .param("start", java.sql.Timestamp.from(start))
        .param("end", java.sql.Timestamp.from(end))
        .query(
            (rs, n) -> {
              double ms = rs.getDouble("wait_ms");
              boolean answered = !rs.wasNull();
              return new Request(
                  rs.getObject("day", LocalDate.class),
                  answered ? Duration.ofMillis(Math.round(ms)) : null,
                  rs.getString("author"));
            })
        .list();
  }
}
