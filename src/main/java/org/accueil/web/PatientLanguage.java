package org.accueil.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The language of a page a patient opens from a link (manage a booking, fill in a form, rate a
 * visit): their own, as their messages speak it, unless they chose one on the page ({@code ?lang=},
 * remembered in a cookie by the locale resolver).
 */
public final class PatientLanguage {

  /** The cookie the locale resolver remembers a chosen language in. */
  public static final String COOKIE = "accueil-lang";

  /** The languages patients' pages are written in. */
  public static final List<String> LANGUAGES = List.of("fr", "en", "it");

  private PatientLanguage() {}

  /** Whether the page's language was chosen ({@code ?lang=}, or remembered from an earlier one). */
  public static boolean chosen(HttpServletRequest request) {
    if (request.getParameter("lang") != null) {
      return true;
    }
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return false;
    }
    for (Cookie cookie : cookies) {
      if (COOKIE.equals(cookie.getName())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The patient's own language when the page was not asked for in one and the browser's differs;
   * null when there is nothing to change.
   */
  public static @Nullable String switchTo(
      @Nullable String patients, HttpServletRequest request, Locale locale) {
    if (patients == null
        || chosen(request)
        || patients.equals(locale.getLanguage())
        || !LANGUAGES.contains(patients)) {
      return null;
    }
    return patients;
  }
}
