package org.accueil.security;

import jakarta.servlet.http.HttpServletRequest;
import java.security.SecureRandom;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A page that needs a library's injected stylesheet (FullCalendar writes one {@code <style>}
 * element) asks for a nonce while it renders; the page's Content-Security-Policy then allows styles
 * carrying that nonce, and only those. Scripts never get one: every script is a file.
 */
public final class StyleNonce {

  static final String ATTRIBUTE = StyleNonce.class.getName();
  private static final SecureRandom RANDOM = new SecureRandom();

  private StyleNonce() {}

  /** This request's nonce, made on first use. */
  public static String of(HttpServletRequest request) {
    String nonce = (String) request.getAttribute(ATTRIBUTE);
    if (nonce == null) {
      byte[] bytes = new byte[18];
      RANDOM.nextBytes(bytes);
      nonce = Base64.getEncoder().encodeToString(bytes);
      request.setAttribute(ATTRIBUTE, nonce);
    }
    return nonce;
  }

  /** The nonce the page asked for, if it asked. */
  public static @Nullable String asked(HttpServletRequest request) {
    return (String) request.getAttribute(ATTRIBUTE);
  }
}
