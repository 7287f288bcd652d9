package org.accueil.security.users.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.MissingCsrfTokenException;

/**
 * A form sent after its session ended (the sign-in page left open over lunch) has no token to be
 * checked against: that is a stale page, not an attack, so the person is sent to sign in again with
 * a word of explanation. A token that does not match a live session's stays a plain 403.
 */
final class StalePages implements AccessDeniedHandler {

  private final AccessDeniedHandler refuse = new AccessDeniedHandlerImpl();

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
      throws IOException, ServletException {
    // Missing: no token was stored for this browser before the request (the repository has just
    // made one), so no live session ever showed the page this form came from.
    if (exception instanceof MissingCsrfTokenException) {
      response.sendRedirect(request.getContextPath() + "/login?expired");
      return;
    }
    refuse.handle(request, response, exception);
  }
}
