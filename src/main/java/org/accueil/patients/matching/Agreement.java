package org.accueil.patients.matching;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How one field of two records compares, from the strongest agreement to disagreement. */
public enum Agreement {
  /** Equal once normalised (case, accents, hyphens, spaces). */
  EXACT,
  /** Two forms of one given name: a nickname, a diminutive, a spelling variant. */
  VARIANT,
  /** One name is part of the other: a compound shortened, a particle dropped, a double name. */
  PARTIAL,
  /** One name is the other's first letters: Max for Maximilien, Gabri for Gabriele. */
  SHORTENED,
  /** Spelt differently, pronounced the same (French, Italian or English rules). */
  SOUND,
  /** One keystroke apart (or two in a long name); for a date, one digit or one part. */
  TYPO,
  /** A birth date with day and month exchanged. */
  SWAPPED,
  /** Phone numbers sharing their last eight digits (a country code written differently). */
  SUFFIX,
  /** Different. */
  DIFFERENT,
  /**
   * Two different given names that both exist, like Louis and Louise or Lucas and Thomas: twins and
   * siblings, not a typo.
   */
  DISTINCT,
  /** The same identifier system with two different values. */
  CONFLICT,
  /** Absent on one side: says nothing. */
  MISSING;

  @JsonValue
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
