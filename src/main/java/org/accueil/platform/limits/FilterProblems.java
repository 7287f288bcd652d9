package org.accueil.platform.limits;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem details written by a servlet filter, before Spring MVC (and its exception handling) is
 * reached: the same shape and the same message bundles as {@code ProblemHandling}.
 */
final class FilterProblems {

  private final MessageSource messages;
  private final JsonMapper json;

  FilterProblems(MessageSource messages, JsonMapper json) {
    this.messages = messages;
    this.json = json;
  }

  ProblemDetail problem(
      HttpServletRequest request,
      HttpStatus status,
      String slug,
      String messageCode,
      String english,
      Object... arguments) {
    // Before the DispatcherServlet: without Accept-Language, English, not the server's locale.
    Locale locale =
        request.getHeader("Accept-Language") == null ? Locale.ENGLISH : request.getLocale();
    String fallback = java.text.MessageFormat.format(english.replace("'", "''"), arguments);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            status, messages.getMessage(messageCode, arguments, fallback, locale));
    problem.setType(URI.create("/problems/" + slug));
    problem.setTitle(
        messages.getMessage("problem." + slug + ".title", null, status.getReasonPhrase(), locale));
    return problem;
  }

  void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem);
  }
}
