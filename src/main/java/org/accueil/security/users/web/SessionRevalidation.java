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
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks a signed-in session against its account on every request, on whichever node serves it: a
 * disabled account or a reset password ends the session at once, and changed roles, name, provider
 * link or language apply from the next request. One primary-key read per request.
 */
final class SessionRevalidation extends OncePerRequestFilter {

  private final StaffUserRepository users;
  private final SecurityContextRepository contexts;

  SessionRevalidation(StaffUserRepository users, SecurityContextRepository contexts) {
    this.users = users;
    this.contexts = contexts;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (SecurityContextHolder.getContext().getAuthentication()
        instanceof StaffAuthentication staff) {
      StaffUserRow user = users.find(staff.userId()).orElse(null);
      if (user == null || user.disabled() || user.sessionEpoch() != staff.epoch()) {
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
          session.invalidate();
        }
      } else if (!user.actor().equals(staff.actor())
          || !user.locale().equals(staff.locale().getLanguage())) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new StaffAuthentication(user));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
      }
    }
    chain.doFilter(request, response);
  }
}
