package org.accueil.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
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

  /** The roles a person may hold; INTEGRATION is for API keys only. */
  public static final Set<Role> STAFF = EnumSet.of(ADMIN, FRONT_DESK, CLINICIAN);

  public String authority() {
    return "ROLE_" + name();
  }

  /**
   * The scopes this role implies. A clinician's reads are further limited to their own calendar
   * ({@code Actor#ownCalendarOnly}); an integration key holds only the scopes it was given.
   */
  public Set<String> scopes() {
    return switch (this) {
      case ADMIN -> Set.copyOf(Scope.ALL);
      case FRONT_DESK ->
          Set.of(
              Scope.PRACTICE_READ,
              Scope.APPOINTMENTS_READ,
              Scope.APPOINTMENTS_WRITE,
              Scope.PATIENTS_READ,
              Scope.PATIENTS_WRITE,
              Scope.CONVERSATIONS_READ,
              Scope.CONVERSATIONS_WRITE,
              Scope.ASSISTANT_USE,
              Scope.REPORTS_READ);
      case CLINICIAN ->
          Set.of(
              Scope.PRACTICE_READ,
              Scope.APPOINTMENTS_READ,
              Scope.APPOINTMENTS_WRITE,
              Scope.PATIENTS_READ,
              Scope.CONVERSATIONS_READ,
              Scope.CONVERSATIONS_WRITE,
              Scope.ASSISTANT_USE);
      case INTEGRATION -> Set.of();
    };
  }

  /** Every scope implied by any of {@code roles}, in the order of {@link Scope#ALL}. */
  public static Set<String> scopes(Collection<Role> roles) {
    Set<String> implied = new LinkedHashSet<>();
    roles.forEach(role -> implied.addAll(role.scopes()));
    Set<String> ordered = new LinkedHashSet<>();
    for (String scope : Scope.ALL) {
      if (implied.contains(scope)) {
        ordered.add(scope);
      }
    }
    return ordered;
  }

  /** {@code ROLE_<role>} for each role, then {@code SCOPE_<scope>} for each implied scope. */
  public static List<String> authorities(Collection<Role> roles) {
    List<String> authorities = new java.util.ArrayList<>();
    roles.forEach(role -> authorities.add(role.authority()));
    scopes(roles).forEach(scope -> authorities.add(Scope.authority(scope)));
    return authorities;
  }
}
