package org.accueil.platform.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.accueil.platform.limits.RateLimiter.Outcome;
import org.accueil.platform.limits.RateLimiter.Policy;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits, per client address and before any credential is checked, what costs a guess: login
 * attempts (each one an Argon2 hash), and calls carrying an API key that turns out unknown or
 * revoked. It runs ahead of Spring Security's filter chain, so a refused guess never reaches the
 * password hash or the key lookup.
 */
final class AddressLimitFilter extends OncePerRequestFilter {

  private final RateLimiter limiter;
  private final RateLimitResponses responses;

  AddressLimitFilter(RateLimiter limiter, RateLimitResponses responses) {
    this.limiter = limiter;
    this.responses = responses;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String client = ClientAddress.of(request);
    if (isLogin(request)) {
      Outcome outcome = limiter.take(Policy.LOGIN, client);
      responses.describe(response, outcome);
      if (!outcome.allowed()) {
        responses.refuse(request, response, outcome);
        return;
      }
      chain.doFilter(request, response);
      return;
    }
    if (request.getHeader("Authorization") == null) {
      chain.doFilter(request, response);
      return;
    }
    // Checked, not counted: only refusals count, after the fact. Guesses already in flight when
    // the bucket empties still get their 401; the next ones wait.
    Outcome outcome = limiter.check(Policy.FAILED_API_KEYS, client);
    if (!outcome.allowed()) {
      responses.describe(response, outcome);
      responses.refuse(request, response, outcome);
      return;
    }
    chain.doFilter(request, response);
    if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      limiter.record(Policy.FAILED_API_KEYS, client);
    }
  }

  /**
   * The password form and its second factor ({@code POST /login}, {@code POST /login/totp}) and the
   * return from an OpenID Connect provider ({@code /login/oauth2/code/<registration>}).
   */
  static boolean isLogin(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/login/oauth2/code/")) {
      return true;
    }
    return "POST".equals(request.getMethod())
        && (path.equals("/login") || path.equals("/login/totp"));
  }
}
