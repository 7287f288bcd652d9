package org.accueil.integration.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.jspecify.annotations.Nullable;

/** HAPI's generic client on Accueil's FHIR API, as an integrator sets it up. */
public final class FhirClients {

  private FhirClients() {}

  /**
   * @param base the application's base URL ({@code http://localhost:8080})
   * @param key an API key, or {@code null} to call anonymously
   */
  public static IGenericClient accueil(String base, @Nullable String key) {
    return client(base + "/fhir/r4", key);
  }

  /** Any FHIR R4 server at {@code fhirBase}. */
  public static synchronized IGenericClient client(String fhirBase, @Nullable String key) {
    FhirContext context = FhirContext.forR4Cached();
    IRestfulClientFactory factory = context.getRestfulClientFactory();
    // No metadata call before the first request; room for many callers at once.
    factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    factory.setSocketTimeout(60_000);
    factory.setConnectionRequestTimeout(60_000);
    factory.setPoolMaxTotal(200);
    factory.setPoolMaxPerRoute(200);
    IGenericClient client = context.newRestfulGenericClient(fhirBase);
    if (key != null) {
      client.registerInterceptor(new BearerTokenAuthInterceptor(key));
    }
    return client;
  }
}
