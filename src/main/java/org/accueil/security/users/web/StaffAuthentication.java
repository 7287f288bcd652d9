package org.accueil.security.users.web;

import java.util.Locale;
import java.util.UUID;
import org.accueil.platform.Actor;
import org.accueil.security.Role;
import org.accueil.security.users.StaffUserRow;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A signed-in staff member: the {@link Actor} is the principal, the authorities are {@code
 * ROLE_<role>} and {@code SCOPE_<scope>}. {@code epoch} is the account's session epoch when the
 * session opened; a password reset or disabling moves it on and so ends the session.
 */
public final class StaffAuthentication extends AbstractAuthenticationToken {

  private final Actor actor;
  private final int epoch;
  private final Locale locale;

  StaffAuthentication(StaffUserRow user) {
    super(Role.authorities(user.roles()).stream().map(SimpleGrantedAuthority::new).toList());
    this.actor = user.actor();
    this.epoch = user.sessionEpoch();
    this.locale = Locale.forLanguageTag(user.locale());
    setAuthenticated(true);
  }

  public Actor actor() {
    return actor;
  }

  public UUID userId() {
    return UUID.fromString(actor.id());
  }

  int epoch() {
    return epoch;
  }

  /** The language chosen for the account, for pages when the browser has not picked another. */
  Locale locale() {
    return locale;
  }

  @Override
  public Object getPrincipal() {
    return actor;
  }

  @Override
  public Object getCredentials() {
    return "";
  }

  /** {@code user:<id>}: how records such as "created by" and idempotency keys name the caller. */
  @Override
  public String getName() {
    return actor.reference();
  }
}
