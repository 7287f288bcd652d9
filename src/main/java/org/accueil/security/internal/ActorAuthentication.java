package org.accueil.security.internal;

import java.util.ArrayList;
import java.util.List;
import org.accueil.platform.Actor;
import org.accueil.platform.Scope;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated {@link Actor}: its roles as {@code ROLE_*} authorities, its scopes as {@code
 * SCOPE_*}, and {@value #PATIENT_LINK} for a patient holding an access link. {@link #getName()} is
 * the actor's reference ({@code api-key:<id>}), which records such as "created by" keep.
 */
public final class ActorAuthentication extends AbstractAuthenticationToken {

  public static final String PATIENT_LINK = "PATIENT_LINK";

  private final Actor actor;

  public ActorAuthentication(Actor actor) {
    super(authorities(actor));
    this.actor = actor;
    setAuthenticated(true);
  }

  public static List<GrantedAuthority> authorities(Actor actor) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    actor.roles().stream()
        .sorted()
        .forEach(r -> authorities.add(new SimpleGrantedAuthority("ROLE_" + r)));
    actor.scopes().stream()
        .sorted()
        .forEach(s -> authorities.add(new SimpleGrantedAuthority(Scope.authority(s))));
    if (actor.isPatientLink()) {
      authorities.add(new SimpleGrantedAuthority(PATIENT_LINK));
    }
    return authorities;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  @Override
  public Actor getPrincipal() {
    return actor;
  }

  @Override
  public String getName() {
    return actor.reference();
  }
}
