package org.accueil.security.users.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accueil.platform.crypto.BlindIndex;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * CSRF tokens for the pages a patient reaches by a form's link ({@code /q/<link>}) bound to that
 * link instead of the session: a keyed MAC of the link (the blind-index keyset, purpose {@value
 * #PURPOSE}). A patient who takes longer than a session over their intake form (finding their
 * treatments, a call in between) still sends it with everything they typed; a page elsewhere cannot
 * post to it, since it knows neither the link nor the key. Every other page keeps its session's
 * token.
 */
final class LinkBoundCsrfTokens implements CsrfTokenRepository {

  static final String PURPOSE = "csrf.form-link.v1";

  /** A form page's path: its link, then the action. */
  private static final Pattern FORM_PAGE = Pattern.compile("/q/(qf_[A-Za-z0-9_.-]{1,120})(/.*)?");

  private final CsrfTokenRepository sessions;
  private final BlindIndex mac;

  LinkBoundCsrfTokens(CsrfTokenRepository sessions, BlindIndex mac) {
    this.sessions = sessions;
    this.mac = mac;
  }

  @Override
  public CsrfToken generateToken(HttpServletRequest request) {
    return link(request).map(this::bound).orElseGet(() -> sessions.generateToken(request));
  }

  @Override
  public void saveToken(
      @Nullable CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
    if (link(request).isEmpty()) {
      sessions.saveToken(token, request, response);
    }
  }

  @Override
  public @Nullable CsrfToken loadToken(HttpServletRequest request) {
    Optional<String> link = link(request);
    return link.isPresent() ? bound(link.get()) : sessions.loadToken(request);
  }

  private CsrfToken bound(String link) {
    String value = Base64.getUrlEncoder().withoutPadding().encodeToString(mac.of(PURPOSE, link));
    return new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", value);
  }

  private static Optional<String> link(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Matcher m = FORM_PAGE.matcher(path);
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }
}
