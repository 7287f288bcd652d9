package org.accueil.security.users.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.accueil.security.users.StaffUserRepository;
import org.accueil.security.users.StaffUserRow;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a signed-in session against its account on every request, on whichever node serves it: a
 * disabled account or a reset password ends the session at once, and changed roles, name, provider
 * link or language apply from the next request. One primary-key read per request of a signed-in
 * session, none otherwise.
 *
 * <p>It runs before Spring Security's filters and works on the session itself, because two chains
 * read that session: the web UI's and the API's (which accepts the web UI's session too).
 */
final class SessionRevalidation extends OncePerRequestFilter {

  private static final String CONTEXT =
      HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY;

  private final StaffUserRepository users;

  SessionRevalidation(StaffUserRepository users) {
    this.users = users;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(CONTEXT) instanceof SecurityContext context
        && context.getAuthentication() instanceof StaffAuthentication staff) {
      StaffUserRow user = users.find(staff.userId()).orElse(null);
      if (user == null || user.disabled() || user.sessionEpoch() != staff.epoch()) {
        session.invalidate();
      } else if (!user.actor().equals(staff.actor())
          || !user.locale().equals(staff.locale().getLanguage())) {
        session.setAttribute(CONTEXT, new SecurityContextImpl(new StaffAuthentication(user)));
      }
    }
    chain.doFilter(request, response);
  }
}
