package org.accueil.web.staff;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.accueil.conversations.ResponseMeasures;
import org.accueil.integration.IntegrationReview;
import org.accueil.notifications.Notifications;
import org.accueil.notifications.Report;
import org.accueil.platform.Scope;
import org.accueil.practice.PracticeDirectory;
import org.accueil.scheduling.BookingMeasures;
import org.accueil.scheduling.Source;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;

/**
 * The practice's dashboard over the last 7, 30 or 90 days: bookings per channel per day, the
 * confirmation and no-show rates (no-shows by the channel of the last reminder), how fast patients
 * get a first answer and how many the assistant answered, and how long a change took to reach the
 * EHR. Each chart is drawn by Chart.js from the data in its element, and is also a table (read by
 * screen readers, and shown when scripts are off).
 */
@Controller
class DashboardPages {

  private final BookingMeasures bookings;
  private final ResponseMeasures responses;
  private final IntegrationReview integration;
  private final Notifications notifications;
  private final PracticeDirectory practice;
  private final MessageSource messages;
  private final JsonMapper json;
  private final java.time.Clock clock;

  DashboardPages(
      BookingMeasures bookings,
      ResponseMeasures responses,
      IntegrationReview integration,
      Notifications notifications,
      PracticeDirectory practice,
      MessageSource messages,
      JsonMapper json,
      java.time.Clock clock) {
    this.bookings = bookings;
    this.responses = responses;
    this.integration = integration;
    this.notifications = notifications;
    this.practice = practice;
    this.messages = messages;
    this.json = json;
    this.clock = clock;
  }

  /** A headline number. */
  record Figure(String label, String value, String hint) {}

  /** One series of a chart. */
  record Series(String label, List<@Nullable Double> data) {}

  /** A chart and its table: {@code kind} is Chart.js's type (bar, line). */
  record Chart(
      String id,
      String title,
      String kind,
      boolean stacked,
      String unit,
      List<String> labels,
      List<Series> series,
      String data) {}

  @GetMapping("/app/dashboard")
  String dashboard(@RequestParam(defaultValue = "30") int days, Locale locale, Model model) {
    StaffAccess.require(Scope.REPORTS_READ);
    int span = days == 7 || days == 90 ? days : 30;
    ZoneId zone = practice.snapshot().zone();
    LocalDate to = LocalDate.now(clock.withZone(zone));
    LocalDate from = to.minusDays(span - 1L);
    List<LocalDate> period = from.datesUntil(to.plusDays(1)).toList();
    DateTimeFormatter short_ = DateTimeFormatter.ofPattern("d MMM", locale);
    List<String> labels = period.stream().map(short_::format).toList();

    List<Chart> charts = new ArrayList<>();
    // Bookings per channel per day.
    var perDay = bookings.perDayAndSource(from, to, zone);
    Map<Source, Map<LocalDate, Long>> bySource = new EnumMap<>(Source.class);
    perDay.forEach(
        c -> bySource.computeIfAbsent(c.source(), s -> new TreeMap<>()).put(c.day(), c.count()));
    List<Series> bookingSeries =
        bySource.entrySet().stream()
            .map(
                e ->
                    new Series(
                        text("dashboard.source." + e.getKey().code(), locale),
                        period.stream()
                            .map(d -> (double) e.getValue().getOrDefault(d, 0L))
                            .map(v -> (Double) v)
                            .toList()))
            .toList();
    charts.add(
        chart("bookings", "dashboard.bookings", "bar", true, "", labels, bookingSeries, locale));

    // First responses.
    var requests = responses.requests(from, to, zone);
    Map<LocalDate, List<Duration>> waits =
        requests.stream()
            .filter(r -> r.waited() != null)
            .collect(
                Collectors.groupingBy(
                    ResponseMeasures.Request::day,
                    TreeMap::new,
                    Collectors.mapping(ResponseMeasures.Request::waited, Collectors.toList())));
    charts.add(
        chart(
            "first-response",
            "dashboard.first-response",
            "line",
            false,
            text("dashboard.unit.minutes", locale),
            labels,
            List.of(
                new Series(
                    text("dashboard.median", locale),
                    period.stream().map(d -> minutes(percentile(waits.get(d), 50))).toList())),
            locale));

    // No-shows by the channel of the last reminder.
    Report noShows = notifications.noShows(from, to, "channel", locale);
    charts.add(
        chart(
            "no-shows",
            "dashboard.no-shows-by-channel",
            "bar",
            false,
            "%",
            noShows.rows().stream().map(Report.Row::label).toList(),
            List.of(
                new Series(
                    text("dashboard.no-show-rate", locale),
                    noShows.rows().stream()
                        .map(r -> r.rate() == null ? null : round(r.rate() * 100))
                        .toList())),
            locale));

    // The EHR's lag.
    Map<LocalDate, List<Duration>> lags =
        integration.ehrDeliveries(from, to, zone).stream()
            .collect(
                Collectors.groupingBy(
                    IntegrationReview.Delivered::day,
                    TreeMap::new,
                    Collectors.mapping(IntegrationReview.Delivered::lag, Collectors.toList())));
    charts.add(
        chart(
            "ehr-lag",
            "dashboard.ehr-lag",
            "line",
            false,
            text("dashboard.unit.seconds", locale),
            labels,
            List.of(
                new Series(
                    "p50", period.stream().map(d -> seconds(percentile(lags.get(d), 50))).toList()),
                new Series(
                    "p95",
                    period.stream().map(d -> seconds(percentile(lags.get(d), 95))).toList())),
            locale));

    // Headline figures.
    Report confirmations = notifications.confirmations(from, to);
    Report allNoShows = notifications.noShows(from, to, "all", locale);
    List<Duration> answered =
        requests.stream().map(ResponseMeasures.Request::waited).filter(w -> w != null).toList();
    long byAssistant = requests.stream().filter(r -> "assistant".equals(r.author())).count();
    List<Duration> allLags = lags.values().stream().flatMap(List::stream).toList();
    List<Figure> figures =
        List.of(
            new Figure(
                text("dashboard.bookings-total", locale),
                String.valueOf(perDay.stream().mapToLong(BookingMeasures.DayCount::count).sum()),
                ""),
            new Figure(
                text("dashboard.confirmation-rate", locale),
                percent(rate(confirmations)),
                count(confirmations, locale)),
            new Figure(
                text("dashboard.no-show-rate", locale),
                percent(rate(allNoShows)),
                count(allNoShows, locale)),
            new Figure(
                text("dashboard.first-response-median", locale),
                duration(percentile(answered, 50), locale),
                messages.getMessage("dashboard.requests", new Object[] {requests.size()}, locale)),
            new Figure(
                text("dashboard.assistant-share", locale),
                answered.isEmpty() ? "—" : percent((double) byAssistant / answered.size()),
                messages.getMessage("dashboard.answered", new Object[] {answered.size()}, locale)),
            new Figure(
                text("dashboard.ehr-lag-p95", locale),
                duration(percentile(allLags, 95), locale),
                messages.getMessage(
                    "dashboard.deliveries", new Object[] {allLags.size()}, locale)));

    model.addAttribute("days", span);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    model.addAttribute("figures", figures);
    model.addAttribute("charts", charts);
    return "web/staff/dashboard";
  }

