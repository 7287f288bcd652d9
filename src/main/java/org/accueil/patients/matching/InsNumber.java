package org.accueil.patients.matching;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The French INS number: the NIR (the "social security number") or a provisional NIA, 13 characters
 * and a 2-digit key, e.g. "2 95 10 99 126 111 93".
 *
 * <p>Layout (INSEE, http://xml.insee.fr/schema/nir.html): sex and kind (1), year of birth (2),
 * month of birth (2; 20 and above when the civil record lacked it), department of birth (2: 01-95,
 * 2A/2B for Corsica, 97/98 overseas, 99 abroad), commune or country (3), order number (3), key (2).
 * The first character says who the number belongs to: 1 a man and 2 a woman, registered in the
 * RNIPP; 3 a man and 4 a woman, foreign-born and being registered; 7 a man and 8 a woman, a
 * provisional number (such as the NIA of someone born abroad, used until INSEE certifies a NIR).
 */
public final class InsNumber {

  private static final Pattern SHAPE =
      Pattern.compile("[123478][0-9]{4}(?:[0-9]{2}|2A|2B)[0-9]{8}");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private InsNumber() {}

  /** The number without spaces, upper case ("2a" → "2A"); nothing else is changed or checked. */
  public static String normalized(String value) {
    return SPACES.matcher(value).replaceAll("").toUpperCase(Locale.ROOT);
  }

  /**
   * Whether the value, spaces ignored, is 15 characters of the layout above, whose first character
   * is 1, 2, 3, 4, 7 or 8 and whose key is 97 − (the first 13 as a number, mod 97), Corsica's 2A
   * and 2B counted as 19 and 18.
   */
  public static boolean isValid(String value) {
    String number = normalized(value);
    if (!SHAPE.matcher(number).matches()) {
      return false;
    }
    return Integer.parseInt(number.substring(13)) == key(number.substring(0, 13));
  }

  /** The key of the first 13 characters of a number of the right shape. */
  static int key(String first13) {
    // The key is computed with Corsica's departments as the numbers they replaced in 1976.
    String digits = first13.replace("2A", "19").replace("2B", "18");
    return 97 - (int) (Long.parseLong(digits) % 97);
  }
}
