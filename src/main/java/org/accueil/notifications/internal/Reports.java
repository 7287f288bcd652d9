package org.accueil.notifications.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.accueil.notifications.Report;
import org.accueil.notifications.Report.Row;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Attendance;
import org.accueil.scheduling.Attendance.Outcome;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The measures the dashboard charts: counts over a period, never a patient. */
@Component
public class Reports {

  /** The visits whose outcome is known: the patient came, or did not. */
  private static final Set<AppointmentStatus> SETTLED =
      EnumSet.of(
          AppointmentStatus.ARRIVED,
          AppointmentStatus.CHECKED_IN,
          AppointmentStatus.FULFILLED,
          AppointmentStatus.NOSHOW);

  private final JdbcClient jdbc;
  private final Attendance attendance;
  private final PracticeDirectory practice;

  Reports(JdbcClient jdbc, Attendance attendance, PracticeDirectory practice) {
    this.jdbc = jdbc;
    this.attendance = attendance;
    this.practice = practice;
  }

  /** Of the appointments of the period still standing (or seen), how many the patient confirmed. */
  public Report confirmations(LocalDate from, LocalDate to) {
    List<Outcome> outcomes = outcomes(from, to);
    List<Outcome> standing =
        outcomes.stream()
            .filter(
                o ->
                    o.status() != AppointmentStatus.CANCELLED
                        && o.status() != AppointmentStatus.ENTERED_IN_ERROR)
            .toList();
    long confirmed = standing.stream().filter(o -> o.confirmedAt() != null).count();
    return new Report(
        "confirmations",
        from,
        to,
        "all",
        List.of(Row.of("all", "All appointments", standing.size(), confirmed)));
  }

  /**
   * Of the visits whose outcome is known, how many were missed: in all, by the channel of the last
   * reminder sent ({@code none} when none was), by appointment type or by provider.
   */
  public Report noShows(LocalDate from, LocalDate to, String by, Locale language) {
    List<Outcome> settled =
        outcomes(from, to).stream().filter(o -> SETTLED.contains(o.status())).toList();
    PracticeSnapshot snapshot = practice.snapshot();
    Function<Outcome, String[]> group =
        switch (by) {
          case "channel" -> {
            Map<UUID, String> channels = reminderChannels(settled);
            yield o -> {
              String c = channels.getOrDefault(o.appointment().value(), "none");
              return new String[] {c, c};
            };
          }
          case "type" ->
              o ->
                  snapshot
                      .appointmentType(o.type())
                      .map(t -> new String[] {t.code(), t.name().in(language)})
                      .orElse(new String[] {o.type().value().toString(), "?"});
          case "provider" ->
              o ->
                  snapshot
                      .provider(o.provider())
                      .map(p -> new String[] {p.id().value().toString(), p.displayName()})
                      .orElse(new String[] {o.provider().value().toString(), "?"});
          default -> o -> new String[] {"all", "All visits"};
        };
    Map<String, long[]> counts = new TreeMap<>();
    Map<String, String> labels = new HashMap<>();
    for (Outcome o : settled) {
      String[] g = group.apply(o);
      labels.put(g[0], g[1]);
      long[] c = counts.computeIfAbsent(g[0], k -> new long[2]);
      c[0]++;
      if (o.status() == AppointmentStatus.NOSHOW) {
        c[1]++;
      }
    }
    List<Row> rows = new ArrayList<>();
    counts.forEach((key, c) -> rows.add(Row.of(key, labels.get(key), c[0], c[1])));
    return new Report("no-shows", from, to, by, rows);
  }

  /**
   * Per channel, of the notifications tried on it in the period: how many reached the patient
   * (delivered or read) and how many failed; a message still on its way counts in neither.
   */
  public List<Report> deliveries(LocalDate from, LocalDate to) {
    ZoneId zone = zone();
    Map<String, long[]> counts = new TreeMap<>();
    jdbc.sql(
            """
            SELECT channel,
                   count(*) AS tried,
                   count(*) FILTER (WHERE status IN ('delivered', 'read')) AS delivered,
                   count(*) FILTER (WHERE status = 'failed') AS failed
              FROM notification_attempt
             WHERE created_at >= :from AND created_at < :to
             GROUP BY channel
            """)
        .param("from", NotificationStore.utc(start(from, zone)))
        .param("to", NotificationStore.utc(start(to.plusDays(1), zone)))
        .query(
            (rs, n) ->
                counts.put(
                    rs.getString("channel"),
                    new long[] {
                      rs.getLong("tried"), rs.getLong("delivered"), rs.getLong("failed")
                    }))
        .list();
    List<Row> delivered = new ArrayList<>();
    List<Row> failed = new ArrayList<>();
    counts.forEach(
        (channel, c) -> {
          delivered.add(Row.of(channel, channel, c[0], c[1]));
          failed.add(Row.of(channel, channel, c[0], c[2]));
        });
    return List.of(
        new Report("delivered", from, to, "channel", delivered),
        new Report("failed", from, to, "channel", failed));
  }

  /** Waitlist offers sent in the period, and how many were taken. */
  public Report waitlist(LocalDate from, LocalDate to) {
    ZoneId zone = zone();
    long[] c =
        jdbc.sql(
                """
                SELECT count(*) FILTER (WHERE status = 'sent') AS offered,
                       count(*) FILTER (WHERE status = 'sent' AND data->>'acceptedAt' IS NOT NULL) AS filled
                  FROM notification
                 WHERE kind = 'waitlist-offer' AND created_at >= :from AND created_at < :to
                """)
            .param("from", NotificationStore.utc(start(from, zone)))
            .param("to", NotificationStore.utc(start(to.plusDays(1), zone)))
            .query((rs, n) -> new long[] {rs.getLong("offered"), rs.getLong("filled")})
            .single();
    return new Report(
        "waitlist-fills", from, to, "all", List.of(Row.of("all", "Offers sent", c[0], c[1])));
  }

  private List<Outcome> outcomes(LocalDate from, LocalDate to) {
    ZoneId zone = zone();
    return attendance.outcomes(start(from, zone), start(to.plusDays(1), zone));
  }

  private Map<UUID, String> reminderChannels(List<Outcome> outcomes) {
    Map<UUID, String> channels = new HashMap<>();
    if (outcomes.isEmpty()) {
      return channels;
    }
    jdbc.sql(
            """
            SELECT DISTINCT ON (appointment_id) appointment_id, channel
              FROM notification
             WHERE kind = 'reminder' AND status = 'sent' AND appointment_id IN (:ids)
             ORDER BY appointment_id, sent_at DESC
            """)
        .param("ids", outcomes.stream().map(o -> o.appointment().value()).toList())
        .query((rs, n) -> channels.put(rs.getObject(1, UUID.class), rs.getString(2)))
        .list();
    return channels;
  }

  private ZoneId zone() {
    return practice.snapshot().zone();
  }

  private static Instant start(LocalDate day, ZoneId zone) {
    return day.atStartOfDay(zone).toInstant();
  }
}
