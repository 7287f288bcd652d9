package org.accueil.security;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A staff account as administrators see it: never its password hash or second-factor secret.
 *
 * @param passwordLogin whether a password is set (a user known only through OpenID Connect has
 *     none)
 * @param totpEnabled whether sign-in asks for a TOTP code after the password
 * @param oidcLinked whether the account is linked to an identity at the OpenID Connect provider
 * @param failedAttempts consecutive wrong passwords or codes since the last sign-in
 * @param lockedUntil set while the account is locked after too many failures
 */
public record StaffUser(
    UUID id,
    String email,
    String displayName,
    List<Role> roles,
    @Nullable UUID providerId,
    String locale,
    boolean passwordLogin,
    boolean totpEnabled,
    boolean oidcLinked,
    int failedAttempts,
    @Nullable Instant lockedUntil,
    @Nullable Instant disabledAt,
    Instant createdAt,
    @Nullable Instant lastLoginAt) {}
