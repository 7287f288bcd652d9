package org.accueil.privacy.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.accueil.platform.ProblemException;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;

/**
 * What is wrong with a request, field by field, in the caller's language: answered together as one
 * 422 problem with an {@code errors} member, as the platform answers invalid fields.
 */
final class Violations {

  private final MessageSource messages;
  private final List<Map<String, String>> errors = new ArrayList<>();

  Violations(MessageSource messages) {
    this.messages = messages;
  }

  /**
   * @param code the message key's suffix, {@code privacy.invalid.<code>}
   * @param english the message when no bundle has the key (a quote written '')
   */
  void add(String field, String code, String english, Object... arguments) {
    String message =
        messages.getMessage(
            "privacy.invalid." + code, arguments, english, LocaleContextHolder.getLocale());
    errors.add(Map.of("field", field, "message", message));
  }

  void required(String field) {
    add(field, "required", "is required");
  }

  /** Throws the problem {@code slug} ({@code "... : {0}."}) when anything was added. */
  void throwIfAny(String slug, String english) {
    if (errors.isEmpty()) {
      return;
    }
    String list =
        errors.stream()
            .map(e -> e.get("field") + ": " + e.get("message"))
            .collect(Collectors.joining("; "));
    throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, slug)
        .detail(english, list)
        .with("errors", List.copyOf(errors))
        .build();
  }
}
