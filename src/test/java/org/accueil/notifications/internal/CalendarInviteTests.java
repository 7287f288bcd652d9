package org.accueil.notifications.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.accueil.notifications.internal.CalendarInvite.Event;
import org.junit.jupiter.api.Test;

/**
 * The calendar file and links of an appointment. No iCalendar library is on the test classpath
 * (neither ical4j nor biweekly), so {@link Ics} reads the file back strictly by RFC 5545's lines.
 */
class CalendarInviteTests {

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  @Test
  void aConfirmedAppointmentIsOnePublishedEventWithItsTimesInUtc() {
    Ics ics = Ics.read(CalendarInvite.ics(checkUp()));

    assertThat(ics.names())
        .containsExactly(
            "BEGIN",
            "VERSION",
            "PRODID",
            "CALSCALE",
            "METHOD",
            "BEGIN",
            "UID",
            "SEQUENCE",
            "DTSTAMP",
            "DTSTART",
            "DTEND",
            "SUMMARY",
            "LOCATION",
            "DESCRIPTION",
            "URL",
            "ORGANIZER",
            "STATUS",
            "END",
            "END");
    assertThat(ics.values("BEGIN")).containsExactly("VCALENDAR", "VEVENT");
    assertThat(ics.values("END")).containsExactly("VEVENT", "VCALENDAR");
    assertThat(ics.value("VERSION")).isEqualTo("2.0");
    assertThat(ics.value("PRODID")).isEqualTo("-//Accueil//Appointments//EN");
    assertThat(ics.value("CALSCALE")).isEqualTo("GREGORIAN");
    assertThat(ics.value("METHOD")).isEqualTo("PUBLISH");
    assertThat(ics.value("UID")).isEqualTo("appt-42@cabinet-martin.fr");
    assertThat(ics.value("SEQUENCE")).isEqualTo("0");
    assertThat(ics.value("DTSTAMP")).isEqualTo("20270301T161505Z");
    assertThat(ics.value("DTSTART")).isEqualTo("20270312T080000Z");
    assertThat(ics.value("DTEND")).isEqualTo("20270312T083000Z");
    assertThat(ics.text("SUMMARY")).isEqualTo("Consultation, Dr Martin");
    assertThat(ics.text("LOCATION")).isEqualTo("12 rue de la Paix; 75002 Paris");
    assertThat(ics.text("DESCRIPTION")).isEqualTo("Bring your carte Vitale.\nCall us to move it.");
    assertThat(ics.value("URL")).isEqualTo("https://rdv.cabinet-martin.fr/a/Xk3Q");
    assertThat(ics.line("ORGANIZER"))
        .isEqualTo("ORGANIZER;CN=\"Cabinet Martin\":mailto:accueil@cabinet-martin.fr");
    assertThat(ics.value("STATUS")).isEqualTo("CONFIRMED");
    assertThat(CalendarInvite.mediaType(checkUp()))
        .isEqualTo("text/calendar; method=PUBLISH; charset=UTF-8");
  }

  @Test
  void everyLineEndsInCrlfTheLastOneToo() {
    byte[] file = CalendarInvite.ics(checkUp());
    String text = new String(file, StandardCharsets.UTF_8);

    assertThat(text).endsWith("END:VCALENDAR\r\n");
    assertThat(text.replace("\r\n", "")).doesNotContain("\r").doesNotContain("\n");
  }

  @Test
  void longLinesAreFoldedAt75OctetsWithoutSplittingACharacterAndUnfoldToTheSameText() {
    // 1, 2, 3 and 4 UTF-8 bytes a character, in every alignment against the 75-octet limit.
    String description =
        ("Apportez votre carte Vitale et l'ordonnance de l'hôpital — 診察券 🩺 ").repeat(12)
            + "é".repeat(80)
            + "🩺".repeat(40);
    for (int pad = 0; pad < 4; pad++) {
      String text = "x".repeat(pad) + description;
      byte[] file = CalendarInvite.ics(changed(checkUp()).description(text));

      for (byte[] line : physicalLines(file)) {
        assertThat(line.length).isLessThanOrEqualTo(75);
        assertThat(strictUtf8(line)).isNotNull();
      }
      assertThat(Ics.read(file).text("DESCRIPTION")).isEqualTo(text);
    }
  }

