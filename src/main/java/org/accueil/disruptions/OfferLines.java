package org.accueil.disruptions;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.accueil.disruptions.AffectedPatient.OfferedTime;
import org.accueil.platform.PatientDates;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;

/**
 * The times held for a patient as they read them, the same in the first message and in the
 * assistant's answers: numbered ("1) ven. 13 mars 16:30"), with the provider's name where it is not
 * the one the patient was booked with. Plain GSM-7 characters, so that a text message stays short.
 */
public final class OfferLines {

  private OfferLines() {}

  /** One line per time. */
  public static List<String> lines(
      List<OfferedTime> offers,
      ProviderId booked,
      PracticeSnapshot snapshot,
      ZoneId zone,
      Locale language) {
    List<String> lines = new ArrayList<>();
    for (OfferedTime o : offers) {
      String line = o.position() + ") " + PatientDates.shortWhen(o.start().atZone(zone), language);
      if (!o.provider().equals(booked)) {
        line += " - " + snapshot.provider(o.provider()).map(OfferLines::shortName).orElse("");
      }
      lines.add(line);
    }
    return lines;
  }

  /** "Dr Lee": the title and family name, short enough for a text message. */
  static String shortName(Provider p) {
    return p.title().isBlank()
        ? p.givenName() + " " + p.familyName()
        : p.title() + " " + p.familyName();
  }

  /** The lines one under the other. */
  public static String block(
      List<OfferedTime> offers,
      ProviderId booked,
      PracticeSnapshot snapshot,
      ZoneId zone,
      Locale language) {
    return String.join("\n", lines(offers, booked, snapshot, zone, language));
  }

  /** The button (or list row) id that takes the time at {@code position}. */
  public static String choice(AffectedPatient row, int position) {
    return "disruption:" + row.disruption() + ":" + row.appointment().value() + ":" + position;
  }

  /** The button id that cancels the appointment. */
  public static String cancelChoice(AffectedPatient row) {
    return "disruption:" + row.disruption() + ":" + row.appointment().value() + ":cancel";
  }
}
