package org.accueil.security.users.web;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.MissingCsrfTokenException;

/**
 * A form sent after its session ended (the sign-in page left open over lunch) has no token to be
 * checked against: that is a stale page, not an attack, so the person is sent to sign in again with
 * a word of explanation (a patient, to the booking or manage-booking page they were on). A form
 * page's token is bound to its link, not to the session ({@link LinkBoundCsrfTokens}), so a form
 * never goes stale this way; should one still be refused, it leads back to its link. A token that
 * does not match a live session's stays a plain 403.
 */
final class StalePages implements AccessDeniedHandler {

  /** A manage-booking or form page's path: its token, then the action. */
  private static final Pattern PATIENT_LINK = Pattern.compile("/([pq])/([A-Za-z0-9_.-]+)(/.*)?");

  private final AccessDeniedHandler refuse = new AccessDeniedHandlerImpl();

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
      throws IOException, ServletException {
    // Missing: no token was stored for this browser before the request (the repository has just
    // made one), so no live session ever showed the page this form came from.
    if (exception instanceof MissingCsrfTokenException) {
      response.sendRedirect(request.getContextPath() + startAgain(request));
      return;
    }
    refuse.handle(request, response, exception);
  }

  /**
   * Where a stale page's form leads: a patient's booking starts again at the booking page, a
   * manage-booking or form page opens again from its link (its token is in the path), staff sign
   * in.
   */
  private static String startAgain(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.equals("/book") || path.startsWith("/book/")) {
      return "/book";
    }
    Matcher link = PATIENT_LINK.matcher(path);
    if (link.matches()) {
      return "/" + link.group(1) + "/" + link.group(2);
    }
    return "/login?expired";
  }
}
