package org.accueil.bench;

import java.time.LocalDate;
import java.util.Random;
import org.jspecify.annotations.Nullable;

/** How people and staff write a known person's details differently: typos, formats, swaps. */
final class Variations {

  /** Letters typed for one another: neighbouring keys, and sounds spelt two ways. */
  private static final String[] CONFUSED = {
    "ae", "ea", "iy", "yi", "ou", "uo", "nm", "mn", "td", "dt", "sz", "zs", "ck", "kc", "rt", "tr",
    "lr", "ei", "ie", "oa", "bv", "vb", "gj", "pb"
  };

  private Variations() {}

  /**
   * One typing slip in a lower-case letter after the first: a letter for a similar one, a letter
   * left out, a letter doubled, or two neighbours exchanged.
   */
  static String typo(String name, Random random) {
    for (int attempt = 0; attempt < 20; attempt++) {
      int i = 1 + random.nextInt(Math.max(1, name.length() - 1));
      if (i >= name.length() || !isLower(name.charAt(i))) {
        continue;
      }
      char c = name.charAt(i);
      String typo =
          switch (random.nextInt(4)) {
            case 0 -> {
              for (String pair : CONFUSED) {
                if (pair.charAt(0) == c) {
                  yield name.substring(0, i) + pair.charAt(1) + name.substring(i + 1);
                }
              }
              yield name.substring(0, i)
                  + (char) ('a' + random.nextInt(26))
                  + name.substring(i + 1);
            }
            case 1 -> name.length() > 3 ? name.substring(0, i) + name.substring(i + 1) : name;
            case 2 -> name.substring(0, i) + c + name.substring(i);
            default ->
                i + 1 < name.length() && isLower(name.charAt(i + 1))
                    ? name.substring(0, i) + name.charAt(i + 1) + c + name.substring(i + 2)
                    : name;
          };
      if (!typo.equals(name)) {
        return typo;
      }
    }
    return name + "e";
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  /** "+33612345678" as the front desk writes it: "06 12 34 56 78". */
  static String nationalFrench(String e164) {
    String digits = "0" + e164.substring(3);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 2) {
      out.append(i == 0 ? "" : " ").append(digits, i, Math.min(i + 2, digits.length()));
    }
    return out.toString();
  }

  /** The date with day and month exchanged, when that is another date. */
  static @Nullable LocalDate swapped(LocalDate date) {
    if (date.getDayOfMonth() > 12 || date.getDayOfMonth() == date.getMonthValue()) {
      return null;
    }
    return LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue());
  }

  /** 31/12/1980, as staff type a birth date in the search box. */
  static String dayFirst(LocalDate date) {
    return String.format(
        java.util.Locale.ROOT,
        "%02d/%02d/%04d",
        date.getDayOfMonth(),
        date.getMonthValue(),
        date.getYear());
  }
}
