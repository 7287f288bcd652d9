package org.accueil.notifications.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An appointment as a calendar file (RFC 5545) and as "add to calendar" links for Google Calendar
 * and Outlook.com, so that a confirmation by e-mail puts the visit in the patient's calendar.
 */
public final class CalendarInvite {

  private static final String CRLF = "\r\n";

  /** RFC 5545 §3.1: content lines are folded at 75 octets, the line break excluded. */
  private static final int LINE_OCTETS = 75;

  private static final DateTimeFormatter ICS_UTC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter ISO_UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private CalendarInvite() {}

  /**
   * One appointment.
   *
   * @param uid the same for every version of the appointment, so that a calendar updates its event
   * @param sequence raised each time the appointment moves (RFC 5545 §3.8.7.4): a calendar keeps
   *     the version with the highest
   * @param stamp when this version was written (DTSTAMP)
   * @param url where the patient manages the appointment
   * @param cancelled the appointment is off: the file removes the event from the calendar
   * @param organizerEmail the practice's address; without it the file names no organizer
   */
  public record Event(
      String uid,
      int sequence,
      Instant start,
      Instant end,
      Instant stamp,
      String summary,
      @Nullable String location,
      @Nullable String description,
      @Nullable String url,
      boolean cancelled,
      String organizerName,
      @Nullable String organizerEmail) {
    public Event {
      if (uid.isBlank()) {
        throw new IllegalArgumentException("An event needs a UID");
      }
      if (sequence < 0) {
        throw new IllegalArgumentException("SEQUENCE starts at 0, not " + sequence);
      }
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("An event ends after it starts");
      }
      // Both go into the file unescaped (URI and CAL-ADDRESS values): a line break would end it.
      if (url != null && !url.matches("\\p{Graph}+")) {
        throw new IllegalArgumentException("Not a URL: " + url);
      }
      if (organizerEmail != null
          && !organizerEmail.matches("[^\\s\\p{Cntrl}]+@[^\\s\\p{Cntrl}]+")) {
        throw new IllegalArgumentException("Not an e-mail address: " + organizerEmail);
      }
    }
  }

  /** The calendar file: one VEVENT, UTF-8, CRLF line ends, folded lines. */
  public static byte[] ics(Event e) {
    List<String> lines = new ArrayList<>();
    lines.add("BEGIN:VCALENDAR");
    lines.add("VERSION:2.0");
    lines.add("PRODID:-//Accueil//Appointments//EN");
    lines.add("CALSCALE:GREGORIAN");
    lines.add("METHOD:" + method(e));
    lines.add("BEGIN:VEVENT");
    lines.add("UID:" + text(e.uid()));
    lines.add("SEQUENCE:" + e.sequence());
    lines.add("DTSTAMP:" + ICS_UTC.format(e.stamp()));
    lines.add("DTSTART:" + ICS_UTC.format(e.start()));
    lines.add("DTEND:" + ICS_UTC.format(e.end()));
    lines.add("SUMMARY:" + text(e.summary()));
    if (e.location() != null) {
      lines.add("LOCATION:" + text(e.location()));
    }
    if (e.description() != null) {
      lines.add("DESCRIPTION:" + text(e.description()));
    }
    if (e.url() != null) {
      lines.add("URL:" + e.url());
    }
    if (e.organizerEmail() != null) {
      // RFC 5546 §3.2.1/§3.2.5: PUBLISH and CANCEL name their organizer.
      lines.add(
          "ORGANIZER;CN=\"" + parameter(e.organizerName()) + "\":mailto:" + e.organizerEmail());
    }
    lines.add("STATUS:" + (e.cancelled() ? "CANCELLED" : "CONFIRMED"));
    lines.add("END:VEVENT");
    lines.add("END:VCALENDAR");
    StringBuilder out = new StringBuilder();
    for (String line : lines) {
      out.append(folded(line)).append(CRLF);
    }
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The attachment's media type: RFC 6047 §2.4 wants the {@code method} parameter to be the file's
   * METHOD, and mail clients show their "add to calendar" card from it.
   */
  public static String mediaType(Event e) {
    return "text/calendar; method=" + method(e) + "; charset=UTF-8";
  }

  /**
   * A link that opens Google Calendar's new-event form filled in. Google documents no format for
   * it; the parameters are those of add-event-to-calendar-docs (services/google.md, maintained by
   * the Interaction Design Foundation): {@code action=TEMPLATE}, {@code text}, {@code
   * dates=YYYYMMDDTHHmmSSZ/YYYYMMDDTHHmmSSZ} in UTC, {@code details}, {@code location}.
   */
  public static String googleLink(Event e) {
    StringBuilder link =
        new StringBuilder("https://calendar.google.com/calendar/render?action=TEMPLATE")
            .append("&text=")
            .append(encoded(e.summary()))
            .append("&dates=")
            .append(ICS_UTC.format(e.start()))
            .append('/')
            .append(ICS_UTC.format(e.end()));
    appendIfPresent(link, "location", e.location());
    appendIfPresent(link, "details", details(e));
    return link.toString();
  }

  /**
   * A link that opens Outlook.com's new-event form filled in. Microsoft documents no format for it;
   * this is the deep link of add-event-to-calendar-docs (services/outlook-web.md, re-tested against
   * outlook.live.com in August 2026): {@code /calendar/0/deeplink/compose} with {@code
   * path=/calendar/action/compose}, {@code rru=addevent}, {@code subject}, {@code startdt} and
   * {@code enddt} as {@code YYYY-MM-DDTHH:mm:SSZ} in UTC, {@code location}, {@code body}.
   */
  public static String outlookLink(Event e) {
    StringBuilder link =
        new StringBuilder("https://outlook.live.com/calendar/0/deeplink/compose?subject=")
            .append(encoded(e.summary()))
            .append("&startdt=")
            .append(ISO_UTC.format(e.start()))
            .append("&enddt=")
            .append(ISO_UTC.format(e.end()));
    appendIfPresent(link, "location", e.location());
    appendIfPresent(link, "body", details(e));
    return link.append("&path=")
        .append(encoded("/calendar/action/compose"))
        .append("&rru=addevent")
        .toString();
  }

  private static String method(Event e) {
    return e.cancelled() ? "CANCEL" : "PUBLISH";
  }

  /** The links carry no URL field: the description gets the link to the appointment. */
  private static @Nullable String details(Event e) {
    if (e.url() == null) {
      return e.description();
    }
    return e.description() == null ? e.url() : e.description() + "\n\n" + e.url();
  }

  private static void appendIfPresent(StringBuilder link, String name, @Nullable String value) {
    if (value != null && !value.isBlank()) {
      link.append('&').append(name).append('=').append(encoded(value));
    }
  }

  /**
   * Percent-encoded UTF-8 (RFC 3986), a space as {@code %20} rather than the form encoding's {@code
   * +}, which not every reader of a link turns back into a space.
   */
  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, a line break as {@code
   * \n}; other control characters are not allowed in TEXT and are dropped.
   */
  static String text(String value) {
    String lines = value.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(lines.length());
    for (int i = 0; i < lines.length(); i++) {
      char c = lines.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case ';' -> out.append("\\;");
        case ',' -> out.append("\\,");
        case '\n' -> out.append("\\n");
        default -> {
          if (c == '\t' || !Character.isISOControl(c)) {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * A parameter value, to be quoted: RFC 6868 carets for a double quote and a line break, which a
   * quoted parameter value cannot hold; other control characters dropped.
   */
  private static String parameter(String value) {
    StringBuilder out = new StringBuilder(value.length());
    String lines = value.replace("\r\n", "\n").replace('\r', '\n');
    for (int i = 0; i < lines.length(); i++) {
      char c = lines.charAt(i);
      switch (c) {
        case '^' -> out.append("^^");
        case '"' -> out.append("^'");
        case '\n' -> out.append("^n");
        default -> {
          if (c == '\t' || !Character.isISOControl(c)) {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  /**
   * RFC 5545 §3.1: a line longer than 75 octets continues on the next line after a space, which
   * counts in that line's 75. Octets are UTF-8 bytes; a character is never split across lines.
   */
  static String folded(String line) {
    StringBuilder out = new StringBuilder(line.length() + 8);
    int octets = 0;
    for (int i = 0; i < line.length(); ) {
      int codePoint = line.codePointAt(i);
      int size = utf8Length(codePoint);
      if (octets + size > LINE_OCTETS) {
        out.append(CRLF).append(' ');
        octets = 1;
      }
      out.appendCodePoint(codePoint);
      octets += size;
      i += Character.charCount(codePoint);
    }
    return out.toString();
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    return codePoint < 0x10000 ? 3 : 4;
  }
}
