package org.accueil.platform.web;

import java.net.URI;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.accueil.platform.limits.RequestBodyTooLarge;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.PSQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Turns every error of the API into RFC 9457 problem details whose {@code detail} tells a person
 * what to change, in their language. Spring's own handling covers the HTTP-level errors (405, 406,
 * 415...); this class sharpens the ones people meet most: invalid fields, unreadable JSON,
 * malformed parameters, and the unexpected.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

  private final MessageSource messages;

  ProblemHandling(MessageSource messages) {
    this.messages = messages;
    setMessageSource(messages);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    for (ObjectError error : ex.getBindingResult().getAllErrors()) {
      String field = error instanceof FieldError fe ? fe.getField() : error.getObjectName();
      errors.add(Map.of("field", field, "message", messageOf(error)));
    }
    return invalid(errors, headers, request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    List<Map<String, String>> errors = new ArrayList<>();
    ex.getParameterValidationResults()
        .forEach(
            result -> {
              String path = path(result);
              result
                  .getResolvableErrors()
                  .forEach(
                      error ->
                          errors.add(
                              Map.of(
                                  "field",
                                  error instanceof FieldError fe
                                      ? path + "." + fe.getField()
                                      : path,
                                  "message",
                                  messageOf(error))));
            });
    return invalid(errors, headers, request);
  }

  /**
   * Where in the request the invalid value is, written as the unreadable-JSON problems write it:
   * {@code hours[1]} for the second entry of a list body, not just {@code hours}.
   */
  private static String path(ParameterValidationResult result) {
    String name = result.getMethodParameter().getParameterName();
    String path = name == null ? "request" : name;
    if (result.getContainerIndex() != null) {
      return path + "[" + result.getContainerIndex() + "]";
    }
    if (result.getContainerKey() != null) {
      return path + "[" + result.getContainerKey() + "]";
    }
    return path;
  }

  private ResponseEntity<Object> invalid(
      List<Map<String, String>> errors, HttpHeaders headers, WebRequest request) {
    String list =
        errors.stream()
            .map(e -> e.get("field") + ": " + e.get("message"))
            .collect(Collectors.joining("; "));
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "invalid-request",
            "The request has invalid fields: {0}.",
            list);
    problem.setProperty("errors", errors);
    return handleExceptionInternal(
        new IllegalArgumentException(list), problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private String messageOf(org.springframework.context.MessageSourceResolvable error) {
    return messages.getMessage(error, LocaleContextHolder.getLocale());
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    RequestBodyTooLarge tooLarge = causeOf(ex, RequestBodyTooLarge.class);
    if (tooLarge != null) {
      return bodyTooLarge(tooLarge, request);
    }
    ProblemDetail problem = unreadable(jacksonCause(ex));
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /**
   * A chunked body outgrew {@code accueil.http.max-body-size} while it was read (one with a
   * Content-Length was refused before reaching here).
   */
  private ResponseEntity<Object> bodyTooLarge(RequestBodyTooLarge ex, WebRequest request) {
    ProblemDetail problem =
        problem(
            HttpStatus.CONTENT_TOO_LARGE,
            "body-too-large",
            "The request body is larger than the {0} this server accepts; send less at once.",
            ex.readableLimit());
    problem.setProperty("maxBodySize", ex.limit());
    return handleExceptionInternal(
        ex, problem, new HttpHeaders(), HttpStatus.CONTENT_TOO_LARGE, request);
  }

  private static <T extends Throwable> @Nullable T causeOf(Throwable ex, Class<T> type) {
    for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }

  /**
   * The Jackson exception in the chain, which knows the field's path; the root cause (say a
   * DateTimeParseException) does not.
   */
  private static Throwable jacksonCause(HttpMessageNotReadableException ex) {
    for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof JacksonException) {
        return cause;
      }
    }
    return ex.getMostSpecificCause();
  }

  private ProblemDetail unreadable(Throwable cause) {
    if (cause instanceof StorableText.UnstorableText unstorable) {
      ProblemDetail problem =
          problem(
              HttpStatus.BAD_REQUEST,
              "invalid-characters",
              "{0} holds a character that cannot be stored: a control character such as NUL, or"
                  + " half of a surrogate pair. Remove it.",
              path(unstorable));
      problem.setProperty("field", path(unstorable));
      return problem;
    }
    if (cause instanceof UnrecognizedPropertyException unknown) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "unknown-field",
          "The field \"{0}\" is not part of this request; check its spelling against the API"
              + " documentation.",
          unknown.getPropertyName());
    }
    if (cause instanceof InvalidFormatException invalid) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "invalid-value",
          "\"{1}\" is not a valid value for {0} (expected {2}).",
          path(invalid),
          String.valueOf(invalid.getValue()),
          expected(invalid.getTargetType()));
    }
    if (cause instanceof MismatchedInputException mismatched && !path(mismatched).isEmpty()) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "invalid-value",
          "\"{1}\" is not a valid value for {0} (expected {2}).",
          path(mismatched),
          "…",
          expected(mismatched.getTargetType()));
    }
    if (cause instanceof DatabindException databind && path(databind).isEmpty()) {
      // Jackson's own words would name our classes; say what shape the body should have.
      boolean array =
          databind instanceof MismatchedInputException mismatched
              && mismatched.getTargetType() != null
              && (java.util.Collection.class.isAssignableFrom(mismatched.getTargetType())
                  || mismatched.getTargetType().isArray());
      return array
          ? problemWithCode(
              HttpStatus.BAD_REQUEST,
              "malformed-json",
              "problem.malformed-json.array",
              "The request body does not have the shape this call takes: send a JSON array (see"
                  + " the API documentation).")
          : problemWithCode(
              HttpStatus.BAD_REQUEST,
              "malformed-json",
              "problem.malformed-json.object",
              "The request body does not have the shape this call takes: send a JSON object (see"
                  + " the API documentation).");
    }
    if (cause instanceof StreamReadException || cause instanceof JacksonException) {
      return problem(
          HttpStatus.BAD_REQUEST,
          "malformed-json",
          "The request body is not valid JSON: {0}.",
          cause instanceof JacksonException je ? je.getOriginalMessage() : cause.getMessage());
    }
    return problem(
        HttpStatus.BAD_REQUEST,
        "missing-body",
        "This call needs a JSON request body; none was sent or it could not be read.");
  }

  private static String path(JacksonException e) {
    return e.getPath().stream()
        .map(
            ref ->
                ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name =
        ex instanceof MethodArgumentTypeMismatchException m ? m.getName() : ex.getPropertyName();
    ProblemDetail problem =
        problem(
            HttpStatus.BAD_REQUEST,
            "invalid-value",
            "\"{1}\" is not a valid value for {0} (expected {2}).",
            name,
            String.valueOf(ex.getValue()),
            expected(ex.getRequiredType()));
    return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private String expected(@Nullable Class<?> type) {
    String key =
        type == null
            ? "value"
            : switch (type.getSimpleName()) {
              case "UUID" -> "uuid";
              case "LocalDate" -> "date";
              case "LocalTime" -> "time";
              case "OffsetDateTime", "Instant", "ZonedDateTime" -> "date-time";
              case "Integer", "int", "Long", "long" -> "integer";
              case "Boolean", "boolean" -> "boolean";
              case "ZoneId" -> "zone";
              case "DayOfWeek" -> "day-of-week";
              default -> type.isEnum() ? "enum" : "value";
            };
    String english =
        switch (key) {
          case "uuid" -> "an id such as 0193e8a4-5b7c-7d2e-9f10-1a2b3c4d5e6f";
          case "date" -> "a date such as 2026-03-30";
          case "time" -> "a time of day such as 09:30";
          case "date-time" -> "a date-time with its offset such as 2026-03-30T09:30:00+02:00";
          case "integer" -> "a whole number";
          case "boolean" -> "true or false";
          case "zone" -> "an IANA time zone such as Europe/Paris";
          case "day-of-week" -> "a day such as MONDAY";
          case "enum" ->
              "one of "
                  + java.util.Arrays.stream(type.getEnumConstants())
                      .map(c -> jsonName(c.toString()))
                      .collect(Collectors.joining(", "));
          default -> "a different value";
        };
    if ("enum".equals(key)) {
      return english;
    }
    return messages.getMessage(
        "problem.expected." + key, null, english, LocaleContextHolder.getLocale());
  }

  private static String jsonName(String constant) {
    return constant.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleNoResourceFoundException(
      NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem =
        problem(
            HttpStatus.NOT_FOUND,
            "no-such-path",
            "There is nothing at this address; the API lives under /api/v1 (see /swagger-ui.html).");
    return handleExceptionInternal(ex, problem, headers, HttpStatus.NOT_FOUND, request);
  }

  @Override
  protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ex.getBody().setType(URI.create("/problems/missing-parameter"));
    return super.handleMissingServletRequestParameter(ex, headers, status, request);
  }

  /**
   * Spring's own problems (405, 406, 415, a missing parameter...) come with {@code about:blank};
   * give them a type like ours, so clients can switch on {@code type} for every error.
   */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      problem.setType(URI.create("/problems/" + standardSlug(status)));
    }
    return super.createResponseEntity(body, headers, status, request);
  }

  private static String standardSlug(HttpStatusCode status) {
    return switch (status.value()) {
      case 400 -> "bad-request";
      case 404 -> "no-such-path";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 413 -> "payload-too-large";
      case 415 -> "unsupported-media-type";
      default -> "http-" + status.value();
    };
  }

  /**
   * What the database refused. A data exception (SQLState class 22) or a broken check is a value
   * the request should not have carried: 400, naming the rule. Conflicts with stored rows are 409.
   * The modules translate the refusals they expect; reaching here means one slipped past their
   * checks, hence the warning, which names the rule and never the values (the driver's "Failing row
   * contains (...)" detail is switched off, see DatabaseConfiguration).
   */
  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<Object> databaseRefusal(DataAccessException ex, WebRequest request) {
    SQLException sql = causeOf(ex, SQLException.class);
    String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
    String rule = rule(sql);
    ProblemDetail problem;
    if (state.equals("22021") || state.equals("22P05")) {
      log.debug("The database refused a character: SQLState {}", state);
      problem =
          problemWithCode(
              HttpStatus.BAD_REQUEST,
              "invalid-characters",
              "problem.invalid-characters.request",
              "A text of the request holds a character that cannot be stored: a control character"
                  + " such as NUL, or half of a surrogate pair. Remove it.");
    } else if (state.equals("22001") || state.equals("54000")) {
      log.debug("The database refused a value as too long: SQLState {}", state);
      problem =
          problem(
              HttpStatus.BAD_REQUEST,
              "value-too-long",
              "A value of the request is longer than can be stored; shorten it.");
    } else if (state.startsWith("22")) {
      log.debug("The database refused a value: SQLState {}", state);
      problem =
          problem(
              HttpStatus.BAD_REQUEST,
              "unstorable-value",
              "A value of the request is outside what can be stored (a date, number or text out of"
                  + " range or format); check the values sent.");
    } else if (state.equals("23514") || state.equals("23502")) {
      log.warn("Unmapped database rule refused a value: SQLState {}, rule {}", state, rule);
      problem =
          problem(
              HttpStatus.BAD_REQUEST,
              "rejected-value",
              "A value of the request breaks the rule {0}; check the format of the fields sent.",
              rule);
      problem.setProperty("rule", rule);
    } else if (state.startsWith("23") || ex instanceof DataIntegrityViolationException) {
      log.warn("Unmapped integrity violation: SQLState {}, rule {}", state, rule);
      problem =
          problem(
              HttpStatus.CONFLICT,
              "conflict",
              "This change conflicts with data already stored; reload and try again.");
    } else {
      return unexpected(ex, request);
    }
    return handleExceptionInternal(
        ex, problem, new HttpHeaders(), HttpStatusCode.valueOf(problem.getStatus()), request);
  }

  /** The constraint (or, for a missing value, the column) PostgreSQL names; never the values. */
  private static String rule(@Nullable SQLException sql) {
    if (sql instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
      var message = psql.getServerErrorMessage();
      if (message.getConstraint() != null) {
        return message.getConstraint();
      }
      if (message.getTable() != null && message.getColumn() != null) {
        return message.getTable() + "." + message.getColumn();
      }
    }
    return "unknown";
  }

  /**
   * Tomcat decodes query parameters lazily, when they are first read: percent-encoding that is not
   * UTF-8 ({@code %FF}) fails there, inside whatever asked for a parameter.
   */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<Object> invalidQuery(InvalidParameterException ex, WebRequest request) {
    return handleExceptionInternal(
        ex, invalidQuery(), new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
  }

  private ProblemDetail invalidQuery() {
    return problem(
        HttpStatus.BAD_REQUEST,
        "invalid-query",
        "The query parameters could not be read: percent-encode them as UTF-8 (%C3%A9 for é).");
  }

  @ExceptionHandler(AccessDeniedException.class)
  ResponseEntity<Object> forbidden(AccessDeniedException ex, WebRequest request) {
    ProblemDetail problem =
        problem(
            HttpStatus.FORBIDDEN,
            "forbidden",
            "Your API key does not allow this call; ask an administrator for a key with the"
                + " needed role.");
    return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.FORBIDDEN, request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
    RequestBodyTooLarge tooLarge = causeOf(ex, RequestBodyTooLarge.class);
    if (tooLarge != null) {
      return bodyTooLarge(tooLarge, request);
    }
    String incident = UUID.randomUUID().toString();
    log.error("Unexpected error, incident {}", incident, ex);
    ProblemDetail problem =
        problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "internal-error",
            "Something went wrong on our side. Quote incident {0} to your administrator; the"
                + " details are in the server log.",
            incident);
    problem.setProperty("incident", incident);
    return handleExceptionInternal(
        ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
  }

  private ProblemDetail problem(HttpStatus status, String slug, String english, Object... args) {
    return problemWithCode(status, slug, "problem." + slug, english, args);
  }

  /** A problem whose detail is one of several wordings of its type: {@code code}. */
  private ProblemDetail problemWithCode(
      HttpStatus status, String slug, String code, String english, Object... args) {
    Locale locale = LocaleContextHolder.getLocale();
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            status,
            messages.getMessage(
                code,
                args,
                java.text.MessageFormat.format(english.replace("'", "''"), args),
                locale));
    problem.setType(URI.create("/problems/" + slug));
    String title = messages.getMessage("problem." + slug + ".title", null, null, locale);
    if (title != null) {
      problem.setTitle(title);
    }
    return problem;
  }
}
