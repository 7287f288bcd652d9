package org.accueil.integration.fhir.facade;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.accueil.integration.fhir.FhirValidation;
import org.accueil.platform.Scope;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The FHIR API's access policy, written out as a table as {@code AuthorizationMatrixTests} writes
 * the REST API's: every call as every kind of caller. Cells: {@code ok} (let through: any answer
 * but 401, 403 or a 5xx), {@code 401}, {@code 403}. The integration key "+" holds exactly the row's
 * scope (every scope for ADMIN rows), "-" every scope but that one; ADMIN is the bootstrap
 * administrator's key. Refusals are OperationOutcomes.
 */
@AccueilTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirApiAuthorizationTests {

  enum Caller {
    ANONYMOUS,
    ADMIN,
    INTEGRATION_WITH,
    INTEGRATION_WITHOUT,
    PATIENT_LINK
  }

  // method path | scope ("-" none, "ADMIN" the role) | anon admin int+ int- link
  static final List<String> POLICY =
      List.of(
          "GET /fhir/r4/metadata                                  | - | ok ok ok ok ok",
          "GET /fhir/r4/Practitioner                              | appointments:read | 401 ok ok 403 403",
          "GET /fhir/r4/Practitioner/{provider}                   | appointments:read | 401 ok ok 403 403",
          "GET /fhir/r4/Location                                  | appointments:read | 401 ok ok 403 403",
          "GET /fhir/r4/HealthcareService                         | appointments:read | 401 ok ok 403 403",
          "GET /fhir/r4/Schedule?actor=Practitioner/{provider}    | appointments:read | 401 ok ok 403 403",
          "GET /fhir/r4/Slot?schedule=Schedule/{provider}         | appointments:read | 401 ok ok 403 403",
          "POST /fhir/r4/Slot/_search                             | appointments:read | 401 ok ok 403 403",
          "GET /fhir/r4/Appointment?date=2027-03-02               | appointments:read | 401 ok ok 403 403",
          "GET /fhir/r4/Appointment/{appointment}                 | appointments:read | 401 ok ok 403 403",
          "GET /fhir/r4/Appointment/$find?start=2027-03-02        | appointments:read | 401 ok ok 403 403",
          "POST /fhir/r4/Appointment/$find                        | appointments:read | 401 ok ok 403 403",
          "POST /fhir/r4/Appointment/$hold                        | appointments:write | 401 ok ok 403 403",
          "POST /fhir/r4/Appointment/$book                        | appointments:write | 401 ok ok 403 403",
          "PATCH /fhir/r4/Appointment/{appointment}               | appointments:write | 401 ok ok 403 403",
          "GET /fhir/r4/Patient/{patient}                         | patients:read | 401 ok ok 403 403",
          "GET /fhir/r4/Patient?identifier=urn:x%7C1              | patients:read | 401 ok ok 403 403",
          // Anything the table does not name: administrators only (HAPI then refuses it).
          "DELETE /fhir/r4/Appointment/{appointment}              | ADMIN | 401 ok 403 403 403",
          "PUT /fhir/r4/Slot/{appointment}                        | ADMIN | 401 ok 403 403 403");

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired PracticeAdministration admin;

  final Map<String, Api> keysByScope = new HashMap<>();
  final Map<String, String> ids = new HashMap<>();
  Api link;

  @BeforeAll
  void anAppointmentAndItsPatientLink() {
    clock.setParis(LocalDateTime.of(2027, 3, 1, 7, 0));
    ClinicFixture clinic = ClinicFixture.create(admin);
    var booked =
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId", clinic.consultation.id().value().toString(),
                "providerId", clinic.provider.id().value().toString(),
                "start",
                    LocalDateTime.of(2027, 3, 2, 9, 0)
                        .atZone(ZoneId.of("Europe/Paris"))
                        .toOffsetDateTime()
                        .toString(),
                "patient",
                    Map.of(
                        "givenName", "Access",
                        "familyName", "Fhir " + Tags.letters(),
                        "birthDate", "1970-01-01")));
    assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
    ids.put("provider", clinic.provider.id().toString());
    ids.put("appointment", booked.string("id"));
    ids.put("patient", booked.string("patientId"));
    var issued = api.post("/api/v1/appointments/" + booked.string("id") + "/links", Map.of());
    assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
    link = api.with("Authorization", "Bearer " + issued.string("token"));
  }

  @Test
  void everyCallAnswersEachCallerAsThePolicySays() {
    List<String> failures = new ArrayList<>();
    for (String line : POLICY) {
      String[] parts = line.split("\\|");
      String[] call = parts[0].trim().split("\\s+");
      String scope = parts[1].trim();
      String[] cells = parts[2].trim().split("\\s+");
      String path = path(call[1]);
      for (Caller caller : Caller.values()) {
        var response = client(caller, scope).request(call[0], path, body(call[0]));
        String expected = cells[caller.ordinal()];
        int status = response.status();
        boolean passed =
            status < 500
                && (expected.equals("ok")
                    ? status != 401 && status != 403
                    : status == Integer.parseInt(expected));
        if (!passed) {
          failures.add(
              "%s %s as %s: expected %s, got %s"
                  .formatted(call[0], path, caller, expected, response));
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void aCallWithoutAKeyIsToldHowToAuthenticateInAnOperationOutcome() {
    var anonymous = api.anonymous().get("/fhir/r4/Slot");
    var wrongKey = api.with("Authorization", "Bearer not-a-key").get("/fhir/r4/Slot");

    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.header("Content-Type")).startsWith("application/fhir+json");
    assertThat(anonymous.header("WWW-Authenticate")).startsWith("Bearer");
    OperationOutcome outcome = outcome(anonymous.text());
    assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.LOGIN);
    assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("Authorization: Bearer <key>");
    assertThat(outcome(wrongKey.text()).getIssueFirstRep().getDiagnostics()).contains("revoked");
    FhirValidation.r4().assertValid(outcome);
  }

  @Test
  void aKeyWithoutTheScopeIsRefusedInAnOperationOutcome() {
    var refused =
        key(List.of(Scope.APPOINTMENTS_READ))
            .post("/fhir/r4/Appointment/$book", "{\"resourceType\":\"Parameters\"}");

    assertThat(refused.status()).isEqualTo(403);
    OperationOutcome outcome = outcome(refused.text());
    assertThat(outcome.getIssueFirstRep().getCode())
        .isEqualTo(OperationOutcome.IssueType.FORBIDDEN);
    FhirValidation.r4().assertValid(outcome);
  }

  private static OperationOutcome outcome(String json) {
    return org.accueil.patients.fhir.FhirPatients.context()
        .newJsonParser()
        .parseResource(OperationOutcome.class, json);
  }

  private String path(String template) {
    String path = template;
    for (var id : ids.entrySet()) {
      path = path.replace("{" + id.getKey() + "}", id.getValue());
    }
    return path;
  }

  private static Object body(String method) {
    return switch (method) {
      case "POST", "PUT" -> "{\"resourceType\": \"Parameters\"}";
      case "PATCH" -> "[{\"op\": \"replace\", \"path\": \"/status\", \"value\": \"cancelled\"}]";
      default -> null;
    };
  }

  private Api client(Caller caller, String scope) {
    return switch (caller) {
      case ANONYMOUS -> api.anonymous();
      case ADMIN -> api;
      case INTEGRATION_WITH ->
          key(scope.equals("-") || scope.equals("ADMIN") ? Scope.ALL : List.of(scope));
      case INTEGRATION_WITHOUT -> key(Scope.ALL.stream().filter(s -> !s.equals(scope)).toList());
      case PATIENT_LINK -> link;
    };
  }

  private Api key(List<String> scopes) {
    String name = String.join(",", new TreeSet<>(scopes));
    return keysByScope.computeIfAbsent(
        name, n -> api.withNewKey("fhir " + UUID.randomUUID(), scopes));
  }
}
