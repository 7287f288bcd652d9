package org.accueil.security.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.accueil.platform.Actor;
import org.accueil.security.PatientLinks;
import org.accueil.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <api key>} and {@code Bearer <patient link token>}. A
 * request with a key that is wrong or revoked is refused outright, even on open endpoints: a
 * misconfigured integration should learn it at once, not read public data and fail later.
 */
class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  /** last_used_at is written at most this often per key and node; it is a hint, not an audit. */
  private static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

  private static final String BEARER = "Bearer";

  private final ApiKeyRepository keys;
  private final PatientLinks links;
  private final AuthenticationEntryPoint entryPoint;
  private final Clock clock;
  private final Map<UUID, Instant> lastTouched = new ConcurrentHashMap<>();

  ApiKeyAuthenticationFilter(
      ApiKeyRepository keys, PatientLinks links, AuthenticationEntryPoint entryPoint, Clock clock) {
    this.keys = keys;
    this.links = links;
    this.entryPoint = entryPoint;
    this.clock = clock;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader("Authorization");
    if (!isBearer(header)) {
      chain.doFilter(request, response);
      return;
    }
    String secret = header.substring(BEARER.length()).trim();
    Actor actor = secret.isEmpty() ? null : authenticate(secret);
    if (actor == null) {
      SecurityContextHolder.clearContext();
      entryPoint.commence(
          request, response, new BadCredentialsException("Unknown or revoked credential"));
      return;
    }
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new ActorAuthentication(actor));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }

  /**
   * "Bearer", then the key after whitespace, or nothing at all: the server drops a field value's
   * trailing whitespace (RFC 9110 5.5), so "Bearer " sent with an empty key arrives as "Bearer",
   * and must be refused as a wrong key rather than read as no key.
   */
  private static boolean isBearer(@Nullable String header) {
    return header != null
        && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        && (header.length() == BEARER.length()
            || Character.isWhitespace(header.charAt(BEARER.length())));
  }

  private @Nullable Actor authenticate(String secret) {
    if (secret.startsWith(PatientLinks.PREFIX)) {
      return links.authenticate(secret).orElse(null);
    }
    var key = keys.findActive(secret, clock.instant()).orElse(null);
    if (key == null) {
      return null;
    }
    touch(key.id());
    return actorOf(key);
  }

  private void touch(UUID id) {
    Instant now = clock.instant();
    Instant previous = lastTouched.get(id);
    if (previous == null || previous.plus(TOUCH_INTERVAL).isBefore(now)) {
      lastTouched.put(id, now);
      keys.touch(id, now);
    }
  }

  private static Actor actorOf(ApiKeyRepository.ActiveKey key) {
    var scopes = new java.util.TreeSet<String>(key.scopes());
    key.roles().forEach(role -> scopes.addAll(role.scopes()));
    return new Actor(
        Actor.Kind.API_KEY,
        key.id().toString(),
        key.name(),
        key.roles().stream().map(Role::name).collect(java.util.stream.Collectors.toSet()),
        scopes,
        null,
        null);
  }
}
