package org.accueil.scheduling;

import java.util.UUID;
import org.accueil.patients.Patients;

/**
 * Whom a visit is for. A record registered by this very request has no history and no other
 * appointment yet (nobody else can see it before we commit), so nothing needs looking up.
 */
record ForPatient(UUID id, boolean registeredNow) {

  static ForPatient of(Patients.Registration registration) {
    return new ForPatient(registration.patient().id().value(), registration.created());
  }

  static ForPatient existing(UUID id) {
    return new ForPatient(id, false);
  }
}
