package org.accueil.security.users.web;

import java.util.Map;
import org.accueil.security.users.LoginResult;
import org.accueil.security.users.Logins;
import org.accueil.security.users.OidcIdentity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * After Spring Security has checked the ID token (signature, issuer, audience, nonce, expiry) and
 * read the UserInfo endpoint: maps the claims to roles and finds, links or creates the staff
 * account. A refusal becomes an {@link OAuth2AuthenticationException} whose code names the reason
 * for the refusal page.
 */
final class StaffOidcUsers extends OidcUserService {

  static final String REFUSAL_PREFIX = "accueil_";

  private final Logins logins;
  private final OidcProperties properties;

  StaffOidcUsers(Logins logins, OidcProperties properties) {
    this.logins = logins;
    this.properties = properties;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser user = super.loadUser(request);
    Map<String, Object> claims = user.getClaims();
    String name = user.getFullName() != null ? user.getFullName() : user.getPreferredUsername();
    OidcIdentity identity =
        new OidcIdentity(
            String.valueOf(user.getIdToken().getIssuer()),
            user.getSubject(),
            user.getEmail(),
            Boolean.TRUE.equals(user.getEmailVerified()),
            name,
            OidcRoles.of(claims, properties));
    LoginResult result = logins.oidc(identity, properties.autoCreateUsers());
    if (result instanceof LoginResult.SignedIn signedIn) {
      return new Staff(user, new StaffAuthentication(signedIn.user()));
    }
    String reason =
        result instanceof LoginResult.Refused refused ? refused.reason().slug() : "no-account";
    throw new OAuth2AuthenticationException(
        new OAuth2Error(REFUSAL_PREFIX + reason), "Sign-in refused: " + reason);
  }

  /** The provider's user, carrying the staff session it opens. */
  static final class Staff extends DefaultOidcUser {
    private final transient StaffAuthentication authentication;

    Staff(OidcUser user, StaffAuthentication authentication) {
      super(authentication.getAuthorities(), user.getIdToken(), user.getUserInfo(), "sub");
      this.authentication = authentication;
    }

    StaffAuthentication authentication() {
      return authentication;
    }
  }
}
