package org.accueil.patients;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the staff typed in the search box, read as they meant it: a birth date written the European
 * way (31/12/1980, 31.12.1980, 31-12-1980) or ISO (1980-12-31), a phone number (with its spaces,
 * dots and dashes), and names, in any order.
 */
public record SearchText(
    @Nullable String names, @Nullable LocalDate birthDate, @Nullable String phone) {

  private static final Pattern DAY_FIRST =
      Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})");
  private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 .()-]{5,30}");

  public static SearchText parse(@Nullable String q) {
    if (q == null || q.isBlank()) {
      return new SearchText(null, null, null);
    }
    LocalDate date = null;
    List<String> rest = new ArrayList<>();
    for (String word : q.strip().split("\\s+")) {
      LocalDate parsed = date == null ? date(word) : null;
      if (parsed != null) {
        date = parsed;
      } else {
        rest.add(word);
      }
    }
    String remaining = String.join(" ", rest);
    if (PHONE.matcher(remaining).matches()) {
      return new SearchText(null, date, remaining);
    }
    return new SearchText(remaining.isEmpty() ? null : remaining, date, null);
  }

  private static @Nullable LocalDate date(String word) {
    try {
      Matcher iso = ISO.matcher(word);
      if (iso.matches()) {
        return LocalDate.of(
            Integer.parseInt(iso.group(1)),
            Integer.parseInt(iso.group(2)),
            Integer.parseInt(iso.group(3)));
      }
      Matcher dayFirst = DAY_FIRST.matcher(word);
      if (dayFirst.matches()) {
        return LocalDate.of(
            Integer.parseInt(dayFirst.group(3)),
            Integer.parseInt(dayFirst.group(2)),
            Integer.parseInt(dayFirst.group(1)));
      }
    } catch (DateTimeException e) {
      return null;
    }
    return null;
  }
}
