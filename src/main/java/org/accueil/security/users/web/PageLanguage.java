package org.accueil.security.users.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseCookie;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.DispatcherServlet;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The language of pages and messages. The API keeps its contract: Accept-Language picks en, fr or
 * it, anything else gets English. Pages take, in order: {@code ?lang=fr} (remembered in a cookie,
 * for a receptionist whose browser speaks another language than they do), that cookie, the
 * signed-in user's own language, then Accept-Language.
 */
@Configuration(proxyBeanMethods = false)
class PageLanguage implements WebMvcConfigurer {

  static final String PARAMETER = "lang";
  static final String COOKIE = "accueil-lang";
  static final List<Locale> SUPPORTED = List.of(Locale.ENGLISH, Locale.FRENCH, Locale.ITALIAN);

  /** Named as the DispatcherServlet looks it up, so it replaces Spring Boot's. */
  @Bean(DispatcherServlet.LOCALE_RESOLVER_BEAN_NAME)
  LocaleResolver localeResolver() {
    return new Resolver();
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName(PARAMETER);
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change).excludePathPatterns("/api/**", "/actuator/**", "/v3/**");
  }

  static final class Resolver extends AcceptHeaderLocaleResolver {

    Resolver() {
      setSupportedLocales(SUPPORTED);
      setDefaultLocale(Locale.ENGLISH);
    }

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
      if (isPage(request)) {
        Locale chosen = supported(request.getParameter(PARAMETER));
        if (chosen == null) {
          chosen = supported(cookie(request));
        }
        if (chosen == null
            && SecurityContextHolder.getContext().getAuthentication()
                instanceof StaffAuthentication staff) {
          chosen = staff.locale();
        }
        if (chosen != null) {
          return chosen;
        }
      }
      return super.resolveLocale(request);
    }

    @Override
    public void setLocale(
        HttpServletRequest request,
        @Nullable HttpServletResponse response,
        @Nullable Locale locale) {
      if (response == null || locale == null || supported(locale.getLanguage()) == null) {
        return;
      }
      response.addHeader(
          "Set-Cookie",
          ResponseCookie.from(COOKIE, locale.getLanguage())
              .path("/")
              .maxAge(Duration.ofDays(365))
              .httpOnly(true)
              .secure(request.isSecure())
              .sameSite("Lax")
              .build()
              .toString());
    }

    private static boolean isPage(HttpServletRequest request) {
      String path = request.getRequestURI().substring(request.getContextPath().length());
      return !path.startsWith("/api/") && !path.startsWith("/actuator") && !path.startsWith("/v3/");
    }

    private static @Nullable String cookie(HttpServletRequest request) {
      Cookie[] cookies = request.getCookies();
      if (cookies == null) {
        return null;
      }
      for (Cookie cookie : cookies) {
        if (COOKIE.equals(cookie.getName())) {
          return cookie.getValue();
        }
      }
      return null;
    }

    private static @Nullable Locale supported(@Nullable String language) {
      if (language == null) {
        return null;
      }
      return SUPPORTED.stream()
          .filter(l -> l.getLanguage().equalsIgnoreCase(language.trim()))
          .findFirst()
          .orElse(null);
    }
  }
}
