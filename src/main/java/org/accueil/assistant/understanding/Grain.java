package org.accueil.assistant.understanding;

import java.util.Locale;

/** How precise a {@link When} is: the unit its end is exclusive at. */
public enum Grain {
  MINUTE,
  HOUR,
  PART_OF_DAY,
  DAY,
  WEEK;

  /** {@code "part_of_day"}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
