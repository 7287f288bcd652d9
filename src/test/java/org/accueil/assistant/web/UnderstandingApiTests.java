package org.accueil.assistant.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.accueil.assistant.understanding.DemoSnapshot;
import org.accueil.demo.DemoPractice;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.Provider;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Demo;
import org.accueil.testing.StaffSessions;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code POST /api/v1/assistant/understand} against the demo practice. */
@AccueilTest
class UnderstandingApiTests {

  @Autowired Api api;
  @Autowired Demo demo;
  @Autowired StaffSessions sessions;
  @Autowired TestClock clock;

  DemoPractice practice;

  @BeforeEach
  void demoPractice() {
    practice = demo.practice();
  }

  @Test
  void aBookingRequestComesOutWithItsProviderTypeAndTime() {
    Api admin = sessions.signIn(List.of("ADMIN"), null);

    var response =
        admin.post(
            "/api/v1/assistant/understand",
            Map.of(
                "text", "Bonjour, une téléconsultation avec le Dr Philips vendredi à 14h svp",
                "now", "2026-03-10T09:00:00+01:00",
                "zone", "Europe/Paris"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.string("language")).isEqualTo("fr");
    assertThat(response.string("intent")).isEqualTo("book");
    assertThat(response.body().get("emergency").asBoolean()).isFalse();
    assertThat(response.body().get("when").get("start").asString())
        .isEqualTo("2026-03-13T14:00:00+01:00");
    assertThat(response.body().get("when").get("end").asString())
        .isEqualTo("2026-03-13T15:00:00+01:00");
    assertThat(response.body().get("when").get("grain").asString()).isEqualTo("hour");
    assertThat(response.body().get("provider").get("id").asString())
        .isEqualTo(practice.drPhillips().id().value().toString());
    assertThat(response.body().get("provider").get("name").asString())
        .isEqualTo("Dr Emma Phillips");
    assertThat(response.body().get("appointmentType").get("id").asString())
        .isEqualTo(practice.type("video-consultation").id().value().toString());
    assertThat(response.body().get("appointmentType").get("name").asString())
        .isEqualTo("Téléconsultation");
    assertThat(response.body().get("reasons").size()).isGreaterThan(2);
  }

  @Test
  void aRedFlagIsAnEmergencyAndNothingElse() {
    var response =
        sessions
            .signIn(List.of("FRONT_DESK"), null)
            .post(
                "/api/v1/assistant/understand",
                Map.of("text", "my husband can't breathe, can we come tomorrow?"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.string("intent")).isEqualTo("emergency");
    assertThat(response.body().get("emergency").asBoolean()).isTrue();
    assertThat(response.string("language")).isEqualTo("en");
  }

  @Test
  void nowDefaultsToTheClockInThePracticesZone() {
    clock.setParis(LocalDateTime.of(2026, 3, 28, 10, 0));

    var response =
        api.post(
            "/api/v1/assistant/understand", Map.of("text", "domani alle 15 con il dottor Chen"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.string("language")).isEqualTo("it");
    // Tomorrow is the 29th: summer time has begun in Paris.
    assertThat(response.body().get("when").get("start").asString())
        .isEqualTo("2026-03-29T15:00:00+02:00");
    assertThat(response.body().get("provider").get("name").asString()).isEqualTo("Dr Wei Chen");
  }

  @Test
  void nothingUnderstoodIsOtherWithNulls() {
    var response = api.post("/api/v1/assistant/understand", Map.of("text", "merci beaucoup"));

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.string("intent")).isEqualTo("other");
    assertThat(response.body().get("when").isNull()).isTrue();
    assertThat(response.body().get("provider").isNull()).isTrue();
    assertThat(response.body().get("appointmentType").isNull()).isTrue();
  }

  @Test
  void badInputIsAProblemAPersonCanActOn() {
    for (Map<String, Object> body :
        List.<Map<String, Object>>of(
            Map.of(),
            Map.of("text", "  "),
            Map.of("text", "a".repeat(2001)),
            Map.of("text", "rdv demain", "now", "tomorrow"),
            Map.of("text", "rdv demain", "zone", "Europe/Atlantis"))) {
      var response = api.post("/api/v1/assistant/understand", body);

      assertThat(response.status()).as(body.keySet() + " " + response).isEqualTo(400);
      assertThat(response.header("Content-Type")).startsWith("application/problem+json");
      assertThat(response.string("detail")).isNotBlank();
    }
    var zone =
        api.post("/api/v1/assistant/understand", Map.of("text", "rdv", "zone", "Europe/Atlantis"));
    assertThat(zone.string("detail")).contains("Europe/Atlantis").contains("zone");
  }

  /** The corpus runs against {@code DemoSnapshot}: it must be the demo practice's words. */
  @Test
  void theCorpusSnapshotIsTheDemoPractice() {
    Map<String, List<String>> specialties =
        practice.providers().stream()
            .collect(Collectors.toMap(Provider::familyName, Provider::specialties));
    assertThat(DemoSnapshot.providers()).isEqualTo(specialties);
    for (var type : DemoSnapshot.types().entrySet()) {
      AppointmentType real = practice.type(type.getKey());
      assertThat(List.of(real.name().fr(), real.name().en(), real.name().it()))
          .as(type.getKey())
          .isEqualTo(type.getValue());
    }
  }
}
