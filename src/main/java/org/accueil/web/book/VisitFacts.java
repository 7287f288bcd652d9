package org.accueil.web.book;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.accueil.platform.PatientDates;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.jspecify.annotations.Nullable;

/**
 * A visit as the patient reads it on a page, in their language and the location's time: the same
 * day-and-time wording as the messages they receive ({@link PatientDates}). Never the reason for
 * the visit: the kind of visit is shown only to the patient who chose it.
 *
 * @param when "mardi 6 avril à 10:00"
 * @param address the location's street, postal code and city on one line
 * @param preparation what the practice asks the patient to do before this kind of visit; may be
 *     empty
 */
record VisitFacts(
    String when,
    String date,
    String time,
    String provider,
    String location,
    String address,
    @Nullable String phone,
    String type,
    String preparation) {

  static VisitFacts of(
      PracticeSnapshot practice,
      AppointmentType type,
      Provider provider,
      Location location,
      Instant start,
      Locale language) {
    ZonedDateTime local = start.atZone(location.zone());
    var address = location.address();
    return new VisitFacts(
        PatientDates.when(local, language),
        day(local, language),
        time(local, language),
        provider.displayName(),
        location.name(),
        (address.line() + ", " + address.postalCode() + " " + address.city()).strip(),
        location.phone(),
        type.name().in(language),
        type.preparation().in(language).strip());
  }

  /** "mardi 6 avril", "Tuesday 6 April". */
  static String day(ZonedDateTime local, Locale language) {
    return DateTimeFormatter.ofPattern("EEEE d MMMM", language).format(local);
  }

  /** "10:00" in French and Italian, "10:00 AM" in English, as the messages write it. */
  static String time(ZonedDateTime local, Locale language) {
    return DateTimeFormatter.ofPattern(
            "en".equals(language.getLanguage()) ? "h:mm a" : "HH:mm", language)
        .format(local);
  }

  static String time(Instant start, ZoneId zone, Locale language) {
    return time(start.atZone(zone), language);
  }
}
