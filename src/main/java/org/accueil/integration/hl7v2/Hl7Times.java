package org.accueil.integration.hl7v2;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 v2 DTM values (v2.5.1 section 2.A.22): {@code
 * YYYY[MM[DD[HH[MM[SS[.S[S[S[S]]]]]]]]][+/-ZZZZ]}. A time without an offset is a wall-clock time in
 * the practice's zone; we always send the offset.
 */
final class Hl7Times {

  private static final Pattern DTM =
      Pattern.compile(
          "(\\d{4})(\\d{2})(\\d{2})(\\d{2})(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,4}))?)?([+-]\\d{4})?");

  private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

  private Hl7Times() {}

  /**
   * The instant of a DTM precise to the minute at least.
   *
   * @param zone the zone of a value without an offset
   * @throws IllegalArgumentException naming the expected form
   */
  static Instant instant(String value, ZoneId zone) {
    Matcher m = DTM.matcher(value.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + value + "\" is not a date and time to the minute (YYYYMMDDHHMM[SS][+ZZZZ])");
    }
    LocalDateTime local =
        LocalDateTime.of(
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)),
            Integer.parseInt(m.group(4)),
            Integer.parseInt(m.group(5)),
            m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
    if (m.group(8) != null) {
      return local
          .atOffset(ZoneOffset.of(m.group(8).substring(0, 3) + ":" + m.group(8).substring(3)))
          .toInstant();
    }
    return local.atZone(zone).toInstant();
  }

  /** {@code 20270406093000+0200}: seconds and the offset, which every receiver can read. */
  static String format(Instant instant, ZoneId zone) {
    return ZonedDateTime.ofInstant(instant, zone).format(SECONDS);
  }
}
