package org.accueil.security.internal;

import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import org.accueil.platform.Audit;
import org.accueil.platform.AuditRecord;
import org.accueil.platform.Scope;
import org.accueil.security.PatientLinks;
import org.accueil.security.Role;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.DeferredSecurityContext;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.NullSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfException;
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
      PatientLinks links,
      AuthenticationEntryPoint entryPoint,
      AccessDeniedHandler accessDenied,
      Clock clock)
      throws Exception {
    http.securityMatcher("/api/**", "/actuator/**")
        // The web UI calls the API with the session its staff signed in with; integrations send
        // a bearer credential, which a browser never adds by itself, so only cookie-carried
        // calls need the CSRF token.
        .securityContext(c -> c.securityContextRepository(new SessionReadOnly()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .csrf(csrf -> csrf.requireCsrfProtectionMatcher(SecurityConfiguration::cookieCarriedWrite))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .exceptionHandling(
            e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
        .addFilterBefore(
            new ApiKeyAuthenticationFilter(keys, links, entryPoint, clock),
            AnonymousAuthenticationFilter.class)
        .authorizeHttpRequests(auth -> authorize(auth, PathPatternRequestMatcher.withDefaults()));
    return http.build();
  }

  /**
   * The channels' doors ({@code /channels/**}): provider webhooks, checked by each adapter against
   * its provider's signature on the raw body, and the web chat widget, whose visitors hold a token
   * of their own. No session, no cookie, no CSRF token: nothing here is a browser's signed-in call.
   */
  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 10)
  SecurityFilterChain channelSecurity(HttpSecurity http) throws Exception {
    http.securityMatcher("/channels/**")
        .securityContext(c -> c.securityContextRepository(new NullSecurityContextRepository()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .cors(Customizer.withDefaults())
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        // The widget is embedded in the practice's own site: its script and frame are loaded
        // cross-origin, so no frame-ancestors 'none' here; CORS says which sites may call.
        .headers(h -> h.frameOptions(f -> f.disable()))
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
    return http.build();
  }

  /**
   * Reads the web UI's session, never writes one: otherwise Spring Security's session management
   * saves each bearer call's authentication in a new session, whose cookie would then stand for the
   * API key (even after the key is revoked) and which costs memory per call.
   */
  private static final class SessionReadOnly implements SecurityContextRepository {
    private final HttpSessionSecurityContextRepository session =
        new HttpSessionSecurityContextRepository();

    SessionReadOnly() {
      session.setAllowSessionCreation(false);
    }

    @Override
    @SuppressWarnings("deprecation")
    public SecurityContext loadContext(
        org.springframework.security.web.context.HttpRequestResponseHolder holder) {
      return session.loadContext(holder);
    }

    @Override
    public DeferredSecurityContext loadDeferredContext(HttpServletRequest request) {
      return session.loadDeferredContext(request);
    }

    @Override
    public void saveContext(
        SecurityContext context, HttpServletRequest request, HttpServletResponse response) {}

    @Override
    public boolean containsContext(HttpServletRequest request) {
      return session.containsContext(request);
    }
  }

  private static boolean cookieCarriedWrite(HttpServletRequest request) {
    String method = request.getMethod();
    boolean safe =
        method.equals("GET")
            || method.equals("HEAD")
            || method.equals("OPTIONS")
            || method.equals("TRACE");
    return !safe && request.getHeader("Authorization") == null && request.getSession(false) != null;
  }

  /**
   * The rules, most specific first. Scopes say what kind of call is allowed; which records a
   * clinician or a patient link may touch is checked where the record is read (a clinician's own
   * calendar, a link's one appointment), because a URL cannot say it.
   */
  private static void authorize(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry auth,
      PathPatternRequestMatcher.Builder path) {
    String patientLink = ActorAuthentication.PATIENT_LINK;
    auth
        // What a patient-facing booking page reads.
        .requestMatchers(
            path.matcher(GET, "/api/v1/practice"),
            path.matcher(GET, "/api/v1/locations"),
            path.matcher(GET, "/api/v1/locations/{id}"),
            path.matcher(GET, "/api/v1/providers"),
            path.matcher(GET, "/api/v1/providers/{id}"),
            path.matcher(GET, "/api/v1/appointment-types"),
            path.matcher(GET, "/api/v1/appointment-types/{id}"),
            path.matcher(GET, "/api/v1/slots"))
        .permitAll()
        .requestMatchers(path.matcher(GET, "/api/v1/me"))
        .authenticated()
        .requestMatchers(path.matcher("/api/v1/api-keys/**"), path.matcher("/api/v1/users/**"))
        .hasRole(Role.ADMIN.name())
        // A channel's settings and templates speak for the practice to its patients.
        .requestMatchers(path.matcher("/api/v1/channels/**"))
        .hasRole(Role.ADMIN.name())
        .requestMatchers(path.matcher("/api/v1/audit/**"))
        .hasAuthority(scope(Scope.AUDIT_READ))
        .requestMatchers(path.matcher("/api/v1/webhooks/**"))
        .hasAuthority(scope(Scope.WEBHOOKS_MANAGE))
        // The integrations' delivery log, id mappings, EHR conflicts and reconciliation reports:
        // read by administrators and monitoring keys; replayed, changed, settled and run by
        // administrators.
        .requestMatchers(path.matcher(GET, "/api/v1/integration/**"))
        .hasAuthority(scope(Scope.INTEGRATION_READ))
        .requestMatchers(path.matcher("/api/v1/integration/**"))
        .hasAuthority(scope(Scope.INTEGRATION_MANAGE))
        // What the practice tells patients on its own: its wording and timing are read by staff
        // and set by administrators (they speak for the practice); the messages themselves are
        // the conversations' (a result-ready notice is sent by whoever may write to patients).
        .requestMatchers(
            path.matcher(GET, "/api/v1/notifications/policy/**"),
            path.matcher(GET, "/api/v1/notifications/wording/**"))
        .hasAuthority(scope(Scope.PRACTICE_READ))
        .requestMatchers(
            path.matcher("/api/v1/notifications/policy/**"),
            path.matcher("/api/v1/notifications/wording/**"))
        .hasRole(Role.ADMIN.name())
        .requestMatchers(path.matcher(GET, "/api/v1/notifications/**"))
        .hasAuthority(scope(Scope.CONVERSATIONS_READ))
        .requestMatchers(path.matcher("/api/v1/notifications/**"))
        .hasAuthority(scope(Scope.CONVERSATIONS_WRITE))
        .requestMatchers(path.matcher(GET, "/api/v1/reports/**"))
        .hasAuthority(scope(Scope.REPORTS_READ))
        // The practice's forms are read by staff and written by administrators (they speak for
        // the practice); the answers are patient data.
        .requestMatchers(path.matcher(GET, "/api/v1/questionnaires/**"))
        .hasAuthority(scope(Scope.PRACTICE_READ))
        .requestMatchers(path.matcher("/api/v1/questionnaires/**"))
        .hasRole(Role.ADMIN.name())
        .requestMatchers(
            path.matcher(GET, "/api/v1/questionnaire-responses/**"),
            path.matcher(GET, "/api/v1/questionnaire-requests/**"))
        .hasAuthority(scope(Scope.PATIENTS_READ))
        .requestMatchers(path.matcher("/api/v1/questionnaire-responses/**"))
        .hasAuthority(scope(Scope.PATIENTS_WRITE))
        // The day's unconfirmed appointments: a list of patients, never a patient link's.
        .requestMatchers(path.matcher(GET, "/api/v1/appointments/unconfirmed"))
        .hasAuthority(scope(Scope.APPOINTMENTS_READ))
        // A patient's access link: this one appointment, to see, move or cancel it.
        .requestMatchers(path.matcher(GET, "/api/v1/appointments/{id}"))
        .hasAnyAuthority(scope(Scope.APPOINTMENTS_READ), patientLink)
        .requestMatchers(
            path.matcher(POST, "/api/v1/appointments/{id}/cancel"),
            path.matcher(POST, "/api/v1/appointments/{id}/reschedule"),
            path.matcher(POST, "/api/v1/appointments/{id}/confirmation"))
        .hasAnyAuthority(scope(Scope.APPOINTMENTS_WRITE), patientLink)
        .requestMatchers(
            path.matcher(GET, "/api/v1/appointments/**"), path.matcher(GET, "/api/v1/holds/**"))
        .hasAuthority(scope(Scope.APPOINTMENTS_READ))
        .requestMatchers(path.matcher("/api/v1/appointments/**"), path.matcher("/api/v1/holds/**"))
        .hasAuthority(scope(Scope.APPOINTMENTS_WRITE))
        // The waitlist is the front desk's: staff and integrations, not a patient's access link.
        .requestMatchers(path.matcher(GET, "/api/v1/waitlist/**"))
        .hasAuthority(scope(Scope.APPOINTMENTS_READ))
        .requestMatchers(path.matcher("/api/v1/waitlist/**"))
        .hasAuthority(scope(Scope.APPOINTMENTS_WRITE))
        // Disruptions: the front desk's (a clinician only on their own calendar).
        .requestMatchers(path.matcher(GET, "/api/v1/disruptions/**"))
        .hasAuthority(scope(Scope.APPOINTMENTS_READ))
        .requestMatchers(path.matcher("/api/v1/disruptions/**"))
        .hasAuthority(scope(Scope.APPOINTMENTS_WRITE))
        // Erasing a patient cannot be undone: administrators only.
        .requestMatchers(path.matcher(POST, "/api/v1/patients/{id}/erasure"))
        .hasRole(Role.ADMIN.name())
        // The whole registry in or out at once: administrators only.
        .requestMatchers(
            path.matcher("/api/v1/patients/imports/**"),
            path.matcher(GET, "/api/v1/patients/export"))
        .hasRole(Role.ADMIN.name())
        // Matching reads: it tells who the details may be, and changes nothing.
        .requestMatchers(path.matcher(GET, "/api/v1/patients/{id}/timeline"))
        .hasAuthority(scope(Scope.CONVERSATIONS_READ))
        .requestMatchers(path.matcher(GET, "/api/v1/conversations/**"))
        .hasAuthority(scope(Scope.CONVERSATIONS_READ))
        .requestMatchers(path.matcher("/api/v1/conversations/**"))
        .hasAuthority(scope(Scope.CONVERSATIONS_WRITE))
        // The assistant: staff try its understanding and read its knowledge; administrators
        // write the knowledge it answers from.
        .requestMatchers(
            path.matcher(POST, "/api/v1/assistant/understand"),
            path.matcher(GET, "/api/v1/assistant/**"))
        .hasAuthority(scope(Scope.ASSISTANT_USE))
        .requestMatchers(path.matcher("/api/v1/assistant/**"))
        .hasAuthority(scope(Scope.ASSISTANT_MANAGE))
        .requestMatchers(path.matcher(POST, "/api/v1/patients/match"))
        .hasAuthority(scope(Scope.PATIENTS_READ))
        // The review queue and merges: the people who keep the registry clean.
        .requestMatchers(
            path.matcher("/api/v1/patients/review"),
            path.matcher("/api/v1/patients/duplicates/**"),
            path.matcher("/api/v1/patients/merges/**"))
        .hasAuthority(scope(Scope.PATIENTS_WRITE))
        .requestMatchers(path.matcher(GET, "/api/v1/patients/**"))
        .hasAuthority(scope(Scope.PATIENTS_READ))
        .requestMatchers(path.matcher("/api/v1/patients/**"))
        .hasAuthority(scope(Scope.PATIENTS_WRITE))
        // The rest of the practice's configuration: read by staff, changed by administrators.
        .requestMatchers(
            path.matcher(GET, "/api/v1/practice/**"),
            path.matcher(GET, "/api/v1/locations/**"),
            path.matcher(GET, "/api/v1/providers/**"),
            path.matcher(GET, "/api/v1/appointment-types/**"),
            path.matcher(GET, "/api/v1/rooms/**"),
            path.matcher(GET, "/api/v1/closures/**"),
            path.matcher(GET, "/api/v1/booking-rules/**"))
        .hasAuthority(scope(Scope.PRACTICE_READ))
        .requestMatchers(
            path.matcher("/api/v1/practice/**"),
            path.matcher("/api/v1/locations/**"),
            path.matcher("/api/v1/providers/**"),
            path.matcher("/api/v1/appointment-types/**"),
            path.matcher("/api/v1/rooms/**"),
            path.matcher("/api/v1/closures/**"),
            path.matcher("/api/v1/booking-rules/**"))
        .hasAuthority(scope(Scope.PRACTICE_WRITE))
        .requestMatchers(path.matcher("/actuator/health/**"), path.matcher("/actuator/info"))
        .permitAll()
        // Counts and timings only (no patient, no payload): for a monitoring system's own key.
        .requestMatchers(path.matcher(GET, "/actuator/prometheus"))
        .hasAuthority(scope(Scope.METRICS_READ))
        // Anything not named above, including endpoints added later and forgotten here.
        .anyRequest()
        .hasRole(Role.ADMIN.name());
  }

  private static String scope(String scope) {
    return Scope.authority(scope);
  }

  @Bean
  AuthenticationEntryPoint problemEntryPoint(MessageSource messages, JsonMapper json, Audit audit) {
    return (request, response, exception) -> {
      audit.record(
          request.getHeader("Authorization") == null
              ? "access.unauthenticated"
              : "api-key.authentication-failure",
          "request",
          null,
          AuditRecord.Outcome.FAILED,
          Map.of("method", request.getMethod(), "path", request.getRequestURI()));
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
  AccessDeniedHandler problemAccessDenied(MessageSource messages, JsonMapper json, Audit audit) {
    return (request, response, exception) -> {
      if (exception instanceof CsrfException) {
        write(
            response,
            json,
            problem(
                request,
                messages,
                HttpStatus.FORBIDDEN,
                "csrf",
                "This call came with a session cookie but without its CSRF token: send the token"
                    + " from GET /api/v1/me in the header it names, or use an API key.",
                null));
        return;
      }
      audit.record(
          "access.denied",
          "request",
          null,
          AuditRecord.Outcome.DENIED,
          Map.of("method", request.getMethod(), "path", request.getRequestURI()));
      write(
          response,
          json,
          problem(
              request,
              messages,
              HttpStatus.FORBIDDEN,
              "forbidden",
              "Your API key does not allow this call; ask an administrator for a key with the"
                  + " needed role or scope.",
              null));
    };
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
