package org.accueil.security;

/** What a caller may do. A key or a user holds one or more roles. */
public enum Role {
  /** Practice configuration, users, integrations, and everything front desk can do. */
  ADMIN,
  /** All calendars, the inbox, patients. */
  FRONT_DESK,
  /** Their own calendar and the patients booked with them. */
  CLINICIAN,
  /** A system calling the API (EHR connector, a website). */
  INTEGRATION;

  public String authority() {
    return "ROLE_" + name();
  }
}
