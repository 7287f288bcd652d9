package org.accueil.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.StaffSessions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What an administrator sets through the API: the reminders and quiet hours, an appointment type's
 * own reminders and follow-up, the practice's own words; and what it refuses, saying why.
 */
@AccueilTest
class NotificationsApiTests {

  @Autowired Api api;
  @Autowired PracticeAdministration admin;
  @Autowired StaffSessions sessions;

  @Test
  void thePracticeSetsItsRemindersAndATypeItsOwnWithAFollowUp() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    var saved =
        api.put(
            "/api/v1/notifications/policy",
            Map.of("reminders", List.of("P1D", "PT2H"), "quietHoursStart", "21:00"));
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    assertThat(saved.body().path("reminders").toString()).contains("PT24H").contains("PT2H");
    assertThat(saved.body().path("quietHoursStart").asString()).startsWith("21:00");

    String code = clinic.consultation.code();
    var type =
        api.put(
            "/api/v1/notifications/policy/types/" + code,
            Map.of(
                "reminders",
                List.of(),
                "followUp",
                Map.of(
                    "after",
                    "P7D",
                    "text",
                    Map.of("fr", "Pensez à prendre rendez-vous pour votre contrôle."))));
    assertThat(type.status()).as(type.toString()).isEqualTo(200);
    assertThat(type.body().path("types").path(code).path("followUp").path("after").asString())
        .isEqualTo("PT168H");
    assertThat(api.delete("/api/v1/notifications/policy/types/" + code).status()).isEqualTo(204);
    // Back to the defaults for the other tests.
    api.put(
        "/api/v1/notifications/policy",
        Map.of("reminders", List.of("P2D", "PT3H"), "quietHoursStart", "20:00"));
  }

  @Test
  void aPolicyThatCannotWorkIsRefusedWithTheFieldAndWhy() {
    var tooSoon =
        api.with("Accept-Language", "fr")
            .put("/api/v1/notifications/policy", Map.of("reminders", List.of("PT5M")));
    assertThat(tooSoon.status()).isEqualTo(422);
    assertThat(tooSoon.string("field")).isEqualTo("reminders");
    assertThat(tooSoon.string("detail")).contains("30 minutes");

    var twice =
        api.put("/api/v1/notifications/policy", Map.of("reminders", List.of("PT3H", "PT3H")));
    assertThat(twice.status()).isEqualTo(422);
    assertThat(twice.string("detail")).contains("Two reminders");

    var unknownType =
        api.put("/api/v1/notifications/policy/types/no-such-type", Map.of("reminders", List.of()));
    assertThat(unknownType.status()).isEqualTo(404);

    var frontDesk = sessions.signIn(List.of("FRONT_DESK"), null);
    assertThat(frontDesk.put("/api/v1/notifications/policy", Map.of()).status()).isEqualTo(403);
    assertThat(frontDesk.get("/api/v1/notifications/policy").status()).isEqualTo(200);
  }

  @Test
  void thePracticesOwnWordsAreCheckedBeforeTheyAreSaved() {
    var unknown =
        api.put(
            "/api/v1/notifications/wording/reminder/fr",
            Map.of("body", "Rappel {quand} chez {practice}"));
    assertThat(unknown.status()).isEqualTo(422);
    assertThat(unknown.string("detail")).contains("{quand}").contains("{when}");

    var visit =
        api.put(
            "/api/v1/notifications/wording/reminder/fr",
            Map.of("body", "Rappel de votre {visit} le {when}"));
    assertThat(visit.status()).isEqualTo(422);
    assertThat(visit.string("detail")).contains("health detail");

    var tooLong =
        api.put(
            "/api/v1/notifications/wording/reminder/fr",
            Map.of("body", "Rappel plus tôt : " + "votre rendez-vous {when} ".repeat(8)));
    assertThat(tooLong.status()).isEqualTo(422);
    assertThat(tooLong.string("detail")).contains("parts");

    var ok =
        api.put(
            "/api/v1/notifications/wording/reminder/it",
            Map.of(
                "subject", "Promemoria", "body", "Promemoria: {when}, {practice}. Risponda SI."));
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    var all = api.get("/api/v1/notifications/wording");
    assertThat(all.body().toString()).contains("Promemoria: {when}, {practice}. Risponda SI.");
    assertThat(api.delete("/api/v1/notifications/wording/reminder/it").status()).isEqualTo(204);
    assertThat(api.delete("/api/v1/notifications/wording/reminder/it").status()).isEqualTo(404);
    assertThat(api.put("/api/v1/notifications/wording/reminders/it", Map.of("body", "x")).status())
        .isEqualTo(404);
  }

  @Test
  void reportsSayWhatPeriodTheyCanCover() {
    var backwards = api.get("/api/v1/reports/no-shows?from=2027-04-10&to=2027-04-01");
    assertThat(backwards.status()).isEqualTo(400);
    assertThat(backwards.string("field")).isEqualTo("to");
    var grouping = api.get("/api/v1/reports/no-shows?from=2027-04-01&to=2027-04-10&by=weather");
    assertThat(grouping.status()).isEqualTo(400);
    var byChannel = api.get("/api/v1/reports/no-shows?from=2027-04-01&to=2027-04-10&by=channel");
    assertThat(byChannel.status()).as(byChannel.toString()).isEqualTo(200);
    assertThat(byChannel.body().path("by").asString()).isEqualTo("channel");
    var deliveries = api.get("/api/v1/reports/deliveries?from=2027-04-01&to=2027-04-10");
    assertThat(deliveries.status()).isEqualTo(200);
    assertThat(deliveries.body().findValuesAsString("measure"))
        .containsExactly("delivered", "failed");
    var noPortal =
        api.post(
            "/api/v1/notifications/results-ready",
            Map.of("patientId", java.util.UUID.randomUUID().toString()));
    assertThat(noPortal.status()).isIn(404, 409);
  }
}
