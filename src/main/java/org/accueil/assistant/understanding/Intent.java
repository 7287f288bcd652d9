package org.accueil.assistant.understanding;

import java.util.Locale;

/** What a patient wants, as the understanding API names it (lower case on the wire). */
public enum Intent {
  BOOK,
  RESCHEDULE,
  CANCEL,
  CONFIRM,
  QUESTION,
  DIRECTIONS,
  EMERGENCY,
  HUMAN,
  OPT_OUT,
  OTHER;

  /** {@code "opt_out"}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
