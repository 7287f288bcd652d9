package org.accueil.patients.matching;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Italian codice fiscale of a person: 16 characters, e.g. "RSSMRA85T10A562S" (Mario Rossi, born
 * 10 December 1985 in San Giuliano Terme).
 *
 * <p>Layout (DM 23 dicembre 1976; https://it.wikipedia.org/wiki/Codice_fiscale): 3 letters of the
 * family name, 3 of the given names, 2 digits of the birth year, the birth month as a letter
 * (ABCDEHLMPRST for January to December), 2 digits of the birth day (plus 40 for a woman), the
 * municipality (a letter and 3 digits, or Z and a country), and a check letter. When two people
 * would share a code (omocodia), the Agenzia delle Entrate replaces digits, from the right, by the
 * letters LMNPQRSTUV for 0-9; any of the 7 digits may be so replaced.
 */
public final class CodiceFiscale {

  /** What the code says of its holder, to check against a patient record. */
  public record Decoded(int birthYearTwoDigits, int birthMonth, int birthDay, boolean female) {}

  private static final String OMOCODIA_DIGITS = "LMNPQRSTUV";
  private static final String MONTHS = "ABCDEHLMPRST";
  private static final Pattern SHAPE =
      Pattern.compile(
          "[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  /** Values of the characters in odd positions (1st, 3rd...), for 0-9 then A-Z. */
  private static final int[] ODD_DIGITS = {1, 0, 5, 7, 9, 13, 15, 17, 19, 21};

  private static final int[] ODD_LETTERS = {
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23
  };

  /** Longest day of each month; 29 for February, as the century is not in the code. */
  private static final int[] DAYS_IN_MONTH = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

  private CodiceFiscale() {}

  /** The code without spaces, in upper case; nothing else is changed or checked. */
  public static String normalized(String value) {
    return SPACES.matcher(value).replaceAll("").toUpperCase(Locale.ROOT);
  }

  /**
   * Whether the value, spaces and case ignored, is a person's codice fiscale: the layout above
   * (omocodic letters allowed in any digit position), a day that exists in the month (1-31, or
   * 41-71 for a woman), and the check letter of the official odd/even tables.
   */
  public static boolean isValid(String value) {
    return decode(value).isPresent();
  }

  /**
   * The birth year (two digits), month, day and sex a valid code carries, omocodic letters read as
   * their digits; empty when the code is not {@link #isValid valid}.
   */
  public static Optional<Decoded> decode(String value) {
    String code = normalized(value);
    if (!SHAPE.matcher(code).matches()
        || checkCharacter(code.substring(0, 15)) != code.charAt(15)) {
      return Optional.empty();
    }
    int year = number(code, 6);
    int month = MONTHS.indexOf(code.charAt(8)) + 1;
    int dayField = number(code, 9);
    boolean female = dayField > 40;
    int day = female ? dayField - 40 : dayField;
    if (day < 1 || day > DAYS_IN_MONTH[month - 1]) {
      return Optional.empty();
    }
    return Optional.of(new Decoded(year, month, day, female));
  }

  /** The check letter of the first 15 characters of a code of the right shape. */
  static char checkCharacter(String first15) {
    int sum = 0;
    for (int i = 0; i < 15; i++) {
      char c = first15.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      // Positions are counted from 1: index 0 is the first, odd, position.
      if (i % 2 == 0) {
        sum += digit ? ODD_DIGITS[c - '0'] : ODD_LETTERS[c - 'A'];
      } else {
        sum += digit ? c - '0' : c - 'A';
      }
    }
    return (char) ('A' + sum % 26);
  }

  /** The two-digit number at {@code index}, omocodic letters read as their digits. */
  private static int number(String code, int index) {
    return digit(code.charAt(index)) * 10 + digit(code.charAt(index + 1));
  }

  private static int digit(char c) {
    return c >= '0' && c <= '9' ? c - '0' : OMOCODIA_DIGITS.indexOf(c);
  }
}