  private Chart chart(
      String id,
      String title,
      String kind,
      boolean stacked,
      String unit,
      List<String> labels,
      List<Series> series,
      Locale locale) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("kind", kind);
    data.put("stacked", stacked);
    data.put("unit", unit);
    data.put("labels", labels);
    data.put(
        "series",
        series.stream()
            .map(s -> Map.<String, Object>of("label", s.label(), "data", s.data()))
            .toList());
    return new Chart(
        id,
        text(title, locale),
        kind,
        stacked,
        unit,
        labels,
        series,
        json.writeValueAsString(data));
  }

  static @Nullable Duration percentile(@Nullable List<Duration> values, int p) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    List<Duration> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
  }

  private static @Nullable Double minutes(@Nullable Duration d) {
    return d == null ? null : round(d.toMillis() / 60_000.0);
  }

  private static @Nullable Double seconds(@Nullable Duration d) {
    return d == null ? null : Math.round(d.toMillis() / 10.0) / 100.0;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }

  private static @Nullable Double rate(Report report) {
    return report.rows().isEmpty() ? null : report.rows().getFirst().rate();
  }

  private static String percent(@Nullable Double rate) {
    return rate == null ? "—" : Math.round(rate * 1000) / 10.0 + " %";
  }

  private String count(Report report, Locale locale) {
    if (report.rows().isEmpty()) {
      return "";
    }
    Report.Row row = report.rows().getFirst();
    return messages.getMessage("dashboard.of", new Object[] {row.count(), row.total()}, locale);
  }

  private String duration(@Nullable Duration d, Locale locale) {
    if (d == null) {
      return "—";
    }
    if (d.toMillis() < 1000) {
      return d.toMillis() + " ms";
    }
    if (d.toSeconds() < 120) {
      return round(d.toMillis() / 1000.0) + " s";
    }
    if (d.toMinutes() < 120) {
      return d.toMinutes() + " min";
    }
    return round(d.toMinutes() / 60.0) + " h";
  }

  private String text(String code, Locale locale) {
    return messages.getMessage(code, null, code, locale);
  }
}
