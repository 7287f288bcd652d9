package org.accueil.platform.limits;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.accueil.platform.Actor;
import org.accueil.platform.limits.RateLimiter.Outcome;
import org.accueil.platform.limits.RateLimiter.Policy;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the calls Spring Security let through: an authenticated caller (API key, signed-in user,
 * patient link) by who it is, generously and wherever it calls from; everyone else by address,
 * which is what guards the open endpoints a booking page reads. It runs inside Spring Security's
 * filter chain, after authentication.
 */
final class CallerLimitFilter extends OncePerRequestFilter {

  private final RateLimiter limiter;
  private final RateLimitResponses responses;

  CallerLimitFilter(RateLimiter limiter, RateLimitResponses responses) {
    this.limiter = limiter;
    this.responses = responses;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // An orchestrator's probes must never be told to wait: it would restart a healthy node.
    String path = request.getRequestURI().substring(request.getContextPath().length());
    // Providers' webhooks (Meta, Twilio) come from a few addresses in bursts (a reminder run's
    // delivery reports) and are checked against their signature first: counting them per address
    // would answer 429 to the practice's own traffic. The web chat stays counted like any page.
    boolean providerWebhook =
        path.startsWith("/channels/") && !path.startsWith("/channels/webchat/");
    return providerWebhook
        || path.equals("/actuator/health")
        || path.startsWith("/actuator/health/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String caller = caller();
    Outcome outcome =
        caller == null
            ? limiter.take(Policy.PUBLIC, ClientAddress.of(request))
            : limiter.take(Policy.AUTHENTICATED, caller);
    responses.describe(response, outcome);
    if (!outcome.allowed()) {
      responses.refuse(request, response, outcome);
      return;
    }
    chain.doFilter(request, response);
  }

  /** {@code api-key:<id>}, {@code user:<id>}...; {@code null} for an anonymous caller. */
  private static @Nullable String caller() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return null;
    }
    if (authentication.getPrincipal() instanceof Actor actor) {
      // An anonymous actor is everyone at once: counted by address, not as one caller.
      return actor.kind() == Actor.Kind.ANONYMOUS ? null : actor.reference();
    }
    return authentication.getName();
  }
}
