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

  /** At most 20 characters, for a button or a numbered line: "ven. 13 mars 14:00". */
  public static String shortWhen(ZonedDateTime local, Locale language) {
    String pattern = language.getLanguage().equals("en") ? "EEE d MMM h:mm a" : "EEE d MMM HH:mm";
    String text = DateTimeFormatter.ofPattern(pattern, language).format(local);
    return text.length() <= 20 ? text : text.substring(0, 19) + "…";
  }
}
