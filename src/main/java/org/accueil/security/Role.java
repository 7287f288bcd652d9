package org.accueil.security;

import java.util.Set;
import org.accueil.platform.Scope;

/** What a caller may do. A user or a key holds one or more roles. */
public enum Role {
  /** Practice configuration, users, integrations, the audit trail, and all front desk can do. */
  ADMIN,
  /** All calendars, the inbox, patients. */
  FRONT_DESK,
  /** Their own calendar and the patients booked with them; enforced where each record is read. */
  CLINICIAN,
  /** A system calling the API (EHR connector, a website): only the scopes its key was given. */
  INTEGRATION;

  public String authority() {
    return "ROLE_" + name();
  }

  /** The scopes this role implies. */
  public Set<String> scopes() {
    return switch (this) {
      case ADMIN -> Set.copyOf(Scope.ALL);
      case FRONT_DESK ->
          Set.of(
              Scope.PRACTICE_READ,
              Scope.APPOINTMENTS_READ,
              Scope.APPOINTMENTS_WRITE,
              Scope.PATIENTS_READ,
              Scope.PATIENTS_WRITE);
      case CLINICIAN ->
          Set.of(
              Scope.PRACTICE_READ,
              Scope.APPOINTMENTS_READ,
              Scope.APPOINTMENTS_WRITE,
              Scope.PATIENTS_READ);
      case INTEGRATION -> Set.of();
    };
  }
}
