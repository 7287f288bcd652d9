package org.accueil.notifications.internal;

import java.time.ZoneId;
import java.util.Locale;
import org.accueil.channels.OutboundContent;
import org.accueil.notifications.Notification;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.scheduling.Appointment;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The e-mail of a notification: its subject, and for an appointment the calendar file. */
@Component
class EmailExtras {

  OutboundContent content(
      Notification n,
      @Nullable Appointment a,
      Wording.Words words,
      Locale language,
      PracticeSnapshot practice,
      ZoneId zone) {
    return new OutboundContent.Text(words.text(), words.subject(), java.util.List.of());
  }
}
