package org.accueil.web.inbox;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import java.util.Map;
import org.accueil.platform.ProblemException;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A problem met while showing a staff page (an unknown or hidden conversation, a missing scope) is
 * a page a person reads, with the problem's status, not the API's JSON. Ahead of the API's handler,
 * which answers every other controller's problems.
 */
@ControllerAdvice(basePackages = {"org.accueil.web.inbox", "org.accueil.web.staff"})
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageProblems {

  private final MessageSource messages;

  PageProblems(MessageSource messages) {
    this.messages = messages;
  }

  @ExceptionHandler(ProblemException.class)
  Object problem(
      ProblemException problem,
      Locale locale,
      jakarta.servlet.http.HttpServletRequest request,
      HttpServletResponse response) {
    String accept = request.getHeader("Accept");
    if (accept != null && accept.contains("application/json")) {
      // A page's script asked (the calendar's events, a drag): problem details, as the API.
      return org.springframework.http.ResponseEntity.status(problem.getStatusCode())
          .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
          .body(problem.updateAndGetBody(messages, locale));
    }
    response.setStatus(problem.getStatusCode().value());
    return new ModelAndView(
        "web/inbox/problem",
        Map.of("problem", text(messages, problem, locale)),
        problem.getStatusCode());
  }

  /** What the problem says, in the page's language. */
  static String text(MessageSource messages, ProblemException problem, Locale locale) {
    String detail = problem.updateAndGetBody(messages, locale).getDetail();
    return detail == null ? problem.getMessage() : detail;
  }
}
