package org.accueil.web.staff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Map;
import java.util.UUID;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.security.StaffAccounts;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Browser;
import org.accueil.testing.ClinicFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The settings screens: weekly hours as lines of text, a type's duration, staff accounts. */
@AccueilTest
class SettingsPagesTests {

  @Autowired Api api;
  @Autowired PracticeAdministration admin;
  @Autowired PracticeDirectory practice;
  @Autowired StaffAccounts accounts;

  @Test
  void weeklyHoursAreWrittenOneLineADayInAnyOfTheThreeLanguages() {
    UUID site = UUID.randomUUID();
    var parsed =
        SettingsPages.parseHours(
            "lundi 8h30-12h, 14:00-18:00\n\nTuesday 09:00 - 13:00\nmercoledì 7.45-11.15", site);
    assertThat(parsed)
        .extracting(h -> h.day(), h -> h.starts(), h -> h.ends())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                DayOfWeek.MONDAY, LocalTime.of(8, 30), LocalTime.of(12, 0)),
            org.assertj.core.groups.Tuple.tuple(
                DayOfWeek.MONDAY, LocalTime.of(14, 0), LocalTime.of(18, 0)),
            org.assertj.core.groups.Tuple.tuple(
                DayOfWeek.TUESDAY, LocalTime.of(9, 0), LocalTime.of(13, 0)),
            org.assertj.core.groups.Tuple.tuple(
                DayOfWeek.WEDNESDAY, LocalTime.of(7, 45), LocalTime.of(11, 15)));
  }

  @Test
  void anAdministratorChangesAProvidersWeekAndAMistakeKeepsWhatWasTyped() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    Browser browser = Browser.signedIn(api, "ADMIN");
    String page = "/app/settings/providers/" + clinic.provider.id().value();
    assertThat(browser.get(page + "?lang=fr").body()).contains("Lundi 08:00-18:00");

    var wrong =
        browser.submit(
            page + "/hours",
            Map.of(
                "location",
                clinic.site.id().value().toString(),
                "hours",
                "lundi 08:00-12:00\nFunday 10:00-11:00"));
    String shown = browser.follow(wrong).body();
    assertThat(shown).contains("Ligne 2 : « Funday » n&#39;est pas un jour de la semaine.");
    assertThat(shown).contains("Funday 10:00-11:00");
    assertThat(practice.snapshot().weeklyHours(clinic.provider.id())).hasSize(6);

    var saved =
        browser.submit(
            page + "/hours",
            Map.of("location", clinic.site.id().value().toString(), "hours", "mardi 14:00-18:00"));
    assertThat(browser.follow(saved).body()).contains("Enregistré.");
    assertThat(practice.snapshot().weeklyHours(clinic.provider.id()))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.window().day()).isEqualTo(DayOfWeek.TUESDAY);
              assertThat(h.window().starts()).isEqualTo(LocalTime.of(14, 0));
            });
  }

  @Test
  void aTypesDurationChangesAndTheFrontDeskMayOnlyRead() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    Browser adminBrowser = Browser.signedIn(api, "ADMIN");
    adminBrowser.get("/app/settings");
    var changed =
        adminBrowser.submit(
            "/app/settings/appointment-types/" + clinic.consultation.id().value(),
            Map.of("duration", "45", "bufferBefore", "5", "bufferAfter", "10", "active", "true"));
    assertThat(adminBrowser.follow(changed).body()).contains("Saved.");
    var type = practice.snapshot().appointmentType(clinic.consultation.id()).orElseThrow();
    assertThat(type.duration().toMinutes()).isEqualTo(45);
    assertThat(type.bufferAfter().toMinutes()).isEqualTo(10);
    assertThat(type.providers()).containsExactly(clinic.provider.id());

    Browser desk = Browser.signedIn(api, "FRONT_DESK");
    String settings = desk.get("/app/settings").body();
    assertThat(settings).contains(clinic.consultation.name().en()).doesNotContain("id=\"users\"");
    var refused =
        desk.submit(
            "/app/settings/appointment-types/" + clinic.consultation.id().value(),
            Map.of("duration", "5"));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(
            practice
                .snapshot()
                .appointmentType(clinic.consultation.id())
                .orElseThrow()
                .duration()
                .toMinutes())
        .isEqualTo(45);
  }

  @Test
  void anAdministratorCreatesAndDisablesAnAccount() {
    Browser browser = Browser.signedIn(api, "ADMIN");
    browser.get("/app/settings");
    String email = "new-" + UUID.randomUUID() + "@clinic.example";
    var created =
        browser.submit(
            "/app/settings/users",
            Map.of(
                "displayName", "Nadia <b>Bold</b>",
                "email", email,
                "role", "CLINICIAN",
                "password", "long enough password"));
    String page = browser.follow(created).body();
    assertThat(page).contains("Nadia &lt;b&gt;Bold&lt;/b&gt;");
    var user =
        accounts.all().stream().filter(u -> u.email().equals(email)).findFirst().orElseThrow();
    assertThat(user.roles()).containsExactly(org.accueil.security.Role.CLINICIAN);

    browser.get("/app/settings");
    browser.submit("/app/settings/users/" + user.id() + "/disable", Map.of());
    assertThat(accounts.find(user.id()).orElseThrow().disabledAt()).isNotNull();
  }
}
