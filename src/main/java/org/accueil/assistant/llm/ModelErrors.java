package org.accueil.assistant.llm;

import dev.langchain4j.exception.HttpException;

/**
 * What may be logged of a failed call: its kind and HTTP status, never its message, which may quote
 * the request (a patient's words) back.
 */
final class ModelErrors {

  private ModelErrors() {}

  static String describe(Throwable failure) {
    StringBuilder description = new StringBuilder(failure.getClass().getSimpleName());
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof HttpException http) {
        description.append(" (HTTP ").append(http.statusCode()).append(')');
        break;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return description.toString();
  }
}
