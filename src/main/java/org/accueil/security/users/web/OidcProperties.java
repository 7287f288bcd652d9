package org.accueil.security.users.web;

import java.util.List;
import java.util.Map;
import org.accueil.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.security.oidc.*}: sign-in through an OpenID Connect provider (Keycloak, Entra ID,
 * Google Workspace...). Off unless {@code issuer-uri} is set.
 *
 * @param issuerUri the provider's issuer; its discovery document is read at start-up
 * @param rolesClaim the claim holding the user's roles, a dotted path into nested objects such as
 *     {@code realm_access.roles}; a list of strings or one string
 * @param roleMapping claim value to Accueil role; when empty, claim values named like a role
 *     (ADMIN, FRONT_DESK, CLINICIAN, any case) map to it
 * @param autoCreateUsers whether a first sign-in with a mapped role creates the staff account
 * @param displayName the sign-in button's label
 */
@ConfigurationProperties("accueil.security.oidc")
public record OidcProperties(
    @Nullable String issuerUri,
    @Nullable String clientId,
    @Nullable String clientSecret,
    @DefaultValue({"openid", "profile", "email"}) List<String> scopes,
    @DefaultValue("roles") String rolesClaim,
    @Nullable Map<String, Role> roleMapping,
    @DefaultValue("true") boolean autoCreateUsers,
    @DefaultValue("Single sign-on") String displayName) {

  public OidcProperties {
    roleMapping = roleMapping == null ? Map.of() : Map.copyOf(roleMapping);
    roleMapping.forEach(
        (claim, role) -> {
          if (!Role.STAFF.contains(role)) {
            throw new IllegalArgumentException(
                "accueil.security.oidc.role-mapping maps \""
                    + claim
                    + "\" to "
                    + role
                    + ": people may hold ADMIN, FRONT_DESK or CLINICIAN");
          }
        });
  }

  public boolean enabled() {
    return issuerUri != null && !issuerUri.isBlank();
  }
}
