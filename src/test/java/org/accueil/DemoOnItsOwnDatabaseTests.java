package org.accueil;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.accueil.demo.DemoKnowledge;
import org.accueil.demo.DemoStaff;
import org.accueil.testing.Api;
import org.accueil.testing.Browser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a newcomer gets from the README's first command: no database configured, so Accueil runs its
 * own PostgreSQL in the data directory, seeds the demo practice, and finds everything again after a
 * restart.
 */
class DemoOnItsOwnDatabaseTests {

  @TempDir Path dataDir;

  @Test
  void theDemoRunsOnItsOwnDatabaseAndKeepsItsDataAcrossRestarts() {
    String booked;
    try (var first = start()) {
      Api api = api(first);
      var providers = api.anonymous().get("/api/v1/providers");
      assertThat(providers.body().size()).isEqualTo(6);
      var upcoming = api.get("/api/v1/appointments?limit=5000");
      assertThat(upcoming.body().size()).as("the demo calendar looks lived in").isGreaterThan(50);
      booked = bookFirstFreeCheckUp(api);
      assertDemoStaffCanSignIn(api);
      assertTheReviewQueueHasWork(api);
      assertThat(api.get("/api/v1/assistant/knowledge").body().size())
          .as("the assistant knows the practice")
          .isEqualTo(DemoKnowledge.ENTRIES.size());
      assertThat(field(api.get("/api/v1/questionnaires?status=active").body(), "code"))
          .as("its forms")
          .containsExactlyInAnyOrder(
              "annual-checkup-questionnaire", "new-patient-intake", "paediatric-questionnaire");
      var sent = api.get("/api/v1/questionnaire-requests?appointmentId=" + booked).body();
      assertThat(field(sent, "questionnaireCode"))
          .as("the check-up booked sends the check-up's form")
          .contains("annual-checkup-questionnaire");
    }

    try (var second = start()) {
      Api api = api(second);
      assertThat(api.get("/api/v1/appointments/" + booked).status()).isEqualTo(200);
      assertThat(api.anonymous().get("/api/v1/providers").body().size())
          .as("the demo is not seeded twice")
          .isEqualTo(6);
      assertThat(api.get("/api/v1/users").body().size())
          .as("nor are its staff accounts")
          .isEqualTo(3);
      assertThat(api.get("/api/v1/assistant/knowledge").body().size())
          .as("nor its knowledge base")
          .isEqualTo(DemoKnowledge.ENTRIES.size());
      assertThat(api.get("/api/v1/questionnaires").body().size()).as("nor its forms").isEqualTo(3);
    }
  }

  /** Each element's {@code name}, as text. */
  private static java.util.List<String> field(tools.jackson.databind.JsonNode array, String name) {
    java.util.List<String> values = new java.util.ArrayList<>();
    array.forEach(element -> values.add(element.path(name).asString()));
    return values;
  }

  /**
   * The registry at work: web bookings waiting for review, one a possible duplicate of a patient;
   * twins on their mother's phone, told apart.
   */
  private static void assertTheReviewQueueHasWork(Api api) {
    var queue = api.get("/api/v1/patients/review").body();
    assertThat(queue.get("provisional").size()).isGreaterThanOrEqualTo(3);
    assertThat(queue.get("duplicates").size()).isEqualTo(1);
    assertThat(queue.get("duplicates").get(0).get("patient").get("status").asString())
        .isEqualTo("provisional");
    var family = api.get("/api/v1/patients?phone=%2B33687654321").body();
    assertThat(family.size()).as("a mother and her twins").isEqualTo(3);
  }

  /** One account per role; the clinician's own calendar is Dr Johnson's. */
  private static void assertDemoStaffCanSignIn(Api api) {
    var users = api.get("/api/v1/users").body();
    Map<String, String> roleByEmail = new java.util.TreeMap<>();
    String johnsonLink = null;
    for (var user : users) {
      roleByEmail.put(user.get("email").asString(), user.get("roles").get(0).asString());
      if (user.get("email").asString().equals(DemoStaff.DR_JOHNSON)) {
        johnsonLink = user.get("providerId").asString();
      }
    }
    assertThat(roleByEmail)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                DemoStaff.ADMIN, "ADMIN",
                DemoStaff.FRONT_DESK, "FRONT_DESK",
                DemoStaff.DR_JOHNSON, "CLINICIAN"));
    String johnson = null;
    for (var provider : api.anonymous().get("/api/v1/providers").body()) {
      if (provider.get("familyName").asString().equals("Johnson")) {
        johnson = provider.get("id").asString();
      }
    }
    assertThat(johnsonLink).isEqualTo(johnson);

    Browser browser = new Browser(api.baseUrl());
    browser.get("/login");
    var signedIn =
        browser.submit(
            "/login", Map.of("email", DemoStaff.DR_JOHNSON, "password", DemoStaff.PASSWORD));
    assertThat(browser.follow(signedIn).body()).contains("Dr Marc Johnson", "praticien");
  }

  /**
   * As the README's command does: command-line arguments, which win over application.yml (default
   * properties would not: its {@code accueil.data-dir} would put the test's database in ./data).
   */
  private ConfigurableApplicationContext start() {
    // Arguments, not default properties: application.yml's server.port and data-dir would win.
    return new SpringApplicationBuilder(AccueilApplication.class)
        .run(
            "--server.port=0",
            "--accueil.data-dir=" + dataDir,
            "--accueil.demo.enabled=true",
            "--accueil.bootstrap.admin-api-key=" + Api.ADMIN_KEY,
            "--spring.jmx.enabled=false");
  }

  private static Api api(ConfigurableApplicationContext context) {
    return Api.at(
        "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort());
  }

  private static String bookFirstFreeCheckUp(Api api) {
    String checkUp = null;
    for (var type : api.anonymous().get("/api/v1/appointment-types").body()) {
      if (type.get("code").asString().equals("annual-checkup")) {
        checkUp = type.get("id").asString();
      }
    }
    LocalDate from = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(1);
    var slots =
        api.anonymous()
            .get(
                "/api/v1/slots?appointmentType="
                    + checkUp
                    + "&from="
                    + from
                    + "&to="
                    + from.plusDays(13)
                    + "&limit=1");
    var slot = slots.body().get(0);
    var booking =
        api.post(
            "/api/v1/appointments",
            Map.of(
                "appointmentTypeId", checkUp,
                "providerId", slot.get("providerId").asString(),
                "start", slot.get("start").asString(),
                "patient",
                    Map.of(
                        "givenName", "Nora", "familyName", "Newcomer", "birthDate", "1992-02-29")));
    assertThat(booking.status()).as(booking.toString()).isEqualTo(201);
    return booking.string("id");
  }
}
