package org.accueil.security.users;

import java.util.Set;
import org.accueil.security.Role;
import org.jspecify.annotations.Nullable;

/**
 * Who the OpenID Connect provider says signed in, and the roles its claims map to.
 *
 * @param emailVerified the provider's {@code email_verified} claim: only a verified address may
 *     link the identity to an existing account
 */
public record OidcIdentity(
    String issuer,
    String subject,
    @Nullable String email,
    boolean emailVerified,
    @Nullable String name,
    Set<Role> roles) {

  @Override
  public String toString() {
    return "OidcIdentity[issuer=" + issuer + ", roles=" + roles + "]";
  }
}
