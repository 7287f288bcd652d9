package org.accueil.notifications.internal;

import java.util.Map;
import org.accueil.patients.PatientId;
import org.accueil.privacy.PersonalDataContributor;
import org.springframework.stereotype.Component;

/**
 * A patient's notifications in their data export (what was sent, when, on which channel; the words
 * are in the conversations' section), and on erasure: what was still planned is dropped and the
 * rest forgets its facts.
 */
@Component
class NotificationsPersonalData implements PersonalDataContributor {

  private final NotificationStore store;

  NotificationsPersonalData(NotificationStore store) {
    this.store = store;
  }

  @Override
  public String section() {
    return "notifications";
  }

  @Override
  public Object export(PatientId patient) {
    return store.list(patient.value(), null, null, 10_000, 0).stream()
        .map(
            n ->
                Map.<String, Object>of(
                    "kind", n.kind().code(),
                    "status", n.status(),
                    "dueAt", n.dueAt(),
                    "channel", n.channel() == null ? "" : n.channel().code(),
                    "sentAt", n.sentAt() == null ? "" : n.sentAt()))
        .toList();
  }

  @Override
  public void erase(PatientId patient) {
    store.forgetPatient(patient.value());
  }
}
