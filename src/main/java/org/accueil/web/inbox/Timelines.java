package org.accueil.web.inbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.accueil.conversations.TimelineEntry;
import org.accueil.practice.PracticeDirectory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Timeline entries as the pages show them: times in the practice's zone and the reader's language,
 * events in words, who wrote each entry by name. Texts stay as written: the templates escape them.
 */
@Component
class Timelines {

  /**
   * One entry of the timeline.
   *
   * @param kind message, note or event
   * @param who the staff member's name, for staff messages and notes
   * @param eventText the event in words, with its time or reason when it has one
   * @param waitsForWindow a WhatsApp message held until the patient writes again
   */
  record Row(
      long seq,
      String kind,
      @Nullable String channel,
      @Nullable String direction,
      String author,
      @Nullable String who,
      String at,
      String atIso,
      @Nullable String text,
      @Nullable String event,
      @Nullable String eventText,
      @Nullable String delivery,
      @Nullable String deliveryError,
      boolean waitsForWindow,
      @Nullable String template) {}

  private final MessageSource messages;
  private final PracticeDirectory practice;
  private final Clock clock;

  Timelines(MessageSource messages, PracticeDirectory practice, Clock clock) {
    this.messages = messages;
    this.practice = practice;
    this.clock = clock;
  }

  List<Row> rows(List<TimelineEntry> entries, Map<String, String> staff, Locale locale) {
    DateTimeFormatter format = dateTime(locale);
    return entries.stream().map(e -> row(e, staff, format, locale)).toList();
  }

  private Row row(
      TimelineEntry e, Map<String, String> staff, DateTimeFormatter format, Locale locale) {
    return new Row(
        e.seq(),
        e.kind().code(),
        e.channel() == null ? null : e.channel().code(),
        e.direction() == null ? null : e.direction().code(),
        e.author().code(),
        StaffNames.name(staff, e.authorRef()),
        format.format(e.at()),
        e.at().toString(),
        e.text(),
        e.event(),
        e.event() == null ? null : eventText(e.event(), e.data(), staff, format, locale),
        e.delivery() == null ? null : e.delivery().name().toLowerCase(Locale.ROOT),
        e.deliveryError(),
        Boolean.TRUE.equals(e.data().get("waitsForWindow")),
        e.data().get("template") instanceof String t ? t : null);
  }

  /** "Appointment booked · 12 Mar 2027, 10:30", "Assigned to Claire Dubois"… */
  private String eventText(
      String event,
      Map<String, Object> data,
      Map<String, String> staff,
      DateTimeFormatter format,
      Locale locale) {
    String label = messages.getMessage("inbox.event." + event, null, event, locale);
    StringBuilder text = new StringBuilder(label == null ? event : label);
    if (data.get("start") instanceof String start) {
      text.append(" · ").append(instant(start, format));
    }
    if (data.get("assignee") instanceof String assignee) {
      text.append(" · ").append(StaffNames.name(staff, assignee));
    }
    if (data.get("reason") instanceof String reason && !reason.isBlank()) {
      text.append(" · ").append(reason);
    }
    if (data.get("durationSeconds") instanceof Number seconds) {
      text.append(" · ").append(duration(Duration.ofSeconds(seconds.longValue()), locale));
    }
    if (data.get("until") instanceof String until) {
      text.append(" · ").append(instant(until, format));
    }
    if (data.get("score") instanceof Number score && event.equals("satisfaction.rated")) {
      text.append(" · ").append(score).append("/5");
    }
    if (data.get("title") instanceof String title && event.startsWith("questionnaire.")) {
      text.append(" · ").append(title);
    }
    return text.toString();
  }

  private static String instant(String iso, DateTimeFormatter format) {
    try {
      return format.format(Instant.parse(iso));
    } catch (java.time.format.DateTimeParseException notAnInstant) {
      return iso;
    }
  }

  DateTimeFormatter dateTime(Locale locale) {
    return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
        .withLocale(locale)
        .withZone(zone());
  }

  ZoneId zone() {
    return practice.snapshot().zone();
  }

  Instant now() {
    return clock.instant();
  }

  /** How long, as the inbox says it: "45 min", "3 h", "2 d". */
  String duration(Duration d, Locale locale) {
    if (d.isNegative()) {
      d = Duration.ZERO;
    }
    if (d.toMinutes() < 60) {
      return messages.getMessage("inbox.minutes", new Object[] {d.toMinutes()}, locale);
    }
    if (d.toHours() < 48) {
      return messages.getMessage("inbox.hours", new Object[] {d.toHours()}, locale);
    }
    return messages.getMessage("inbox.days", new Object[] {d.toDays()}, locale);
  }
}
