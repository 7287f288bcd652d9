package org.accueil.scheduling;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** How bookings arrive: per local day of their creation and per channel they came through. */
@Component
public class BookingMeasures {

  /** Bookings made on {@code day} through {@code source} (cancelled ones included). */
  public record DayCount(LocalDate day, Source source, long count) {}

  private final JdbcClient jdbc;

  BookingMeasures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Per local day in {@code zone}, from {@code from} to {@code to} inclusive. */
  @Transactional(readOnly = true)
  public List<DayCount> perDayAndSource(LocalDate from, LocalDate to, ZoneId zone) {
    Instant start = from.atStartOfDay(zone).toInstant();
    Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
    return jdbc.sql(
            """
            SELECT (created_at AT TIME ZONE :zone)::date AS day, source, count(*) AS n
              FROM appointment
             WHERE created_at >= :start AND created_at < :end
               AND status <> 'entered-in-error'
             GROUP BY 1, 2
             ORDER BY 1, 2
            """)
        .param("zone", zone.getId())
        .param("start", java.sql.Timestamp.from(start))
        .param("end", java.sql.Timestamp.from(end))
        .query(
            (rs, n) ->
                new DayCount(
                    rs.getObject("day", LocalDate.class),
                    Source.ofCode(rs.getString("source")),
                    rs.getLong("n")))
        .list();
  }
}
