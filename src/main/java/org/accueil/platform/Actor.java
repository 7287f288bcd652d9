package org.accueil.platform;

import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Who is acting: a staff user, an API key, a patient holding an access link, the EHR, or Accueil
 * itself. The security module puts an {@code Actor} in the security context as the principal; every
 * module reads it through {@link #current()}.
 *
 * @param id the user, key or link id; the component name for {@link Kind#SYSTEM}
 * @param name what a person reads in the audit trail (a user's display name, a key's name)
 * @param roles role names (ADMIN, FRONT_DESK, CLINICIAN, INTEGRATION)
 * @param scopes the {@link Scope}s held, implied by roles or given to a key
 * @param providerId the provider a staff user is linked to (a clinician's own calendar)
 * @param appointmentId the one appointment a patient access link is for
 */
public record Actor(
    Kind kind,
    String id,
    String name,
    Set<String> roles,
    Set<String> scopes,
    @Nullable UUID providerId,
    @Nullable UUID appointmentId) {

  public enum Kind {
    USER("user"),
    API_KEY("api-key"),
    PATIENT_LINK("patient-link"),
    EHR("ehr"),
    SYSTEM("system"),
    ANONYMOUS("anonymous");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public Actor {
    roles = Set.copyOf(roles);
    scopes = Set.copyOf(scopes);
  }

  private static final Actor ANONYMOUS =
      new Actor(Kind.ANONYMOUS, "anonymous", "Anonymous", Set.of(), Set.of(), null, null);

  /** Accueil itself, acting outside any request (jobs, start-up, listeners). */
  public static Actor system(String component) {
    return new Actor(Kind.SYSTEM, component, component, Set.of(), Set.of(), null, null);
  }

  /** The actor of the current call: its principal, or anonymous in a request, else the system. */
  public static Actor current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.getPrincipal() instanceof Actor actor) {
      return actor;
    }
    return RequestContextHolder.getRequestAttributes() != null ? ANONYMOUS : system("accueil");
  }

  /** How records such as "created by" name this actor: {@code user:<id>}, {@code api-key:<id>}. */
  public String reference() {
    return kind.label() + ":" + id;
  }

  public boolean can(String scope) {
    return scopes.contains(scope);
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }

  /**
   * A clinician who is not also front desk or admin sees only their own calendar and the patients
   * booked with them: this is that provider. {@code null} means the actor is not so restricted. A
   * clinician not linked to any provider is restricted to a provider that does not exist.
   */
  public @Nullable UUID ownCalendarOnly() {
    if (kind != Kind.USER
        || !roles.contains("CLINICIAN")
        || roles.contains("ADMIN")
        || roles.contains("FRONT_DESK")) {
      return null;
    }
    return providerId != null ? providerId : new UUID(0, 0);
  }

  public boolean isPatientLink() {
    return kind == Kind.PATIENT_LINK;
  }
}
