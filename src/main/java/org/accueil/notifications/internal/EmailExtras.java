package org.accueil.notifications.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.accueil.channels.OutboundContent;
import org.accueil.notifications.Notification;
import org.accueil.notifications.NotificationKind;
import org.accueil.practice.Location;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.scheduling.Appointment;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The e-mail of a notification: its own subject, and for a booking, a move or a cancellation the
 * calendar file (one event per appointment, its UID kept across moves so that calendars update it)
 * and add-to-calendar links.
 */
@Component
class EmailExtras {

  private final Wording wording;
  private final Clock clock;

  EmailExtras(Wording wording, Clock clock) {
    this.wording = wording;
    this.clock = clock;
  }

  OutboundContent content(
      Notification n,
      @Nullable Appointment a,
      Wording.Words words,
      Locale language,
      PracticeSnapshot practice,
      ZoneId zone) {
    boolean calendar =
        a != null
            && (n.kind() == NotificationKind.BOOKED
                || n.kind() == NotificationKind.MOVED
                || n.kind() == NotificationKind.CANCELLED);
    if (!calendar) {
      return new OutboundContent.Text(words.text(), words.subject(), List.of());
    }
    String practiceName = practice.profile().name();
    String where =
        practice.location(a.location()).map(Location::address).map(Composer::address).orElse(null);
    CalendarInvite.Event event =
        new CalendarInvite.Event(
            a.id().value() + "@accueil",
            // Each change raises the sequence: the calendar replaces the event it holds.
            (int) Math.min(Integer.MAX_VALUE, a.version()),
            a.start(),
            a.end(),
            clock.instant(),
            practiceName,
            where,
            null,
            null,
            n.kind() == NotificationKind.CANCELLED,
            practiceName,
            null);
    StringBuilder text = new StringBuilder(words.text());
    if (n.kind() != NotificationKind.CANCELLED) {
      text.append("\n\n")
          .append(phrase(language, "calendar.attached"))
          .append("\n")
          .append(
              phrase(language, "calendar.add-google")
                  .replace("{0}", CalendarInvite.googleLink(event)))
          .append("\n")
          .append(
              phrase(language, "calendar.add-outlook")
                  .replace("{0}", CalendarInvite.outlookLink(event)));
    }
    return new OutboundContent.Text(
        text.toString(),
        words.subject(),
        List.of(
            new OutboundContent.Attachment(
                n.kind() == NotificationKind.CANCELLED ? "cancelled.ics" : "appointment.ics",
                CalendarInvite.mediaType(event),
                CalendarInvite.ics(event))));
  }

  private String phrase(Locale language, String key) {
    return wording.phrase(key, language);
  }
}
