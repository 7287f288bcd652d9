package org.accueil.security.users.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.accueil.security.users.LoginProperties;
import org.accueil.security.users.LoginResult;
import org.accueil.security.users.Logins;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.SessionAuthenticationStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * {@code POST /login/totp}: the second step of a password sign-in. The session holds only a {@link
 * Pending} marker (the user whose password was right, and when) until the code checks out; then the
 * session id changes again and the session becomes authenticated.
 */
final class SecondFactorStep extends AbstractAuthenticationProcessingFilter {

  static final String PENDING = SecondFactorStep.class.getName() + ".PENDING";

  /** Serializable: it lives in the HTTP session. */
  record Pending(UUID userId, Instant since) implements Serializable {}

  private final Logins logins;
  private final LoginProperties properties;
  private final Clock clock;

  SecondFactorStep(
      Logins logins,
      LoginProperties properties,
      Clock clock,
      SessionAuthenticationStrategy sessions,
      SecurityContextRepository contexts) {
    super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login/totp"));
    this.logins = logins;
    this.properties = properties;
    this.clock = clock;
    setAuthenticationManager(new ProviderManager(new CodeCheck(logins)));
    setSessionAuthenticationStrategy(sessions);
    setSecurityContextRepository(contexts);
    SavedRequestAwareAuthenticationSuccessHandler success =
        new SavedRequestAwareAuthenticationSuccessHandler();
    success.setDefaultTargetUrl("/app");
    setAuthenticationSuccessHandler(success);
    setAuthenticationFailureHandler(new Refusal());
  }

  /** The marker of a password accepted within the configured time, or {@code null}. */
  static @Nullable Pending pending(HttpServletRequest request, Instant now, LoginProperties props) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(PENDING) instanceof Pending pending)) {
      return null;
    }
    return pending.since().plus(props.secondFactorTimeout()).isBefore(now) ? null : pending;
  }

  @Override
  public Authentication attemptAuthentication(
      HttpServletRequest request, HttpServletResponse response) {
    HttpSession session = request.getSession(false);
    Object marker = session == null ? null : session.getAttribute(PENDING);
    if (!(marker instanceof Pending pending)) {
      throw new BadCredentialsException("no-pending-login");
    }
    if (pending(request, clock.instant(), properties) == null) {
      logins.secondFactorExpired(pending.userId());
      throw new LockedException("expired");
    }
    String code = request.getParameter("code");
    return getAuthenticationManager()
        .authenticate(new CodeToken(pending.userId(), code == null ? "" : code));
  }

  @Override
  protected void successfulAuthentication(
      HttpServletRequest request,
      HttpServletResponse response,
      jakarta.servlet.FilterChain chain,
      Authentication authResult)
      throws IOException, jakarta.servlet.ServletException {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(PENDING);
    }
    super.successfulAuthentication(request, response, chain, authResult);
  }

  /** The typed code, for the user of the pending marker. */
  static final class CodeToken extends AbstractAuthenticationToken {
    private final UUID userId;
    private final String code;

    CodeToken(UUID userId, String code) {
      super(java.util.List.of());
      this.userId = userId;
      this.code = code;
    }

    @Override
    public Object getCredentials() {
      return code;
    }

    @Override
    public Object getPrincipal() {
      return userId;
    }
  }

  private static final class CodeCheck
      implements org.springframework.security.authentication.AuthenticationProvider {
    private final Logins logins;

    CodeCheck(Logins logins) {
      this.logins = logins;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
      CodeToken token = (CodeToken) authentication;
      LoginResult result = logins.secondFactor(token.userId, token.code);
      if (result instanceof LoginResult.SignedIn signedIn) {
        return new StaffAuthentication(signedIn.user());
      }
      LoginResult.Reason reason =
          result instanceof LoginResult.Refused refused
              ? refused.reason()
              : LoginResult.Reason.BAD_CREDENTIALS;
      if (reason == LoginResult.Reason.WRONG_CODE || reason == LoginResult.Reason.REPLAYED_CODE) {
        throw new BadCredentialsException(reason.slug());
      }
      throw new LockedException(reason.slug());
    }

    @Override
    public boolean supports(Class<?> authentication) {
      return CodeToken.class.isAssignableFrom(authentication);
    }
  }

  /**
   * A wrong or replayed code: try again. Anything else (the account locked meanwhile, no or an
   * expired marker): back to the password, with the same generic message as a wrong password.
   */
  private final class Refusal implements AuthenticationFailureHandler {
    @Override
    public void onAuthenticationFailure(
        HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
        throws IOException {
      if (e instanceof BadCredentialsException && !"no-pending-login".equals(e.getMessage())) {
        response.sendRedirect(request.getContextPath() + "/login/totp?error");
        return;
      }
      HttpSession session = request.getSession(false);
      if (session != null) {
        session.removeAttribute(PENDING);
      }
      response.sendRedirect(request.getContextPath() + "/login?error");
    }
  }
}
