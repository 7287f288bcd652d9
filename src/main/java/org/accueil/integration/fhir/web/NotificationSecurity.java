package org.accueil.integration.fhir.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.NullSecurityContextRepository;

/**
 * The EHR's notification endpoint: no session, no cookie, no CSRF token, no API key. Each call is
 * checked against the subscription's shared secret by the endpoint itself.
 */
@Configuration(proxyBeanMethods = false)
class NotificationSecurity {

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE + 12)
  SecurityFilterChain fhirNotificationSecurity(HttpSecurity http) throws Exception {
    http.securityMatcher("/integration/fhir/notify", "/integration/fhir/notify/**")
        .securityContext(c -> c.securityContextRepository(new NullSecurityContextRepository()))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable())
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(c -> c.disable())
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
    return http.build();
  }
}
