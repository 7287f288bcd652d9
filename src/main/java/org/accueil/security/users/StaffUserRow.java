package org.accueil.security.users;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.accueil.platform.Actor;
import org.accueil.security.Role;
import org.accueil.security.StaffUser;
import org.jspecify.annotations.Nullable;

/** One {@code staff_user} row, secrets included: it never leaves this module. */
public record StaffUserRow(
    UUID id,
    String email,
    String displayName,
    @Nullable String passwordHash,
    List<Role> roles,
    @Nullable UUID providerId,
    String locale,
    int failedAttempts,
    @Nullable Instant lockedUntil,
    @Nullable Instant disabledAt,
    byte @Nullable [] totpSecret,
    @Nullable Long totpLastStep,
    @Nullable String oidcIssuer,
    @Nullable String oidcSubject,
    int sessionEpoch,
    Instant createdAt,
    @Nullable Instant lastLoginAt) {

  public boolean disabled() {
    return disabledAt != null;
  }

  public boolean lockedAt(Instant now) {
    return lockedUntil != null && lockedUntil.isAfter(now);
  }

  public boolean totpEnabled() {
    return totpSecret != null;
  }

  /** Who this user is when they act: the principal of their session. */
  public Actor actor() {
    return new Actor(
        Actor.Kind.USER,
        id.toString(),
        displayName,
        roles.stream().map(Role::name).collect(java.util.stream.Collectors.toSet()),
        Role.scopes(roles),
        providerId,
        null);
  }

  /** What an administrator may see: no hash, no secret. */
  public StaffUser view(Instant now) {
    return new StaffUser(
        id,
        email,
        displayName,
        roles,
        providerId,
        locale,
        passwordHash != null,
        totpEnabled(),
        oidcIssuer != null,
        failedAttempts,
        lockedAt(now) ? lockedUntil : null,
        disabledAt,
        createdAt,
        lastLoginAt);
  }

  @Override
  public String toString() {
    return "StaffUserRow[id=" + id + "]";
  }
}
