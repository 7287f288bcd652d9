package org.accueil.platform;

import java.util.Locale;
import org.springframework.util.unit.DataSize;

/**
 * One call whose request body may exceed {@code accueil.http.max-body-size}, declared as a bean by
 * the module that serves it. Every exception to the limit is thus named in code, with its reason,
 * and logged at start-up; a call not declared keeps the limit.
 *
 * <p>It covers exactly one method and path (no pattern), and only the size: who may call it is
 * still decided by the security rules, which run before a byte of the body is read.
 *
 * @param method the HTTP method, e.g. {@code POST}
 * @param path the exact path, e.g. {@code /api/v1/patients/imports}
 * @param maxSize the largest body this call accepts instead
 * @param reason why it needs more, e.g. "a practice's whole patient file, CSV or FHIR"
 */
public record LargeRequestBody(String method, String path, DataSize maxSize, String reason) {

  public LargeRequestBody {
    method = method.toUpperCase(Locale.ROOT);
    if (!path.startsWith("/") || path.contains("*") || path.contains("{")) {
      throw new IllegalArgumentException("An exact path, not a pattern: " + path);
    }
  }

  public boolean covers(String requestMethod, String requestPath) {
    return method.equals(requestMethod) && path.equals(requestPath);
  }
}
