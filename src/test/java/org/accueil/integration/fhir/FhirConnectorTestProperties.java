package org.accueil.integration.fhir;

import java.net.URI;
import java.time.Duration;
import org.accueil.integration.fhir.FhirConnectorProperties.Auth;
import org.accueil.integration.fhir.FhirConnectorProperties.AuthMode;

/** Connector settings as the application's defaults make them, for tests without a context. */
final class FhirConnectorTestProperties {

  private FhirConnectorTestProperties() {}

  static FhirConnectorProperties with(URI base, Auth auth) {
    return new FhirConnectorProperties(
        true,
        base,
        auth,
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofHours(1),
        identifiers(),
        new FhirConnectorProperties.Polling(
            true, Duration.ofSeconds(5), Duration.ofSeconds(2), 200),
        new FhirConnectorProperties.Subscription(
            true, null, null, "X-Accueil-Secret", Duration.ofSeconds(30)),
        new FhirConnectorProperties.Reconciliation(true, 30, Duration.ofHours(1)),
        new FhirConnectorProperties.Inbound(Duration.ofMillis(500), 8, null),
        false);
  }

  static FhirConnectorProperties with(URI base) {
    return with(base, new Auth(AuthMode.NONE, null, null, null, null, null, null, null, ""));
  }

  static FhirConnectorProperties.Identifiers identifiers() {
    return new FhirConnectorProperties.Identifiers(
        "https://accueil.health/sid/appointment",
        "https://accueil.health/sid/patient",
        "https://accueil.health/sid/practitioner",
        "https://accueil.health/sid/location",
        "https://accueil.health/sid/appointment-type",
        null);
  }
}
