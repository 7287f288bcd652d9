package org.accueil.assistant.understanding;

import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * Dates and times in a patient's words, relative to "now" in the practice's zone. Free of Spring.
 */
public final class TimeExpressions {

  private TimeExpressions() {}

  /**
   * The time {@code text} asks for, or empty when it names none. When it names two ("move Friday to
   * Monday", "pas vendredi mais lundi"), the requested one.
   */
  public static Optional<When> requested(String text, Locale language, ZonedDateTime now) {
    return Optional.empty();
  }
}
