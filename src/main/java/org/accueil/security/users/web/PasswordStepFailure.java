package org.accueil.security.users.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * After {@code POST /login} without a session: a right password on an account with a second factor
 * leads to the TOTP step; anything else back to the form with one generic message, whether the
 * address is unknown, the password wrong, or the account locked or disabled.
 */
final class PasswordStepFailure implements AuthenticationFailureHandler {

  private final Clock clock;

  PasswordStepFailure(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
      throws IOException {
    if (exception instanceof PasswordLogin.SecondFactorRequired required) {
      if (request.getSession(false) != null) {
        // Knowing the password is a privilege: whoever planted this session id must not share it.
        request.changeSessionId();
      }
      request
          .getSession()
          .setAttribute(
              SecondFactorStep.PENDING,
              new SecondFactorStep.Pending(required.userId(), clock.instant()));
      response.sendRedirect(request.getContextPath() + "/login/totp");
      return;
    }
    response.sendRedirect(request.getContextPath() + "/login?error");
  }
}
