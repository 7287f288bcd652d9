package org.accueil.security.internal;

import static org.springframework.http.HttpMethod.GET;

import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import org.accueil.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which calls are open: health, the OpenAPI document, and what a patient-facing booking page reads
 * (the practice, its locations, providers, appointment types and free slots). Everything else under
 * {@code /api/v1} needs an API key; changing the practice's configuration needs ADMIN.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      ApiKeyRepository keys,
      AuthenticationEntryPoint entryPoint,
      AccessDeniedHandler accessDenied,
      Clock clock)
      throws Exception {
    var path = PathPatternRequestMatcher.withDefaults();
    String admin = Role.ADMIN.name();
    http.securityMatcher("/api/**", "/actuator/**", "/v3/api-docs/**"); // the rest: WebUiSecurity
    http.csrf(csrf -> csrf.disable()) // bearer keys only, no cookies: nothing for CSRF to ride on
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .exceptionHandling(
            e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
        .addFilterBefore(
            new ApiKeyAuthenticationFilter(keys, entryPoint, clock),
            AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(
                        path.matcher(GET, "/api/v1/practice"),
                        path.matcher(GET, "/api/v1/locations"),
                        path.matcher(GET, "/api/v1/locations/{id}"),
                        path.matcher(GET, "/api/v1/providers"),
                        path.matcher(GET, "/api/v1/providers/{id}"),
                        path.matcher(GET, "/api/v1/appointment-types"),
                        path.matcher(GET, "/api/v1/appointment-types/{id}"),
                        path.matcher(GET, "/api/v1/slots"))
                    .permitAll()
                    .requestMatchers(path.matcher("/api/v1/appointments/**"))
                    .authenticated()
                    .requestMatchers(path.matcher("/api/v1/holds/**"))
                    .authenticated()
                    .requestMatchers(path.matcher("/api/v1/patients/**"))
                    .authenticated()
                    .requestMatchers(path.matcher("/api/**"))
                    .hasRole(admin)
                    .requestMatchers(
                        path.matcher("/actuator/health/**"), path.matcher("/actuator/info"))
                    .permitAll()
                    .requestMatchers(path.matcher("/actuator/**"))
                    .hasRole(admin)
                    .anyRequest()
                    .permitAll());
    return http.build();
  }

  @Bean
  AuthenticationEntryPoint problemEntryPoint(MessageSource messages, JsonMapper json) {
    return (request, response, exception) -> {
      response.setHeader("WWW-Authenticate", "Bearer realm=\"accueil\"");
      write(
          response,
          json,
          problem(
              request,
              messages,
              HttpStatus.UNAUTHORIZED,
              "unauthorized",
              request.getHeader("Authorization") == null
                  ? "This call needs an API key: send it as \"Authorization: Bearer <key>\"."
                  : "This API key is unknown or has been revoked; check the key, or ask an"
                      + " administrator for a new one.",
              request.getHeader("Authorization") == null ? "missing" : "invalid"));
    };
  }

  @Bean
  AccessDeniedHandler problemAccessDenied(MessageSource messages, JsonMapper json) {
    return (request, response, exception) ->
        write(
            response,
            json,
            problem(
                request,
                messages,
                HttpStatus.FORBIDDEN,
                "forbidden",
                "Your API key does not allow this call; ask an administrator for a key with the"
                    + " needed role.",
                null));
  }

  private static ProblemDetail problem(
      jakarta.servlet.http.HttpServletRequest request,
      MessageSource messages,
      HttpStatus status,
      String slug,
      String english,
      @Nullable String variant) {
    // Before the DispatcherServlet: without Accept-Language, English, not the server's locale.
    var locale =
        request.getHeader("Accept-Language") == null ? Locale.ENGLISH : request.getLocale();
    String code = "problem." + slug + (variant == null ? "" : "." + variant);
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(status, messages.getMessage(code, null, english, locale));
    problem.setType(URI.create("/problems/" + slug));
    problem.setTitle(
        messages.getMessage("problem." + slug + ".title", null, status.getReasonPhrase(), locale));
    return problem;
  }

  private static void write(
      jakarta.servlet.http.HttpServletResponse response, JsonMapper json, ProblemDetail problem)
      throws java.io.IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem);
  }
}
