package org.accueil.integration.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IClientInterceptor;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import java.time.Clock;
import java.time.Instant;
import org.accueil.integration.fhir.FhirConnectorProperties.Auth;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The EHR as Accueil reaches it: a HAPI generic client on the configured base URL, authenticated as
 * configured, and what its CapabilityStatement says it can do (read once, then again after {@code
 * capabilities-refresh}).
 */
@Component
public class FhirEhr {

  private final FhirConnectorProperties properties;
  private final JsonMapper json;
  private final Clock clock;
  private @Nullable IGenericClient client;
  private @Nullable SmartBackendServices smart;
  private volatile @Nullable FhirCapabilities capabilities;
  private volatile Instant capabilitiesReadAt = Instant.EPOCH;

  FhirEhr(FhirConnectorProperties properties, JsonMapper json, Clock clock) {
    this.properties = properties;
    this.json = json;
    this.clock = clock;
  }

  public FhirConnectorProperties properties() {
    return properties;
  }

  public static FhirContext context() {
    return FhirContext.forR4Cached();
  }

  /** The client, built at first use. */
  public synchronized IGenericClient client() {
    if (client == null) {
      // A factory of our own: the cached context's factory is shared with every other user of
      // HAPI in the process (the facade's tests, imports), whose timeouts are not ours to set.
      ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(context());
      factory.setConnectTimeout((int) properties.connectTimeout().toMillis());
      factory.setConnectionRequestTimeout((int) properties.connectTimeout().toMillis());
      factory.setSocketTimeout((int) properties.readTimeout().toMillis());
      factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
      factory.setPoolMaxPerRoute(20);
      factory.setPoolMaxTotal(20);
      IGenericClient built = factory.newGenericClient(properties.base());
      IClientInterceptor auth = authentication(properties.auth());
      if (auth != null) {
        built.registerInterceptor(auth);
      }
      client = built;
    }
    return client;
  }

  /** What the EHR says it supports, read again when older than {@code capabilities-refresh}. */
  public FhirCapabilities capabilities() {
    FhirCapabilities known = capabilities;
    if (known != null
        && clock.instant().isBefore(capabilitiesReadAt.plus(properties.capabilitiesRefresh()))) {
      return known;
    }
    synchronized (this) {
      if (capabilities != null
          && clock.instant().isBefore(capabilitiesReadAt.plus(properties.capabilitiesRefresh()))) {
        return capabilities;
      }
      try {
        return readCapabilities();
      } catch (RuntimeException e) {
        if (capabilities == null) {
          throw e;
        }
        // The EHR is away: keep what it said last time, and ask again at the next call.
        return capabilities;
      }
    }
  }

  /**
   * What the EHR said it supports the last time it was asked, without asking it now (for callers
   * inside a transaction, which must not wait on the network); null when it never answered.
   */
  public @Nullable FhirCapabilities knownCapabilities() {
    return capabilities;
  }

  /** Reads the EHR's CapabilityStatement now and keeps it; throws when the EHR does not answer. */
  public synchronized FhirCapabilities readCapabilities() {
    CapabilityStatement statement =
        client().capabilities().ofType(CapabilityStatement.class).execute();
    FhirCapabilities read = FhirCapabilities.of(statement);
    capabilities = read;
    capabilitiesReadAt = clock.instant();
    return read;
  }

  /** Forgets what the EHR said it supports: the next call reads /metadata again. */
  public void forgetCapabilities() {
    capabilitiesReadAt = Instant.EPOCH;
  }

  private @Nullable IClientInterceptor authentication(Auth auth) {
    return switch (auth.mode()) {
      case NONE -> null;
      case BASIC ->
          new BasicAuthInterceptor(
              required(auth.username(), "auth.username"),
              required(auth.password(), "auth.password"));
      case BEARER -> new BearerTokenAuthInterceptor(required(auth.token(), "auth.token"));
      case SMART_BACKEND_SERVICES -> {
        if (auth.tokenUrl() == null) {
          throw new IllegalStateException("accueil.integration.fhir.auth.token-url is not set");
        }
        smart =
            new SmartBackendServices(
                required(auth.clientId(), "auth.client-id"),
                auth.tokenUrl(),
                auth.scope(),
                auth.kid(),
                required(auth.privateKey(), "auth.private-key"),
                json,
                clock,
                properties.readTimeout());
        yield new SmartTokens(smart);
      }
    };
  }

  private static String required(@Nullable String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("accueil.integration.fhir." + name + " is not set");
    }
    return value;
  }

  /** Puts the current SMART access token on every call; a 401 makes the next call get a new one. */
  private record SmartTokens(SmartBackendServices tokens) implements IClientInterceptor {
    @Override
    public void interceptRequest(IHttpRequest request) {
      request.removeHeaders("Authorization");
      request.addHeader("Authorization", "Bearer " + tokens.accessToken());
    }

    @Override
    public void interceptResponse(IHttpResponse response) {
      if (response.getStatus() == 401) {
        tokens.invalidate();
      }
    }
  }
}
