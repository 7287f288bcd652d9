package org.accueil.security.users.web;

import java.util.UUID;
import org.accueil.security.users.LoginResult;
import org.accueil.security.users.Logins;
import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * The form's e-mail and password, checked by {@link Logins}. An account with a second factor does
 * not authenticate here: {@link SecondFactorRequired} sends the browser to the TOTP step instead.
 */
final class PasswordLogin implements AuthenticationProvider {

  private final Logins logins;

  PasswordLogin(Logins logins) {
    this.logins = logins;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String email = String.valueOf(authentication.getPrincipal());
    Object credentials = authentication.getCredentials();
    String password = credentials == null ? "" : credentials.toString();
    return switch (logins.password(email, password)) {
      case LoginResult.SignedIn signedIn -> new StaffAuthentication(signedIn.user());
      case LoginResult.SecondFactorNeeded needed -> throw new SecondFactorRequired(needed.userId());
      case LoginResult.Refused refused ->
          throw new BadCredentialsException(refused.reason().slug());
    };
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }

  /**
   * The password was right; the session opens only after the TOTP code. An account status
   * exception, so the provider manager passes it on as it is instead of asking other providers.
   */
  static final class SecondFactorRequired extends AccountStatusException {
    private final UUID userId;

    SecondFactorRequired(UUID userId) {
      super("A TOTP code is needed");
      this.userId = userId;
    }

    UUID userId() {
      return userId;
    }
  }
}
