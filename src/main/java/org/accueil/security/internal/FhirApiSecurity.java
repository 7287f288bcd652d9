package org.accueil.security.internal;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.accueil.platform.Audit;
import org.accueil.platform.AuditRecord;
import org.accueil.platform.Scope;
import org.accueil.security.PatientLinks;
import org.accueil.security.Role;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may call the FHIR API ({@code /fhir/**}): the same API keys as {@code /api}, as a bearer
 * credential, and the same scopes. The CapabilityStatement is open (a client reads it before it
 * authenticates); every read needs {@code appointments:read} ({@code Patient}: {@code
 * patients:read}); {@code $hold}, {@code $book} and PATCH need {@code appointments:write}. No
 * session and no cookie: nothing here is a browser's signed-in call. Refusals are FHIR
 * OperationOutcomes, audited as the REST API's are.
 */
@Configuration(proxyBeanMethods = false)
class FhirApiSecurity {

  private static final String BASE = "/fhir/r4";

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 20)
  SecurityFilterChain fhirSecurity(
      HttpSecurity http,
      ApiKeyRepository keys,
      PatientLinks links,
      Clock clock,
      Audit audit,
      MessageSource messages,
      JsonMapper json)
      throws Exception {
    AuthenticationEntryPoint unauthenticated =
        (request, response, exception) -> {
          boolean sent = request.getHeader("Authorization") != null;
          audit.record(
              sent ? "api-key.authentication-failure" : "access.unauthenticated",
              "request",
              null,
              AuditRecord.Outcome.FAILED,
              Map.of("method", request.getMethod(), "path", request.getRequestURI()));
          response.setHeader("WWW-Authenticate", "Bearer realm=\"accueil\"");
          write(
              request,
              response,
              json,
              messages,
              HttpServletResponse.SC_UNAUTHORIZED,
              "login",
              sent ? "problem.unauthorized.invalid" : "problem.unauthorized.missing",
              sent
                  ? "This API key is unknown or has been revoked; check the key, or ask an"
                      + " administrator for a new one."
                  : "This call needs an API key: send it as \"Authorization: Bearer <key>\".");
        };
    AccessDeniedHandler denied =
        (request, response, exception) -> {
          audit.record(
              "access.denied",
              "request",
              null,
              AuditRecord.Outcome.DENIED,
              Map.of("method", request.getMethod(), "path", request.getRequestURI()));
          write(
              request,
              response,
              json,
              messages,
              HttpServletResponse.SC_FORBIDDEN,
              "forbidden",
              "problem.forbidden",
              "Your API key does not allow this call; ask an administrator for a key with the"
                  + " needed role or scope.");
        };
    PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
    String read = Scope.authority(Scope.APPOINTMENTS_READ);
    String write = Scope.authority(Scope.APPOINTMENTS_WRITE);
    http.securityMatcher("/fhir/**")
        .securityContext(c -> c.securityContextRepository(new NullSecurityContextRepository()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        // Bearer credentials only, which a browser never sends by itself: no CSRF to guard.
        .csrf(csrf -> csrf.disable())
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .exceptionHandling(
            e -> e.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
        .addFilterBefore(
            new ApiKeyAuthenticationFilter(keys, links, unauthenticated, clock),
            AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(path.matcher(GET, BASE + "/metadata"))
                    .permitAll()
                    // The operations first: {id} below would match "$hold" too.
                    .requestMatchers(
                        path.matcher(POST, BASE + "/Appointment/$hold"),
                        path.matcher(POST, BASE + "/Appointment/$book"),
                        path.matcher(PATCH, BASE + "/Appointment/{id}"))
                    .hasAuthority(write)
                    .requestMatchers(
                        path.matcher(GET, BASE + "/Appointment/$find"),
                        path.matcher(POST, BASE + "/Appointment/$find"))
                    .hasAuthority(read)
                    .requestMatchers(
                        path.matcher(GET, BASE + "/Patient"),
                        path.matcher(GET, BASE + "/Patient/**"),
                        path.matcher(POST, BASE + "/Patient/_search"))
                    .hasAuthority(Scope.authority(Scope.PATIENTS_READ))
                    .requestMatchers(
                        path.matcher(GET, BASE + "/**"),
                        path.matcher(POST, BASE + "/{type}/_search"))
                    .hasAuthority(read)
                    // Anything not named above, including what HAPI would refuse anyway.
                    .anyRequest()
                    .hasRole(Role.ADMIN.name()));
    return http.build();
  }

  /** An OperationOutcome, as the FHIR API answers every error, in the caller's language. */
  private static void write(
      HttpServletRequest request,
      HttpServletResponse response,
      JsonMapper json,
      MessageSource messages,
      int status,
      String issueCode,
      String messageCode,
      String english)
      throws IOException {
    Locale locale =
        request.getHeader("Accept-Language") == null ? Locale.ENGLISH : request.getLocale();
    String text = messages.getMessage(messageCode, null, english, locale);
    Map<String, Object> issue = new LinkedHashMap<>();
    issue.put("severity", "error");
    issue.put("code", issueCode);
    issue.put("details", Map.of("text", text));
    issue.put("diagnostics", text);
    Map<String, Object> outcome = new LinkedHashMap<>();
    outcome.put("resourceType", "OperationOutcome");
    outcome.put("issue", List.of(issue));
    response.setStatus(status);
    response.setContentType("application/fhir+json");
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), outcome);
  }
}
