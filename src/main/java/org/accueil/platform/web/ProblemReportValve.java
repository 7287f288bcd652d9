package org.accueil.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's last word, for requests it refuses before the application sees them: a request line or
 * header fields over {@code server.max-http-request-header-size}, characters HTTP does not allow in
 * the address, broken chunked framing. Tomcat's own page is HTML; this answers the same problem
 * JSON as every other error.
 */
final class ProblemReportValve extends ErrorReportValve {

  private final MessageSource messages;
  private final JsonMapper json;

  ProblemReportValve(MessageSource messages, JsonMapper json) {
    this.messages = messages;
    this.json = json;
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // As Tomcat's own valve: nothing for a success, for an answer already begun, or twice.
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    HttpStatus resolved = HttpStatus.resolve(status);
    HttpStatus known = resolved == null ? HttpStatus.BAD_REQUEST : resolved;
    Locale locale = locale(request);
    String slug =
        switch (known) {
          case BAD_REQUEST -> "unreadable-request";
          case CONTENT_TOO_LARGE -> "body-too-large";
          default -> "http-" + status;
        };
    String english =
        known == HttpStatus.BAD_REQUEST
            ? "The request could not be read: its address or header fields hold characters HTTP"
                + " does not allow, or are too long."
            : known.getReasonPhrase();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            known, messages.getMessage("problem." + slug, null, english, locale));
    problem.setType(URI.create("/problems/" + slug));
    problem.setTitle(
        messages.getMessage("problem." + slug + ".title", null, known.getReasonPhrase(), locale));
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(json.writeValueAsString(problem));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone or the answer was begun meanwhile: there is nobody left to tell.
    }
  }

  /** The caller's language when its header fields could be read at all; English otherwise. */
  private static Locale locale(Request request) {
    try {
      return request.getHeader("Accept-Language") == null ? Locale.ENGLISH : request.getLocale();
    } catch (RuntimeException e) {
      return Locale.ENGLISH;
    }
  }
}
