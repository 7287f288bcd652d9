package org.accueil.platform;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An error answered as RFC 9457 problem details. The {@code detail} a person reads is resolved from
 * the message bundles ({@code messages/<module>/problems*.properties}) in the caller's language
 * (Accept-Language: en, fr or it), with {@code defaultDetail} as the fallback; the {@code type} is
 * a stable URI reference, {@code /problems/<slug>}, that clients can switch on.
 */
public class ProblemException extends ErrorResponseException {

  private final String slug;
  private final String messageCode;
  private final Object[] arguments;

  private ProblemException(
      HttpStatus status,
      String slug,
      String messageCode,
      String defaultDetail,
      Object[] arguments,
      Map<String, Object> properties,
      @Nullable Throwable cause) {
    super(status, problem(status, slug, format(defaultDetail, arguments), properties), cause);
    this.slug = slug;
    this.messageCode = messageCode;
    this.arguments = arguments.clone();
  }

  private static ProblemDetail problem(
      HttpStatus status, String slug, String detail, Map<String, Object> properties) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create("/problems/" + slug));
    properties.forEach(problem::setProperty);
    return problem;
  }

  private static String format(String english, Object[] arguments) {
    // MessageFormat treats ' as a quote; the English texts use it as an apostrophe.
    return arguments.length == 0
        ? english
        : java.text.MessageFormat.format(english.replace("'", "''"), arguments);
  }

  /** Starts a problem; {@code slug} names both its type URI and its message keys. */
  public static Builder of(HttpStatus status, String slug) {
    return new Builder(status, slug);
  }

  /**
   * 404 for an unknown id.
   *
   * @param kind what was looked for, as a message key suffix: {@code appointment-type}
   */
  public static ProblemException notFound(String kind, Object id) {
    return of(HttpStatus.NOT_FOUND, "not-found")
        .messageCode("problem.not-found." + kind)
        .detail("There is no " + kind.replace('-', ' ') + " with id " + id + ".", id)
        .with("id", id.toString())
        .build();
  }

  public String slug() {
    return slug;
  }

  @Override
  public String getTitleMessageCode() {
    return "problem." + slug + ".title";
  }

  @Override
  public String getDetailMessageCode() {
    return messageCode;
  }

  @Override
  public Object[] getDetailMessageArguments() {
    return arguments.clone();
  }

  /** Fluent construction, so call sites read as the message they produce. */
  public static final class Builder {
    private final HttpStatus status;
    private final String slug;
    private String messageCode;
    private String defaultDetail = "";
    private Object[] arguments = new Object[0];
    private final Map<String, Object> properties = new LinkedHashMap<>();
    private @Nullable Throwable cause;

    private Builder(HttpStatus status, String slug) {
      this.status = status;
      this.slug = slug;
      this.messageCode = "problem." + slug;
    }

    /** When one problem type has several wordings: the bundle key of this one. */
    public Builder messageCode(String code) {
      this.messageCode = code;
      return this;
    }

    /**
     * @param english the detail when no bundle has the key (and the English text of the key)
     * @param arguments {0}, {1}... of the bundle message, already formatted for people
     */
    public Builder detail(String english, Object... arguments) {
      this.defaultDetail = english;
      this.arguments = arguments;
      return this;
    }

    /** A machine-readable member of the problem, e.g. the appointment in the way. */
    public Builder with(String name, @Nullable Object value) {
      if (value != null) {
        properties.put(name, value);
      }
      return this;
    }

    public Builder cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    public ProblemException build() {
      return new ProblemException(
          status, slug, messageCode, defaultDetail, arguments, properties, cause);
    }
  }
}
