package org.accueil.platform;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A day and time as a patient reads them, in their language: what the assistant says in a
 * conversation and what a reminder says must read the same.
 */
public final class PatientDates {

  private PatientDates() {}

  /** "mardi 6 avril à 10:00", "martedì 6 aprile alle 10:00", "Tuesday 6 April at 10:00 AM". */
  public static String when(ZonedDateTime local, Locale language) {
    String pattern =
        switch (language.getLanguage()) {
          case "fr" -> "EEEE d MMMM 'à' HH:mm";
          case "it" -> "EEEE d MMMM 'alle' HH:mm";
          default -> "EEEE d MMMM 'at' h:mm a";
        };
    return DateTimeFormatter.ofPattern(pattern, language).format(local);
  }
}
