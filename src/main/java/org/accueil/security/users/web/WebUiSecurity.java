package org.accueil.security.users.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.accueil.platform.Audit;
import org.accueil.platform.AuditRecord;
import org.accueil.security.StyleNonce;
import org.accueil.security.users.LoginProperties;
import org.accueil.security.users.Logins;
import org.accueil.security.users.StaffUserRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.HttpSessionOAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.authentication.session.CompositeSessionAuthenticationStrategy;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The browser's side of Accueil: everything outside {@code /api/**} and {@code /actuator/**} (the
 * API chain's, keyed by bearer tokens), the OpenAPI document and Swagger UI included. Sessions with
 * a cookie, so CSRF tokens on every form; a password sign-in (with its TOTP step) or OpenID
 * Connect; headers that keep pages from being framed, sniffed or made to run anything not served by
 * Accueil.
 *
 * <p>The matcher is the API chain's complement, so which chain serves a request never depends on
 * their order; the order only says the API chain is consulted first.
 */
@Configuration(proxyBeanMethods = false)
class WebUiSecurity {

  /** For every page: nothing inline, nothing from elsewhere, never inside a frame. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

  /**
   * Swagger UI sets style attributes in the markup it renders; scripts stay strict. It is a page of
   * API documentation and holds no patient data.
   */
  static final String SWAGGER_UI_CONTENT_SECURITY_POLICY =
      CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

  static final String PERMISSIONS_POLICY =
      "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  SecurityFilterChain webSecurity(
      HttpSecurity http,
      Logins logins,
      LoginProperties loginProperties,
      OidcProperties oidcProperties,
      ObjectProvider<ClientRegistrationRepository> oidcClient,
      Audit audit,
      Clock clock,
      org.accueil.platform.crypto.BlindIndex blindIndex)
      throws Exception {
    var path = PathPatternRequestMatcher.withDefaults();
    // The API chain's own matcher (SecurityConfiguration): bearer keys, no sessions.
    RequestMatcher api =
        new OrRequestMatcher(path.matcher("/api/**"), path.matcher("/actuator/**"));
    RequestMatcher swaggerUi =
        new OrRequestMatcher(path.matcher("/swagger-ui.html"), path.matcher("/swagger-ui/**"));

    // Shared with the TOTP step, which authenticates outside the form login's own filter. A
    // form's pages (/q/<link>) have tokens bound to their link, not to a session that may end
    // while the patient is still typing.
    var csrfTokens = new LinkBoundCsrfTokens(new HttpSessionCsrfTokenRepository(), blindIndex);
    var contexts =
        new DelegatingSecurityContextRepository(
            new RequestAttributeSecurityContextRepository(),
            new HttpSessionSecurityContextRepository());
    var newSession =
        new CompositeSessionAuthenticationStrategy(
            List.of(
                new ChangeSessionIdAuthenticationStrategy(),
                new CsrfAuthenticationStrategy(csrfTokens)));

    http.securityMatcher(new NegatedRequestMatcher(api))
        .securityContext(c -> c.securityContextRepository(contexts))
        .csrf(c -> c.csrfTokenRepository(csrfTokens))
        .exceptionHandling(e -> e.accessDeniedHandler(new StalePages()))
        .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()))
        .headers(
            h ->
                h.frameOptions(f -> f.deny())
                    .referrerPolicy(r -> r.policy(ReferrerPolicy.SAME_ORIGIN))
                    .permissionsPolicyHeader(p -> p.policy(PERMISSIONS_POLICY))
                    .crossOriginOpenerPolicy(c -> c.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
                    // HSTS is written on HTTPS requests only (Spring's default), as RFC 6797 asks.
                    .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true))
                    .addHeaderWriter(
                        new DelegatingRequestMatcherHeaderWriter(
                            swaggerUi,
                            new ContentSecurityPolicyHeaderWriter(
                                SWAGGER_UI_CONTENT_SECURITY_POLICY)))
                    .addHeaderWriter(
                        new DelegatingRequestMatcherHeaderWriter(
                            new NegatedRequestMatcher(swaggerUi), WebUiSecurity::writePolicy)))
        .authenticationProvider(new PasswordLogin(logins))
        .formLogin(
            f ->
                f.loginPage("/login")
                    .usernameParameter("email")
                    .passwordParameter("password")
                    .defaultSuccessUrl("/app")
                    .failureHandler(new PasswordStepFailure(clock)))
        .addFilterAfter(
            new SecondFactorStep(logins, loginProperties, clock, newSession, contexts),
            UsernamePasswordAuthenticationFilter.class)
        .logout(
            l ->
                l.logoutUrl("/logout")
                    .addLogoutHandler(auditedLogout(audit))
                    .logoutSuccessUrl("/login?logout"))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(path.matcher("/app/**"), path.matcher("/account/**"))
                    .authenticated()
                    .anyRequest()
                    .permitAll());

    ClientRegistrationRepository registrations = oidcClient.getIfAvailable();
    if (registrations != null) {
      OidcLoginOutcome outcome = new OidcLoginOutcome(contexts, audit);
      http.oauth2Login(
          o ->
              o.loginPage("/login")
                  .clientRegistrationRepository(registrations)
                  // Only to finish the sign-in: Accueil never calls the provider's APIs after it.
                  .authorizedClientRepository(new HttpSessionOAuth2AuthorizedClientRepository())
                  .userInfoEndpoint(
                      u -> u.oidcUserService(new StaffOidcUsers(logins, oidcProperties)))
                  .successHandler(outcome)
                  .failureHandler(outcome));
    }
    return http.build();
  }

  /**
   * Written when the response commits, after the page rendered: a page that asked for a style nonce
   * ({@link StyleNonce}) allows styles carrying it, every other page stays as strict as {@link
   * #CONTENT_SECURITY_POLICY}.
   */
  private static void writePolicy(HttpServletRequest request, HttpServletResponse response) {
    if (response.containsHeader("Content-Security-Policy")) {
      return;
    }
    String nonce = StyleNonce.asked(request);
    response.setHeader(
        "Content-Security-Policy",
        nonce == null
            ? CONTENT_SECURITY_POLICY
            : CONTENT_SECURITY_POLICY.replace(
                "style-src 'self'", "style-src 'self' 'nonce-" + nonce + "'"));
  }

  /** Just before Spring Security's filter, so both chains load an up-to-date session. */
  @Bean
  FilterRegistrationBean<SessionRevalidation> sessionRevalidation(
      StaffUserRepository users, SecurityFilterProperties securityFilter) {
    var registration = new FilterRegistrationBean<>(new SessionRevalidation(users));
    registration.setOrder(securityFilter.getOrder() - 1);
    return registration;
  }

  private static LogoutHandler auditedLogout(Audit audit) {
    return (request, response, authentication) -> {
      if (authentication instanceof StaffAuthentication staff) {
        audit.publish(
            "logout",
            "staff-user",
            staff.userId(),
            AuditRecord.Outcome.SUCCESS,
            staff.actor(),
            null,
            null,
            Map.of());
      }
    };
  }
}