  @Test
  void aLineIsFoldedOnlyWhenItIsLongerThan75Octets() {
    String exactly75 = "DESCRIPTION:" + "a".repeat(63);

    assertThat(CalendarInvite.folded(exactly75)).isEqualTo(exactly75);
    assertThat(CalendarInvite.folded(exactly75 + "é")).isEqualTo(exactly75 + "\r\n é");
    // The continuation's space counts in its line's 75 octets.
    assertThat(CalendarInvite.folded("a".repeat(75 + 74 + 1)))
        .isEqualTo("a".repeat(75) + "\r\n " + "a".repeat(74) + "\r\n a");
  }

  @Test
  void backslashesSemicolonsCommasAndLineBreaksAreEscapedInText() {
    String description = "C:\\dossier; lundi, mardi\r\nou jeudi\rou\nvendredi\u0007";

    Ics ics = Ics.read(CalendarInvite.ics(changed(checkUp()).description(description)));

    assertThat(ics.value("DESCRIPTION"))
        .isEqualTo("C:\\\\dossier\\; lundi\\, mardi\\nou jeudi\\nou\\nvendredi");
    assertThat(ics.text("DESCRIPTION"))
        .isEqualTo("C:\\dossier; lundi, mardi\nou jeudi\nou\nvendredi");
  }

  @Test
  void anOrganizersNameWithQuotesAndColonsStaysOneParameter() {
    Event event =
        new Event(
            "u1",
            0,
            at(2027, 3, 12, 9, 0),
            at(2027, 3, 12, 9, 30),
            at(2027, 3, 1, 9, 0),
            "Consultation",
            null,
            null,
            null,
            false,
            "Cabinet \"Les Tilleuls\": Dr ^Martin",
            "accueil@tilleuls.fr");

    assertThat(Ics.read(CalendarInvite.ics(event)).line("ORGANIZER"))
        .isEqualTo(
            "ORGANIZER;CN=\"Cabinet ^'Les Tilleuls^': Dr ^^Martin\":mailto:accueil@tilleuls.fr");
  }

  @Test
  void withoutItsOptionalFieldsTheEventLeavesTheirPropertiesOut() {
    Event event =
        new Event(
            "u1",
            0,
            at(2027, 3, 12, 9, 0),
            at(2027, 3, 12, 9, 30),
            at(2027, 3, 1, 9, 0),
            "Consultation",
            null,
            null,
            null,
            false,
            "Cabinet Martin",
            null);

    assertThat(Ics.read(CalendarInvite.ics(event)).names())
        .doesNotContain("LOCATION", "DESCRIPTION", "URL", "ORGANIZER");
  }

  @Test
  void nineOClockInParisIsTheRightUtcTimeOnTheDaysTheClocksChange() {
    // 2027-03-28: clocks go forward at 02:00 (UTC+2 from then); 2027-10-31: back at 03:00 (UTC+1).
    Event spring = changed(checkUp()).at(2027, 3, 28, 9, 0);
    Event autumn = changed(checkUp()).at(2027, 10, 31, 9, 0);

    assertThat(Ics.read(CalendarInvite.ics(spring)).value("DTSTART")).isEqualTo("20270328T070000Z");
    assertThat(Ics.read(CalendarInvite.ics(spring)).value("DTEND")).isEqualTo("20270328T073000Z");
    assertThat(Ics.read(CalendarInvite.ics(autumn)).value("DTSTART")).isEqualTo("20271031T080000Z");
    assertThat(Ics.read(CalendarInvite.ics(autumn)).value("DTEND")).isEqualTo("20271031T083000Z");
    assertThat(query(CalendarInvite.googleLink(spring)))
        .containsEntry("dates", "20270328T070000Z/20270328T073000Z");
    assertThat(query(CalendarInvite.outlookLink(autumn)))
        .containsEntry("startdt", "2027-10-31T08:00:00Z")
        .containsEntry("enddt", "2027-10-31T08:30:00Z");
  }

