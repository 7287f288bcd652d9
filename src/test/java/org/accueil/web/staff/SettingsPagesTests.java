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
  @Autowired org.accueil.channels.ChannelSetup channels;
  @Autowired org.accueil.integration.webhooks.WebhookEndpoints webhooks;

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
    // The front desk reads the configuration; none of the forms that change it is offered.
    assertThat(settings)
        .doesNotContain("action=\"/app/settings/rules\"")
        .doesNotContain("action=\"/app/settings/providers\"")
        .doesNotContain("action=\"/app/settings/channels\"")
        .doesNotContain("action=\"/app/settings/webhooks\"");
    String providerPage =
        desk.get("/app/settings/providers/" + clinic.provider.id().value() + "?lang=it").body();
    assertThat(providerPage).contains("Assenze").doesNotContain("/time-off\"");
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

  @Test
  void timeOffIsAddedAndRemovedOnTheProvidersPageAndABackwardRangeIsRefused() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    Browser browser = Browser.signedIn(api, "ADMIN");
    String page = "/app/settings/providers/" + clinic.provider.id().value();
    browser.get(page);
    java.time.LocalDate day = java.time.LocalDate.now().plusDays(30);

    var backwards =
        browser.submit(
            page + "/time-off",
            Map.of("start", day + "T18:00", "end", day + "T08:00", "reason", "Congress"));
    String refused = browser.follow(backwards).body();
    assertThat(refused).contains("Time off must end after it starts.");
    assertThat(refused).contains("value=\"Congress\"");
    var garbled =
        browser.submit(page + "/time-off", Map.of("start", "tomorrow", "end", day + "T08:00"));
    assertThat(browser.follow(garbled).body())
        .contains("Give the start and the end as a date and a time");

    var added =
        browser.submit(
            page + "/time-off",
            Map.of(
                "start", day + "T08:00", "end", day.plusDays(2) + "T18:00", "reason", "Congress"));
    assertThat(browser.follow(added).body()).contains("Saved.").contains("Congress");
    var off =
        practice.timeOff(
            java.util.List.of(clinic.provider.id()),
            java.time.Instant.now(),
            java.time.Instant.now().plus(java.time.Duration.ofDays(60)));
    assertThat(off).singleElement().satisfies(t -> assertThat(t.reason()).isEqualTo("Congress"));
    assertThat(off.getFirst().start())
        .isEqualTo(day.atTime(8, 0).atZone(clinic.site.zone()).toInstant());

    assertThat(browser.get(page + "?lang=fr").body())
        .contains("Absences")
        .contains("Ajouter l&#39;absence")
        .contains("Congress");
    var removed = browser.submit(page + "/time-off/" + off.getFirst().id() + "/remove", Map.of());
    assertThat(browser.follow(removed).body()).doesNotContain("Congress");
    assertThat(
            practice.timeOff(
                java.util.List.of(clinic.provider.id()),
                java.time.Instant.now(),
                java.time.Instant.now().plus(java.time.Duration.ofDays(60))))
        .isEmpty();

    var override =
        browser.submit(
            page + "/overrides",
            Map.of(
                "location",
                clinic.site.id().value().toString(),
                "date",
                day.toString(),
                "hours",
                "09:00-11:00"));
    assertThat(browser.follow(override).body()).contains("09:00-11:00");
    assertThat(practice.snapshot().override(clinic.provider.id(), day)).isPresent();
    var noOverride = browser.submit(page + "/overrides/" + day + "/remove", Map.of());
    browser.follow(noOverride);
    assertThat(practice.snapshot().override(clinic.provider.id(), day)).isEmpty();
  }

  @Test
  void aRuleForNewPatientsOnTuesdayAfternoonsIsCreatedListedAndRemoved() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    Browser browser = Browser.signedIn(api, "ADMIN");
    browser.get("/app/settings");
    String description = "New patients on Tuesday afternoons " + UUID.randomUUID();

    var unreadable =
        browser.submit(
            "/app/settings/rules",
            Map.of(
                "description",
                description,
                "provider",
                clinic.provider.id().value().toString(),
                "category",
                "new",
                "windows",
                "Tuesday afternoon"));
    String refused = browser.follow(unreadable).body();
    assertThat(refused).contains("is not a time range such as 08:00-12:00.");
    assertThat(refused).contains("Tuesday afternoon</textarea>");

    var created =
        browser.submit(
            "/app/settings/rules",
            Map.of(
                "description",
                description,
                "provider",
                clinic.provider.id().value().toString(),
                "type",
                "",
                "category",
                "new",
                "windows",
                "Tuesday 14:00-18:00"));
    String page = browser.follow(created).body();
    assertThat(page).contains("Saved.").contains(description).contains("Tuesday 14:00-18:00");
    var rule =
        practice.snapshot().rules().stream()
            .filter(r -> r.description().equals(description))
            .findFirst()
            .orElseThrow();
    assertThat(rule.provider()).isEqualTo(clinic.provider.id());
    assertThat(rule.patientCategory()).isEqualTo(org.accueil.practice.PatientCategory.NEW);
    assertThat(rule.windows())
        .containsExactly(
            new org.accueil.practice.TimeWindow(
                DayOfWeek.TUESDAY, LocalTime.of(14, 0), LocalTime.of(18, 0)));

    var removed = browser.submit("/app/settings/rules/" + rule.id().value() + "/remove", Map.of());
    assertThat(browser.follow(removed).body()).doesNotContain(description);
    assertThat(practice.snapshot().rules()).noneMatch(r -> r.id().equals(rule.id()));
  }

  @Test
  void aProviderAndAnAppointmentTypeAreAddedFromTheSettings() {
    ClinicFixture clinic = ClinicFixture.create(admin);
    Browser browser = Browser.signedIn(api, "ADMIN");
    browser.get("/app/settings");
    String family = "Lefèvre-" + (char) ('a' + new java.util.Random().nextInt(26)) + "x";

    var badName =
        browser.submit(
            "/app/settings/providers",
            Map.of(
                "givenName",
                "Anne<script>",
                "familyName",
                family,
                "locations",
                clinic.site.id().value().toString()));
    String refused = browser.follow(badName).body();
    assertThat(refused).contains("Give a given name and a family name");
    assertThat(refused).contains("value=\"Anne&lt;script&gt;\"");

    var created =
        browser.submit(
            "/app/settings/providers",
            Map.of(
                "title", "Dr",
                "givenName", "Anne",
                "familyName", family,
                "specialties", "General practice, Paediatrics",
                "languages", "fr, EN",
                "locations", clinic.site.id().value().toString()));
    assertThat(browser.follow(created).body()).contains("Saved.").contains(family);
    var provider =
        practice.snapshot().providers().stream()
            .filter(p -> p.familyName().equals(family))
            .findFirst()
            .orElseThrow();
    assertThat(provider.specialties()).containsExactly("General practice", "Paediatrics");
    assertThat(provider.languages()).containsExactly("fr", "en");
    assertThat(provider.locations()).containsExactly(clinic.site.id());

    String code = "first-" + UUID.randomUUID().toString().substring(0, 8);
    var noItalian =
        browser.submit(
            "/app/settings/appointment-types",
            Map.of("code", code, "nameFr", "Première", "nameEn", "First", "duration", "30"));
    assertThat(browser.follow(noItalian).body())
        .contains("a name in each of the three languages")
        .contains("value=\"Première\"");
    var type =
        browser.submit(
            "/app/settings/appointment-types",
            Map.of(
                "code", code,
                "nameFr", "Première consultation",
                "nameEn", "First visit",
                "nameIt", "Prima visita",
                "duration", "30",
                "providers", provider.id().value().toString()));
    assertThat(browser.follow(type).body()).contains("Saved.").contains("First visit");
    var saved =
        practice.snapshot().appointmentTypes().stream()
            .filter(t -> t.code().equals(code))
            .findFirst()
            .orElseThrow();
    assertThat(saved.duration().toMinutes()).isEqualTo(30);
    assertThat(saved.providers()).containsExactly(provider.id());
  }

  @Test
  void anAdministratorSavesAndRemovesAChannelSettingAndASecretIsNeverShownBack() {
    Browser browser = Browser.signedIn(api, "ADMIN");
    browser.get("/app/settings");
    String secret = "imap-secret-" + UUID.randomUUID();
    try {
      var unknown =
          browser.submit(
              "/app/settings/channels",
              Map.of("channel", "email", "name", "imap.pasword", "value", secret));
      String refused = browser.follow(unknown).body();
      assertThat(refused).contains("imap.pasword").doesNotContain(secret);

      var saved =
          browser.submit(
              "/app/settings/channels",
              Map.of("channel", "email", "name", "imap.password", "value", secret));
      String page = browser.follow(saved).body();
      assertThat(page).contains("Saved.").contains("imap.password").contains("set (secret");
      assertThat(page).doesNotContain(secret);
      assertThat(channels.all())
          .anyMatch(c -> c.name().equals("imap.password") && c.value() == null);

      var removed =
          browser.submit(
              "/app/settings/channels/remove", Map.of("channel", "email", "name", "imap.password"));
      assertThat(browser.follow(removed).body()).contains("Saved.");
      assertThat(channels.all()).noneMatch(c -> c.name().equals("imap.password"));

      Browser desk = Browser.signedIn(api, "FRONT_DESK");
      desk.get("/app/settings");
      var forbidden =
          desk.submit(
              "/app/settings/channels",
              Map.of("channel", "email", "name", "imap.password", "value", secret));
      assertThat(forbidden.status()).isEqualTo(403);
    } finally {
      channels.all().stream()
          .filter(c -> c.name().equals("imap.password"))
          .forEach(c -> channels.remove(c.channel(), c.name()));
    }
  }

  @Test
  void aWebhookIsCreatedWithItsSecretShownOnceThenDisabledAndDeleted() {
    Browser browser = Browser.signedIn(api, "ADMIN");
    browser.get("/app/settings");
    String url = "https://hooks.example.org/accueil/" + UUID.randomUUID();

    var plain =
        browser.submit("/app/settings/webhooks", Map.of("url", "http://hooks.example.org/accueil"));
    assertThat(browser.follow(plain).body()).contains("is not an https address");

    var created =
        browser.submit(
            "/app/settings/webhooks",
            Map.of("url", url, "description", "Billing", "events", "appointment.booked"));
    String page = browser.follow(created).body();
    assertThat(page).contains("Saved.").contains("shown this once only").contains(url);
    var endpoint =
        webhooks.list().stream().filter(w -> w.url().equals(url)).findFirst().orElseThrow();
    assertThat(endpoint.eventTypes()).containsExactly("appointment.booked");
    assertThat(browser.get("/app/settings").body()).doesNotContain("shown this once only");

    var disabled = browser.submit("/app/settings/webhooks/" + endpoint.id() + "/disable", Map.of());
    browser.follow(disabled);
    assertThat(webhooks.endpoint(endpoint.id()).enabled()).isFalse();

    var deleted = browser.submit("/app/settings/webhooks/" + endpoint.id() + "/delete", Map.of());
    assertThat(browser.follow(deleted).body()).doesNotContain(url);
    assertThat(webhooks.list()).noneMatch(w -> w.id().equals(endpoint.id()));
  }
}
