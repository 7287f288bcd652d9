package org.accueil.security.users.web;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;

/**
 * The OpenID Connect client, when {@code accueil.security.oidc.issuer-uri} is set: endpoints and
 * keys come from the issuer's discovery document, read once at start-up (so a provider that is down
 * or misnamed stops start-up with the reason, rather than failing each sign-in).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${accueil.security.oidc.issuer-uri:}'.isBlank()")
class OidcClient {

  static final String REGISTRATION_ID = "oidc";

  @Bean
  ClientRegistrationRepository accueilOidcClient(OidcProperties properties) {
    String issuer = java.util.Objects.requireNonNull(properties.issuerUri());
    if (properties.clientId() == null || properties.clientId().isBlank()) {
      throw new IllegalStateException(
          "accueil.security.oidc.issuer-uri is set: set accueil.security.oidc.client-id too");
    }
    ClientRegistration registration =
        ClientRegistrations.fromIssuerLocation(issuer)
            .registrationId(REGISTRATION_ID)
            .clientId(properties.clientId())
            .clientSecret(properties.clientSecret() == null ? "" : properties.clientSecret())
            .scope(properties.scopes())
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .clientName(properties.displayName())
            // PKCE (RFC 7636) even for a confidential client, as OAuth 2.0 Security BCP (RFC
            // 9700) recommends: a stolen authorization code is then worthless.
            .clientSettings(
                ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
            .build();
    return new InMemoryClientRegistrationRepository(registration);
  }
}
