package org.accueil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Integrators start from the OpenAPI document; it must be open, complete and browsable. */
@AccueilTest
class OpenApiDocumentTests {

  @Autowired Api api;

  @Test
  void theOpenApiDocumentDescribesTheSchedulingAndConfigurationCalls() {
    var document = api.anonymous().get("/v3/api-docs");

    assertThat(document.status()).isEqualTo(200);
    assertThat(document.string("openapi")).startsWith("3.");
    List<String> paths = new ArrayList<>();
    document.body().get("paths").propertyNames().forEach(paths::add);
    assertThat(paths)
        .contains(
            "/api/v1/slots",
            "/api/v1/appointments",
            "/api/v1/appointments/{id}/reschedule",
            "/api/v1/appointments/{id}/cancel",
            "/api/v1/holds",
            "/api/v1/waitlist",
            "/api/v1/waitlist/offers/{id}/accept",
            "/api/v1/providers",
            "/api/v1/providers/{id}/weekly-hours",
            "/api/v1/appointment-types",
            "/api/v1/booking-rules",
            "/api/v1/patients");
  }

  @Test
  void theApiReferenceAndTheHomePageAreServed() {
    var swagger = api.anonymous().get("/swagger-ui/index.html");
    var home = api.anonymous().get("/");

    assertThat(swagger.status()).isEqualTo(200);
    assertThat(swagger.text()).contains("swagger-ui");
    assertThat(home.status()).isEqualTo(200);
    assertThat(home.text()).contains("Accueil", "swagger-ui.html");
  }
}
