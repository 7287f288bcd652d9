package org.accueil.testing;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Unique tags for test data that names people: letters only, since person names refuse digits (a
 * UUID's hex would not do).
 */
public final class Tags {

  private Tags() {}

  /** Eight random lowercase letters: 26^8, about 2·10^11, tags. */
  public static String letters() {
    StringBuilder tag = new StringBuilder(8);
    for (int i = 0; i < 8; i++) {
      tag.append((char) ('a' + ThreadLocalRandom.current().nextInt(26)));
    }
    return tag.toString();
  }

  /** {@code n} written in letters (0 is "a", 25 "z", 26 "ba"): names for numbered test people. */
  public static String letters(int n) {
    StringBuilder tag = new StringBuilder();
    do {
      tag.insert(0, (char) ('a' + n % 26));
      n /= 26;
    } while (n > 0);
    return tag.toString();
  }
}