  @Test
  void aCancelledAppointmentIsACancelOfTheSameEvent() {
    Event cancelled = changed(checkUp()).cancelled(1);

    Ics ics = Ics.read(CalendarInvite.ics(cancelled));

    assertThat(ics.value("METHOD")).isEqualTo("CANCEL");
    assertThat(ics.value("STATUS")).isEqualTo("CANCELLED");
    assertThat(ics.value("UID")).isEqualTo("appt-42@cabinet-martin.fr");
    assertThat(ics.value("SEQUENCE")).isEqualTo("1");
    assertThat(CalendarInvite.mediaType(cancelled))
        .isEqualTo("text/calendar; method=CANCEL; charset=UTF-8");
  }

  @Test
  void aMovedAppointmentKeepsItsUidAndRaisesItsSequence() {
    Event booked = checkUp();
    Event moved = changed(booked).movedTo(at(2027, 3, 15, 14, 0), 1);

    Ics before = Ics.read(CalendarInvite.ics(booked));
    Ics after = Ics.read(CalendarInvite.ics(moved));

    assertThat(after.value("UID")).isEqualTo(before.value("UID"));
    assertThat(Integer.parseInt(after.value("SEQUENCE")))
        .isGreaterThan(Integer.parseInt(before.value("SEQUENCE")));
    assertThat(after.value("DTSTART")).isEqualTo("20270315T130000Z");
    assertThat(after.value("METHOD")).isEqualTo("PUBLISH");
  }

