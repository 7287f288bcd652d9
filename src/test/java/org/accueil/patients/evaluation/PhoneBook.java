package org.accueil.patients.evaluation;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.accueil.patients.PhoneNumbers;

/**
 * Hands out phone numbers, each to one line only, in E.164 as the registry stores them, and writes
 * them back as people do. Numbers follow each country's real numbering plan (libphonenumber
 * validates every one) but are drawn at random: one may belong to someone real, so the set is never
 * dialled.
 */
final class PhoneBook {

  private final Set<String> issued = new HashSet<>();

  /** A French (+33 6/7), Italian (+39 3xx) or British (+44 7) mobile. */
  String mobile(Random random, String language) {
    return issue(
        random,
        language,
        () ->
            switch (language) {
              case "fr" ->
                  random.nextInt(4) == 0
                      ? "7" + (3 + random.nextInt(7)) + digits(random, 7)
                      : "6" + digits(random, 8);
              case "it" -> "3" + (2 + random.nextInt(8)) + digits(random, 8);
              default -> "7" + (4 + random.nextInt(6)) + digits(random, 8);
            });
  }

  /** A landline: French geographic (01–05) or box (09), Italian city, British city numbers. */
  String landline(Random random, String language) {
    return issue(
        random,
        language,
        () ->
            switch (language) {
              case "fr" ->
                  (random.nextInt(3) == 0 ? "9" : "" + (1 + random.nextInt(5))) + digits(random, 8);
              case "it" ->
                  switch (random.nextInt(4)) {
                    case 0 -> "06" + digits(random, 8);
                    case 1 -> "02" + digits(random, 8);
                    case 2 -> "011" + digits(random, 7);
                    default -> "081" + digits(random, 7);
                  };
              default ->
                  switch (random.nextInt(3)) {
                    case 0 -> "20" + (7 + random.nextInt(2)) + digits(random, 7);
                    case 1 -> "161" + digits(random, 7);
                    default -> "121" + digits(random, 7);
                  };
            });
  }

  /**
   * The number as this person writes it on a form or dictates it, other than E.164: national or
   * international, grouped with spaces, dots or dashes, the French "+33 (0)6", the "0033" prefix.
   */
  static String written(Random random, String e164, String language) {
    String code = countryCode(language);
    String significant = e164.substring(code.length() + 1);
    List<String> forms =
        switch (language) {
          case "fr" -> french(significant);
          case "it" -> italian(significant);
          default -> british(significant);
        };
    return forms.get(random.nextInt(forms.size()));
  }

  /** The ISO region whose national formats the person writes: FR, IT or GB. */
  static String region(String language) {
    return switch (language) {
      case "fr" -> "FR";
      case "it" -> "IT";
      default -> "GB";
    };
  }

  private static List<String> french(String significant) {
    String national = "0" + significant;
    String pairs = grouped(national, " ", 2, 2, 2, 2, 2);
    String rest = grouped(significant, " ", 1, 2, 2, 2, 2);
    return List.of(
        pairs,
        pairs,
        pairs,
        national,
        national,
        grouped(national, ".", 2, 2, 2, 2, 2),
        grouped(national, "-", 2, 2, 2, 2, 2),
        "+33 " + rest,
        "+33 " + rest,
        "0033" + significant,
        "+33 (0)" + rest,
        "+33" + significant.charAt(0) + " " + rest.substring(2));
  }

  private static List<String> italian(String significant) {
    if (significant.startsWith("3")) {
      String spaced = grouped(significant, " ", 3, 3, 4);
      return List.of(
          spaced,
          spaced,
          significant,
          grouped(significant, " ", 3, 7),
          grouped(significant, "-", 3, 7),
          grouped(significant, ".", 3, 3, 4),
          "+39 " + spaced,
          "+39 " + grouped(significant, " ", 3, 7),
          "0039 " + grouped(significant, " ", 3, 7));
    }
    // Rome (06) and Milan (02) have two-digit area codes, Turin (011) and Naples (081) three;
    // the leading 0 stays in the international form.
    int area = significant.startsWith("06") || significant.startsWith("02") ? 2 : 3;
    String spaced = grouped(significant, " ", area, significant.length() - area);
    return List.of(spaced, spaced, significant, "+39 " + spaced, "0039 " + significant);
  }

  private static List<String> british(String significant) {
    String national = "0" + significant;
    if (significant.startsWith("7")) {
      String spaced = grouped(national, " ", 5, 6);
      return List.of(
          spaced,
          spaced,
          national,
          grouped(national, " ", 5, 3, 3),
          "+44 " + grouped(significant, " ", 4, 6),
          "+44 (0)" + grouped(significant, " ", 4, 6),
          "0044 " + grouped(significant, " ", 4, 6));
    }
    String spaced =
        significant.startsWith("20")
            ? grouped(national, " ", 3, 4, 4)
            : grouped(national, " ", 4, 3, 4);
    return List.of(spaced, spaced, national, "+44 " + spaced.substring(1));
  }

  private static String grouped(String digits, String separator, int... sizes) {
    var text = new StringBuilder();
    int at = 0;
    for (int size : sizes) {
      if (at > 0) {
        text.append(separator);
      }
      text.append(digits, at, at + size);
      at += size;
    }
    return text.toString();
  }

  private static String countryCode(String language) {
    return switch (language) {
      case "fr" -> "33";
      case "it" -> "39";
      default -> "44";
    };
  }

  private String issue(Random random, String language, Supplier<String> draw) {
    while (true) {
      String e164 = "+" + countryCode(language) + draw.get();
      if (!issued.contains(e164)
          && PhoneNumbers.toE164(e164, region(language)).filter(e164::equals).isPresent()) {
        issued.add(e164);
        return e164;
      }
    }
  }

  private static String digits(Random random, int count) {
    var text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append((char) ('0' + random.nextInt(10)));
    }
    return text.toString();
  }
}
