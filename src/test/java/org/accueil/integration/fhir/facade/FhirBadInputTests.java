package org.accueil.integration.fhir.facade;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.accueil.integration.fhir.FhirValidation;
import org.accueil.patients.fhir.FhirPatients;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.TestClock;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a careless or hostile caller sends the FHIR API: each answer is a 4xx OperationOutcome that
 * says what to change, never a 5xx, and nothing is written.
 */
@AccueilTest
class FhirBadInputTests {

  @Autowired Api api;
  @Autowired TestClock clock;
  @Autowired PracticeAdministration admin;

  @Test
  void everyBadCallIsAFourHundredOutcomeThatNamesTheFault() throws Exception {
    clock.setParis(LocalDateTime.of(2027, 5, 3, 7, 0));
    ClinicFixture clinic = ClinicFixture.create(admin);
    String provider = clinic.provider.id().toString();
    String type = clinic.consultation.code();
    String monday = "2027-05-03T10:00:00+02:00";
    String appointment =
        """
        {"resourceType": "Appointment", "status": "proposed", "start": "%s",
         "serviceType": [{"coding": [{"code": "%s"}]}],
         "participant": [{"actor": {"reference": "Practitioner/%s"}, "status": "needs-action"}
                         %s]%s}
        """;
    // method, path, body, status, a word the outcome must say
    List<Object[]> cases =
        List.of(
            new Object[] {"GET", "/fhir/r4/Slot?start=tomorrow", null, 400, "Invalid date"},
            new Object[] {"GET", "/fhir/r4/Slot?start=ne2027-05-03", null, 400, "ne and ap"},
            new Object[] {
              "GET", "/fhir/r4/Slot?service-type=dentist", null, 400, "not an appointment type"
            },
            new Object[] {
              "GET", "/fhir/r4/Slot?schedule=Schedule/42", null, 400, "Schedule of this server"
            },
            new Object[] {
              "GET", "/fhir/r4/Appointment?status=maybe", null, 400, "not an AppointmentStatus"
            },
            new Object[] {
              "GET",
              "/fhir/r4/Appointment/not-a-uuid",
              null,
              404,
              "There is no Appointment/not-a-uuid"
            },
            new Object[] {
              "GET",
              "/fhir/r4/Practitioner/" + UUID.randomUUID(),
              null,
              404,
              "There is no Practitioner"
            },
            new Object[] {
              "GET",
              "/fhir/r4/Appointment/$find?practitioner=Practitioner/" + UUID.randomUUID(),
              null,
              400,
              "no Practitioner"
            },
            new Object[] {"POST", "/fhir/r4/Appointment/$book", "{not json", 400, ""},
            new Object[] {"POST", "/fhir/r4/Appointment/$book", params(""), 400, "appt-id"},
            new Object[] {
              "POST",
              "/fhir/r4/Appointment/$book",
              params("{\"name\": \"appt-id\", \"valueString\": \"nonsense\"}"),
              400,
              "names no hold or proposal"
            },
            new Object[] {
              "POST",
              "/fhir/r4/Appointment/$hold",
              params(
                  "{\"name\": \"appt-resource\", \"resource\": {\"resourceType\": \"Appointment\", \"status\": \"proposed\", \"participant\": [{\"status\": \"needs-action\"}]}}"),
              400,
              "start"
            },
            new Object[] {
              "POST",
              "/fhir/r4/Appointment/$book",
              params(
                  "{\"name\": \"appt-resource\", \"resource\": "
                      + appointment.formatted(monday, type, provider, "", "")
                      + "}"),
              400,
              "Say who the appointment is for"
            },
            new Object[] {
              "POST",
              "/fhir/r4/Appointment/$book",
              params(
                  "{\"name\": \"appt-resource\", \"resource\": "
                      + appointment.formatted(monday, type, provider, "", "")
                      + "}, {\"name\": \"patient-id\", \"valueString\": \"Patient/"
                      + UUID.randomUUID()
                      + "\"}"),
              422,
              "There is no patient"
            },
            new Object[] {
              // A contained patient without a birth date: nobody is registered, nothing booked.
              "POST",
              "/fhir/r4/Appointment/$book",
              params(
                  "{\"name\": \"appt-resource\", \"resource\": "
                      + appointment.formatted(
                          monday,
                          type,
                          provider,
                          ", {\"actor\": {\"reference\": \"#p\"}, \"status\": \"needs-action\"}",
                          ", \"contained\": [{\"resourceType\": \"Patient\", \"id\": \"p\", \"name\": [{\"family\": \"Nobody\", \"given\": [\"Ann\"]}]}]")
                      + "}"),
              422,
              "birthDate"
            },
            new Object[] {
              "PATCH",
              "/fhir/r4/Appointment/" + UUID.randomUUID(),
              "[{\"op\": \"replace\", \"path\": \"/status\", \"value\": \"booked\"}]",
              422,
              "Only cancelling"
            });

    List<String> failures = new ArrayList<>();
    for (Object[] c : cases) {
      String method = (String) c[0];
      String path = (String) c[1];
      Answer answer = call(method, path, (String) c[2]);
      boolean outcome = answer.text().contains("\"OperationOutcome\"");
      if (answer.status() != (int) c[3] || !outcome || !answer.text().contains((String) c[4])) {
        failures.add(
            "%s %s: expected %s saying \"%s\", got %s %s"
                .formatted(method, path, c[3], c[4], answer.status(), answer.text()));
        continue;
      }
      FhirValidation.r4()
          .assertValid(
              FhirPatients.context()
                  .newJsonParser()
                  .parseResource(OperationOutcome.class, answer.text()));
    }
    assertThat(failures).isEmpty();
    var calendar =
        api.get(
            "/api/v1/appointments?provider=%s&from=2027-05-03T00:00:00Z&to=2027-05-04T00:00:00Z"
                .formatted(provider));
    assertThat(calendar.body()).as("nothing was booked").isEmpty();
  }

  record Answer(int status, String text) {}

  /** Raw HTTP, so the content type is exactly what a FHIR client sends. */
  private Answer call(String method, String path, @Nullable String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
            .header("Authorization", "Bearer " + Api.ADMIN_KEY)
            .header("Accept", "application/fhir+json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header(
              "Content-Type",
              method.equals("PATCH") ? "application/json-patch+json" : "application/fhir+json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    }
  }

  private static String params(String parameters) {
    return "{\"resourceType\": \"Parameters\", \"parameter\": [" + parameters + "]}";
  }
}