  @Test
  void anEventEndsAfterItStartsAndHasAUidAndANonNegativeSequence() {
    Instant nine = at(2027, 3, 12, 9, 0);
    assertThatThrownBy(
            () -> new Event("u", 0, nine, nine, nine, "s", null, null, null, false, "C", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Event(
                    " ",
                    0,
                    nine,
                    nine.plusSeconds(60),
                    nine,
                    "s",
                    null,
                    null,
                    null,
                    false,
                    "C",
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Event(
                    "u",
                    -1,
                    nine,
                    nine.plusSeconds(60),
                    nine,
                    "s",
                    null,
                    null,
                    null,
                    false,
                    "C",
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new Event(
                    "u",
                    0,
                    nine,
                    nine.plusSeconds(60),
                    nine,
                    "s",
                    null,
                    null,
                    "https://x.test/a\r\nSTATUS:CANCELLED",
                    false,
                    "C",
                    null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theGoogleLinkCarriesTheEventInItsDocumentedParameters() {
    String link = CalendarInvite.googleLink(checkUp());

    assertThat(link)
        .startsWith(
            "https://calendar.google.com/calendar/render?action=TEMPLATE&text=Consultation%2C%20Dr%20Martin"
                + "&dates=20270312T080000Z/20270312T083000Z&");
    assertThat(link).doesNotContain("+").doesNotContain(" ");
    assertThat(query(link))
        .containsExactly(
            Map.entry("action", "TEMPLATE"),
            Map.entry("text", "Consultation, Dr Martin"),
            Map.entry("dates", "20270312T080000Z/20270312T083000Z"),
            Map.entry("location", "12 rue de la Paix; 75002 Paris"),
            Map.entry(
                "details",
                "Bring your carte Vitale.\nCall us to move it.\n\n"
                    + "https://rdv.cabinet-martin.fr/a/Xk3Q"));
  }

  @Test
  void theOutlookLinkCarriesTheEventInItsDocumentedParameters() {
    String link =
        CalendarInvite.outlookLink(changed(checkUp()).summary("Vaccin & rappel = 100 % 🩺"));

    assertThat(link)
        .startsWith("https://outlook.live.com/calendar/0/deeplink/compose?")
        .endsWith("&path=%2Fcalendar%2Faction%2Fcompose&rru=addevent")
        .contains("&startdt=2027-03-12T08:00:00Z&enddt=2027-03-12T08:30:00Z&");
    assertThat(query(link))
        .containsExactly(
            Map.entry("subject", "Vaccin & rappel = 100 % 🩺"),
            Map.entry("startdt", "2027-03-12T08:00:00Z"),
            Map.entry("enddt", "2027-03-12T08:30:00Z"),
            Map.entry("location", "12 rue de la Paix; 75002 Paris"),
            Map.entry(
                "body",
                "Bring your carte Vitale.\nCall us to move it.\n\n"
                    + "https://rdv.cabinet-martin.fr/a/Xk3Q"),
            Map.entry("path", "/calendar/action/compose"),
            Map.entry("rru", "addevent"));
  }

  @Test
  void linksLeaveOutWhatTheEventDoesNotHave() {
    Event bare =
        new Event(
            "u1",
            0,
            at(2027, 3, 12, 9, 0),
            at(2027, 3, 12, 9, 30),
            at(2027, 3, 1, 9, 0),
            "Consultation",
            null,
            null,
            null,
            false,
            "Cabinet Martin",
            null);

    assertThat(query(CalendarInvite.googleLink(bare)).keySet())
        .containsExactly("action", "text", "dates");
    assertThat(query(CalendarInvite.outlookLink(bare)).keySet())
        .containsExactly("subject", "startdt", "enddt", "path", "rru");
  }

  // Fixtures

  /** A check-up on 12 March 2027 at 9:00 in Paris (08:00 UTC), half an hour. */
  static Event checkUp() {
    return new Event(
        "appt-42@cabinet-martin.fr",
        0,
        at(2027, 3, 12, 9, 0),
        at(2027, 3, 12, 9, 30),
        Instant.parse("2027-03-01T16:15:05.123Z"),
        "Consultation, Dr Martin",
        "12 rue de la Paix; 75002 Paris",
        "Bring your carte Vitale.\nCall us to move it.",
        "https://rdv.cabinet-martin.fr/a/Xk3Q",
        false,
        "Cabinet Martin",
        "accueil@cabinet-martin.fr");
  }

  /** Paris wall-clock time as an instant. */
  static Instant at(int year, int month, int day, int hour, int minute) {
    return LocalDateTime.of(year, month, day, hour, minute).atZone(PARIS).toInstant();
  }

  static Changed changed(Event e) {
    return new Changed(e);
  }

  /** An event with one thing changed. */
  record Changed(Event e) {

    Event description(String description) {
      return new Event(
          e.uid(),
          e.sequence(),
          e.start(),
          e.end(),
          e.stamp(),
          e.summary(),
          e.location(),
          description,
          e.url(),
          e.cancelled(),
          e.organizerName(),
          e.organizerEmail());
    }

    Event summary(String summary) {
      return new Event(
          e.uid(),
          e.sequence(),
          e.start(),
          e.end(),
          e.stamp(),
          summary,
          e.location(),
          e.description(),
          e.url(),
          e.cancelled(),
          e.organizerName(),
          e.organizerEmail());
    }

    Event at(int year, int month, int day, int hour, int minute) {
      return movedTo(CalendarInviteTests.at(year, month, day, hour, minute), e.sequence());
    }

    Event movedTo(Instant start, int sequence) {
      return new Event(
          e.uid(),
          sequence,
          start,
          start.plus(java.time.Duration.between(e.start(), e.end())),
          e.stamp(),
          e.summary(),
          e.location(),
          e.description(),
          e.url(),
          e.cancelled(),
          e.organizerName(),
          e.organizerEmail());
    }

    Event cancelled(int sequence) {
      return new Event(
          e.uid(),
          sequence,
          e.start(),
          e.end(),
          e.stamp(),
          e.summary(),
          e.location(),
          e.description(),
          e.url(),
          true,
          e.organizerName(),
          e.organizerEmail());
    }
  }

  // Reading back

  /** The file's physical lines, as bytes, each checked to end in CRLF. */
  static List<byte[]> physicalLines(byte[] file) {
    List<byte[]> lines = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < file.length; i++) {
      if (file[i] == '\n') {
        assertThat(i).as("LF at %d follows a CR", i).isGreaterThan(from);
        assertThat(file[i - 1]).as("LF at %d follows a CR", i).isEqualTo((byte) '\r');
        lines.add(Arrays.copyOfRange(file, from, i - 1));
        from = i + 1;
      }
    }
    assertThat(from).as("the file ends with CRLF").isEqualTo(file.length);
    return lines;
  }

  /** The line decoded as UTF-8, failing on a character split at its end or start. */
  static String strictUtf8(byte[] line) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(line))
          .toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("A character is split across lines: " + e);
    }
  }

  /** A link's query parameters, decoded, in order. */
  static Map<String, String> query(String link) {
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : URI.create(link).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      String previous =
          parameters.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      assertThat(previous).as("parameter %s given once", pair).isNull();
    }
    return parameters;
  }

  /**
   * A calendar file read strictly: CRLF lines of at most 75 octets, unfolded (RFC 5545 §3.1), each
   * content line {@code name *(";" param) ":" value}, BEGIN and END balanced.
   */
  record Ics(List<String> lines) {

    static Ics read(byte[] file) {
      List<String> unfolded = new ArrayList<>();
      for (byte[] physical : physicalLines(file)) {
        assertThat(physical.length).as("octets in a line").isLessThanOrEqualTo(75);
        String line = strictUtf8(physical);
        if (line.startsWith(" ") || line.startsWith("\t")) {
          assertThat(unfolded).as("a continuation follows a line").isNotEmpty();
          unfolded.set(unfolded.size() - 1, unfolded.getLast() + line.substring(1));
        } else {
          unfolded.add(line);
        }
      }
      List<String> open = new ArrayList<>();
      for (String line : unfolded) {
        assertThat(line).matches("[A-Z-]+(;[A-Z-]+=(\"[^\"]*\"|[^\";:,]*))*:.*");
        if (line.startsWith("BEGIN:")) {
          open.add(line.substring(6));
        } else if (line.startsWith("END:")) {
          assertThat(open).as("END of what began last").endsWith(line.substring(4));
          open.removeLast();
        }
      }
      assertThat(open).as("everything that began ends").isEmpty();
      return new Ics(unfolded);
    }

    List<String> names() {
      return lines.stream().map(l -> l.split("[;:]", 2)[0]).toList();
    }

    String line(String name) {
      List<String> found = lines.stream().filter(l -> l.split("[;:]", 2)[0].equals(name)).toList();
      assertThat(found).as("one %s", name).hasSize(1);
      return found.getFirst();
    }

    List<String> values(String name) {
      return lines.stream()
          .filter(l -> l.split("[;:]", 2)[0].equals(name))
          .map(l -> l.substring(l.indexOf(':') + 1))
          .toList();
    }

    /** The raw value of a property without parameters. */
    String value(String name) {
      String line = line(name);
      assertThat(line).startsWith(name + ":");
      return line.substring(name.length() + 1);
    }

    /** A TEXT value unescaped (RFC 5545 §3.3.11), failing on an escape the RFC does not know. */
    String text(String name) {
      String raw = value(name);
      StringBuilder out = new StringBuilder();
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c == '\\') {
          char next = raw.charAt(++i);
          out.append(
              switch (next) {
                case '\\', ';', ',' -> next;
                case 'n', 'N' -> '\n';
                default -> throw new AssertionError("Unknown escape \\" + next + " in " + raw);
              });
        } else {
          assertThat(c).as("unescaped ; or , in TEXT %s", raw).isNotIn(';', ',');
          out.append(c);
        }
      }
      return out.toString();
    }
  }
}
