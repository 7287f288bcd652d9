package org.accueil.bench;

import java.util.Locale;
import java.util.stream.Collectors;

/** The run's results, as Markdown that docs/PERFORMANCE.md can quote. */
final class Report {

  private final StringBuilder text = new StringBuilder();

  void line(String line) {
    text.append(line).append('\n');
    System.out.println(line);
  }

  void section(String title) {
    line("");
    line("## " + title);
    line("");
  }

  void latency(String side, Latencies.Summary s) {
    line(
        String.format(
            Locale.ROOT,
            "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f |",
            side,
            s.count(),
            s.p50(),
            s.p90(),
            s.p99(),
            s.max(),
            s.mean()));
  }

  void booking(String slots, BookingBenchmark.Result r) {
    String other =
        r.statuses().entrySet().stream()
            .filter(e -> e.getKey() != 201 && e.getKey() != 409)
            .map(e -> e.getKey() + "×" + e.getValue())
            .collect(Collectors.joining(" "));
    line(
        String.format(
            Locale.ROOT,
            "| %s | %d | %d | %d | %s | %.2f | %.0f | %.0f | %.1f | %.1f | %.1f | %.1f | %.1f /"
                + " %.1f |",
            slots,
            r.requests(),
            r.booked(),
            r.refused(),
            other.isEmpty() ? "0" : other,
            r.seconds(),
            r.requestsPerSecond(),
            r.bookingsPerSecond(),
            r.latency().p50(),
            r.latency().p90(),
            r.latency().p99(),
            r.latency().max(),
            r.cpu().jvm(),
            r.cpu().machine()));
  }

  String text() {
    return text.toString();
  }
}
