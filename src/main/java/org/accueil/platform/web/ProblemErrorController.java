package org.accueil.platform.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
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
    HttpStatus status =
        code instanceof Integer i && HttpStatus.resolve(i) != null
            ? HttpStatus.valueOf(i)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    String slug = status == HttpStatus.NOT_FOUND ? "no-such-path" : "http-" + status.value();
    String english =
        status == HttpStatus.NOT_FOUND
            ? "There is nothing at this address; the API lives under /api/v1 (see /swagger-ui.html)."
            : status.getReasonPhrase();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            status,
            messages.getMessage("problem." + slug, null, english, LocaleContextHolder.getLocale()));
    problem.setType(URI.create("/problems/" + slug));
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (uri != null) {
      problem.setInstance(URI.create(uri.toString()));
    }
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }
}
