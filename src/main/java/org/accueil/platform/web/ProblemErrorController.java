package org.accueil.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.accueil.platform.limits.RequestBodyTooLarge;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that happen outside a controller (a filter, the servlet container) are forwarded to {@code
 * /error}; they get the same problem-details shape as everything else.
 */
@RestController
class ProblemErrorController implements ErrorController {

  private final MessageSource messages;

  ProblemErrorController(MessageSource messages) {
    this.messages = messages;
  }

  @RequestMapping("${server.error.path:/error}")
  ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Throwable error =
        request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t ? t : null;
    // Without an error to report, someone asked for /error itself: there is nothing there.
    HttpStatus status =
        code == null
            ? HttpStatus.NOT_FOUND
            : code instanceof Integer i && HttpStatus.resolve(i) != null
                ? HttpStatus.valueOf(i)
                : HttpStatus.INTERNAL_SERVER_ERROR;
    // Failures of a filter reading the request on its own (form login reading parameters).
    RequestBodyTooLarge tooLarge = causeOf(error, RequestBodyTooLarge.class);
    if (tooLarge != null) {
      return answer(
          request,
          HttpStatus.CONTENT_TOO_LARGE,
          "body-too-large",
          "The request body is larger than the {0} this server accepts; send less at once.",
          tooLarge.readableLimit());
    }
    if (causeOf(error, InvalidParameterException.class) != null) {
      return answer(
          request,
          HttpStatus.BAD_REQUEST,
          "invalid-query",
          "The query parameters could not be read: percent-encode them as UTF-8 (%C3%A9 for é).");
    }
    // A 400 here was sent by a filter before any controller, Spring Security's firewall mostly:
    // the address itself was refused (an encoded slash or NUL, "..").
    return switch (status) {
      case NOT_FOUND ->
          answer(
              request,
              status,
              "no-such-path",
              "There is nothing at this address; the API lives under /api/v1 (see"
                  + " /swagger-ui.html).");
      case BAD_REQUEST ->
          answer(
              request,
              status,
              "unreadable-request",
              "The request could not be read: its address or header fields hold characters HTTP"
                  + " does not allow, or are too long.");
      default -> answer(request, status, "http-" + status.value(), status.getReasonPhrase());
    };
  }

  private static <T extends Throwable> @Nullable T causeOf(
      @Nullable Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }

  private ResponseEntity<ProblemDetail> answer(
      HttpServletRequest request,
      HttpStatus status,
      String slug,
      String english,
      Object... arguments) {
    String fallback = java.text.MessageFormat.format(english.replace("'", "''"), arguments);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            status,
            messages.getMessage(
                "problem." + slug, arguments, fallback, LocaleContextHolder.getLocale()));
    problem.setType(URI.create("/problems/" + slug));
    String title =
        messages.getMessage(
            "problem." + slug + ".title", null, null, LocaleContextHolder.getLocale());
    if (title != null) {
      problem.setTitle(title);
    }
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (uri != null) {
      try {
        problem.setInstance(URI.create(uri.toString()));
      } catch (IllegalArgumentException e) {
        // An address Tomcat let through but java.net.URI refuses: leave the instance out.
      }
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
