package org.accueil.satisfaction.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.accueil.patients.Channel;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.satisfaction.SatisfactionProperties;
import org.accueil.satisfaction.SatisfactionReport;
import org.accueil.satisfaction.SatisfactionReport.Row;
import org.springframework.stereotype.Component;

/**
 * The answers counted per group: the questions that went out over the days of the visits (or
 * resolutions) of the period, never a patient nor a comment.
 */
@Component
public class SatisfactionReports {

  public static final List<String> GROUPINGS = List.of("provider", "channel", "month");

  private final RequestStore store;
  private final PracticeDirectory practice;
  private final SatisfactionProperties properties;

  SatisfactionReports(
      RequestStore store, PracticeDirectory practice, SatisfactionProperties properties) {
    this.store = store;
    this.practice = practice;
    this.properties = properties;
  }

  public SatisfactionReport report(LocalDate from, LocalDate to, String by) {
    PracticeSnapshot snapshot = practice.snapshot();
    Function<RequestStore.Counted, String> key =
        switch (by) {
          case "provider" -> c -> c.provider() == null ? "none" : c.provider().toString();
          case "channel" -> c -> c.channel() == null ? "none" : c.channel();
          case "month" -> c -> c.day().toString().substring(0, 7);
          default -> throw new IllegalArgumentException("by " + by);
        };
    Map<String, List<RequestStore.Counted>> groups = new TreeMap<>();
    for (RequestStore.Counted c : store.asked(from, to)) {
      groups.computeIfAbsent(key.apply(c), k -> new ArrayList<>()).add(c);
    }
    List<Row> rows = new ArrayList<>();
    groups.forEach((k, counted) -> rows.add(row(k, label(by, k, snapshot), counted)));
    return new SatisfactionReport("satisfaction", from, to, by, rows);
  }

  private Row row(String key, String label, List<RequestStore.Counted> counted) {
    long[] distribution = new long[5];
    long answered = 0;
    long sum = 0;
    long low = 0;
    for (RequestStore.Counted c : counted) {
      if (c.score() != null) {
        answered++;
        sum += c.score();
        distribution[c.score() - 1]++;
        if (c.score() <= properties.lowScore()) {
          low++;
        }
      }
    }
    long asked = counted.size();
    return new Row(
        key,
        label,
        asked,
        answered,
        asked == 0 ? null : (double) answered / asked,
        answered == 0 ? null : (double) sum / answered,
        List.of(
            distribution[0], distribution[1], distribution[2], distribution[3], distribution[4]),
        low,
        answered == 0 ? null : (double) low / answered);
  }

  private static String label(String by, String key, PracticeSnapshot snapshot) {
    return switch (by) {
      case "provider" ->
          key.equals("none")
              ? "Conversations"
              : snapshot
                  .provider(ProviderId.of(UUID.fromString(key)))
                  .map(Provider::displayName)
                  .orElse(key);
      case "channel" ->
          Channel.ofCode(key)
              .map(
                  c ->
                      switch (c) {
                        case WHATSAPP -> "WhatsApp";
                        case SMS -> "SMS";
                        case EMAIL -> "E-mail";
                        case WEBCHAT -> "Web chat";
                        case PHONE -> "Phone";
                      })
              .orElse(key);
      default -> key;
    };
  }
}
