package org.accueil.security.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.accueil.platform.Actor;
import org.accueil.platform.AuditRecord;
import org.accueil.platform.Scope;
import org.accueil.security.Role;
import org.accueil.security.StaffAccounts;
import org.accueil.security.StaffUser;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.AuditEvents;
import org.accueil.testing.Browser;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Signing in to the web UI with a password, as a browser does it: CSRF tokens, a new session id at
 * sign-in, one generic message for every refusal, the lockout and its end, and the audit trail.
 */
@AccueilTest
class PasswordLoginTests {

  @Autowired Api api;
  @Autowired StaffAccounts accounts;
  @Autowired AuditEvents audit;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;

  @AfterEach
  void realTimeAgain() {
    clock.reset();
  }

  Browser browser() {
    return new Browser(api.baseUrl());
  }

  @Test
  void theRightPasswordOpensASessionUnderANewIdAndTheAppPageNamesTheUser() {
    StaffUser user = StaffFixture.create(accounts, "Camille Front", Role.FRONT_DESK);
    Browser browser = browser();
    browser.get("/login");
    String before = browser.cookie("JSESSIONID");

    var signedIn =
        browser.submit("/login", Map.of("email", user.email(), "password", StaffFixture.PASSWORD));

    assertThat(signedIn.status()).isEqualTo(302);
    assertThat(signedIn.redirectPath()).isEqualTo("/app");
    assertThat(before).isNotNull();
    assertThat(browser.cookie("JSESSIONID")).isNotNull().isNotEqualTo(before);
    var app = browser.open("/app");
    assertThat(app.status()).isEqualTo(200);
    assertThat(app.body()).contains("Signed in as " + user.displayName(), "front desk");
  }

  @Test
  void aSignedInStaffMemberActsAsAnActorWithTheScopesOfTheirRoles() {
    StaffUser user = StaffFixture.create(accounts, "Wei Clinician", Role.CLINICIAN);

    StaffFixture.signIn(browser(), user.email(), StaffFixture.PASSWORD);

    AuditRecord success = audit.of("login.success", user.id()).getFirst();
    Actor actor = success.actor();
    assertThat(actor.kind()).isEqualTo(Actor.Kind.USER);
    assertThat(actor.id()).isEqualTo(user.id().toString());
    assertThat(actor.name()).isEqualTo(user.displayName());
    assertThat(actor.roles()).containsExactly("CLINICIAN");
    assertThat(actor.scopes())
        .containsExactlyInAnyOrder(
            Scope.PRACTICE_READ,
            Scope.APPOINTMENTS_READ,
            Scope.APPOINTMENTS_WRITE,
            Scope.PATIENTS_READ,
            Scope.CONVERSATIONS_READ,
            Scope.CONVERSATIONS_WRITE,
            Scope.ASSISTANT_USE);
    assertThat(success.outcome()).isEqualTo(AuditRecord.Outcome.SUCCESS);
    assertThat(success.channel()).isEqualTo("web");
    assertThat(success.refs()).containsEntry("method", "password");
  }

  @Test
  void theSignInFormIsRefusedWithoutItsCsrfToken() {
    StaffUser user = StaffFixture.create(accounts, "Csrf Target", Role.ADMIN);
    Browser browser = browser();
    browser.get("/login");

    var refused =
        browser.post("/login", Map.of("email", user.email(), "password", StaffFixture.PASSWORD));

    assertThat(refused.status()).isEqualTo(403);
    assertThat(audit.of("login.success", user.id())).isEmpty();
    assertThat(browser.get("/app").status()).isEqualTo(302);
  }

  @Test
  void aSignInPageLeftOpenPastItsSessionAsksToSignInAgain() {
    StaffUser user = StaffFixture.create(accounts, "Long Lunch", Role.FRONT_DESK);
    Browser browser = browser();
    browser.get("/login");
    browser.forgetCookies();

    var stale =
        browser.submit("/login", Map.of("email", user.email(), "password", StaffFixture.PASSWORD));

    assertThat(stale.redirectPath()).isEqualTo("/login?expired");
    assertThat(browser.follow(stale).body())
        .contains("The page had expired. Please sign in again.");
    assertThat(StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD).redirectPath())
        .isEqualTo("/app");
  }

  @Test
  void signingOutNeedsTheCsrfTokenThenEndsTheSession() {
    StaffUser user = StaffFixture.create(accounts, "Leaving Soon", Role.FRONT_DESK);
    Browser browser = browser();
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    browser.open("/app");

    var forged = browser.post("/logout", Map.of());
    assertThat(forged.status()).isEqualTo(403);
    assertThat(browser.get("/app").status()).as("still signed in").isEqualTo(200);

    var out = browser.submit("/logout", Map.of());
    assertThat(out.status()).isEqualTo(302);
    assertThat(out.redirectPath()).isEqualTo("/login?logout");
    assertThat(browser.follow(out).body()).contains("You are signed out.");
    var after = browser.get("/app");
    assertThat(after.status()).isEqualTo(302);
    assertThat(after.redirectPath()).isEqualTo("/login");
    assertThat(audit.of("logout", user.id())).hasSize(1);
  }

  @Test
  void aWrongPasswordGetsTheGenericMessageAndIsAuditedByAccountIdOnly() {
    StaffUser user = StaffFixture.create(accounts, "Typo Prone", Role.FRONT_DESK);
    Browser browser = browser();

    var refused = StaffFixture.signIn(browser, user.email(), "not the password at all");

    assertThat(refused.redirectPath()).isEqualTo("/login?error");
    assertThat(browser.follow(refused).body())
        .contains("Sign-in failed. Either the e-mail address or the password is wrong");
    AuditRecord failure = audit.of("login.failure", user.id()).getFirst();
    assertThat(failure.outcome()).isEqualTo(AuditRecord.Outcome.FAILED);
    assertThat(failure.entityType()).isEqualTo("staff-user");
    assertThat(failure.refs()).containsEntry("reason", "bad-credentials");
    assertThat(failure.toString()).doesNotContain(user.email(), "not the password at all");
  }

  @Test
  void anUnknownAddressGetsTheSameAnswerAndIsAuditedWithoutTheAddress() {
    String unknown = "nobody-" + System.nanoTime() + "@clinic.example";
    Browser browser = browser();
    int before = audit.of("login.failure", null).size();

    var refused = StaffFixture.signIn(browser, unknown, StaffFixture.PASSWORD);

    assertThat(refused.redirectPath()).isEqualTo("/login?error");
    assertThat(browser.follow(refused).body())
        .contains("Sign-in failed. Either the e-mail address or the password is wrong");
    var failures = audit.of("login.failure", null);
    assertThat(failures).hasSize(before + 1);
    AuditRecord failure = failures.getLast();
    assertThat(failure.entityId()).isNull();
    assertThat(failure.toString()).doesNotContain(unknown, StaffFixture.PASSWORD);
  }

  @Test
  void fiveWrongPasswordsLockTheAccountForFifteenMinutesEvenAgainstTheRightPassword() {
    StaffUser user = StaffFixture.create(accounts, "Locked Out", Role.FRONT_DESK);
    clock.set(Instant.parse("2026-03-02T09:00:00Z"));
    Browser browser = browser();
    for (int i = 0; i < 5; i++) {
      StaffFixture.signIn(browser, user.email(), "wrong password " + i);
    }
    assertThat(audit.of("login.locked", user.id())).hasSize(1);

    var whileLocked = StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    assertThat(whileLocked.redirectPath()).isEqualTo("/login?error");
    assertThat(audit.of("login.failure", user.id()).getLast().refs())
        .containsEntry("reason", "locked");

    clock.advance(Duration.ofMinutes(14).plusSeconds(59));
    assertThat(StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD).redirectPath())
        .as("a minute short of the end of the lock")
        .isEqualTo("/login?error");

    clock.advance(Duration.ofSeconds(2));
    var afterwards = StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    assertThat(afterwards.redirectPath()).isEqualTo("/app");
    assertThat(browser.open("/app").status()).isEqualTo(200);
  }

  @Test
  void refusalsDuringALockNeitherCountNorExtendIt() {
    StaffUser user = StaffFixture.create(accounts, "Stubborn Guess", Role.FRONT_DESK);
    clock.set(Instant.parse("2026-03-02T09:00:00Z"));
    Browser browser = browser();
    for (int i = 0; i < 5; i++) {
      StaffFixture.signIn(browser, user.email(), "wrong password " + i);
    }
    clock.advance(Duration.ofMinutes(10));
    for (int i = 0; i < 5; i++) {
      StaffFixture.signIn(browser, user.email(), "still guessing " + i);
    }

    assertThat(accounts.find(user.id()).orElseThrow().lockedUntil())
        .isEqualTo(Instant.parse("2026-03-02T09:15:00Z"));
    assertThat(audit.of("login.locked", user.id())).hasSize(1);
  }

  @Test
  void aSuccessfulSignInStartsTheFailureCountAfresh() {
    StaffUser user = StaffFixture.create(accounts, "Nearly Locked", Role.FRONT_DESK);
    Browser browser = browser();
    for (int i = 0; i < 4; i++) {
      StaffFixture.signIn(browser, user.email(), "wrong password " + i);
    }
    assertThat(accounts.find(user.id()).orElseThrow().failedAttempts()).isEqualTo(4);

    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    assertThat(accounts.find(user.id()).orElseThrow().failedAttempts()).isZero();

    Browser other = browser();
    for (int i = 0; i < 4; i++) {
      StaffFixture.signIn(other, user.email(), "wrong again " + i);
    }
    assertThat(StaffFixture.signIn(other, user.email(), StaffFixture.PASSWORD).redirectPath())
        .isEqualTo("/app");
    assertThat(audit.of("login.locked", user.id())).isEmpty();
  }

  @Test
  void anAdministratorUnlocksALockedAccountAtOnce() {
    StaffUser user = StaffFixture.create(accounts, "Quickly Unlocked", Role.FRONT_DESK);
    Browser browser = browser();
    for (int i = 0; i < 5; i++) {
      StaffFixture.signIn(browser, user.email(), "wrong password " + i);
    }

    api.post("/api/v1/users/" + user.id() + "/unlock", "");

    assertThat(StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD).redirectPath())
        .isEqualTo("/app");
  }

  @Test
  void disablingAnAccountEndsItsOpenSessionAndRefusesItsSignIn() {
    StaffUser user = StaffFixture.create(accounts, "Soon Disabled", Role.FRONT_DESK);
    Browser browser = browser();
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    assertThat(browser.get("/app").status()).isEqualTo(200);

    api.post("/api/v1/users/" + user.id() + "/disable", "");

    assertThat(browser.get("/app").redirectPath()).isEqualTo("/login");
    assertThat(StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD).redirectPath())
        .isEqualTo("/login?error");
    assertThat(audit.of("login.failure", user.id()).getLast().refs())
        .containsEntry("reason", "disabled");
  }

  @Test
  void aPasswordResetEndsOpenSessionsAndTheNewPasswordWorks() {
    StaffUser user = StaffFixture.create(accounts, "Reset Me", Role.ADMIN);
    Browser browser = browser();
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);

    api.post(
        "/api/v1/users/" + user.id() + "/password", Map.of("password", "a new long passphrase"));

    assertThat(browser.get("/app").redirectPath()).isEqualTo("/login");
    assertThat(StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD).redirectPath())
        .isEqualTo("/login?error");
    assertThat(StaffFixture.signIn(browser, user.email(), "a new long passphrase").redirectPath())
        .startsWith("/app");
  }

  @Test
  void changedRolesApplyToAnOpenSessionAtItsNextRequest() {
    StaffUser user = StaffFixture.create(accounts, "Promoted Soon", Role.FRONT_DESK);
    Browser browser = browser();
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    assertThat(browser.get("/app").body()).doesNotContain("administrator");

    api.put(
        "/api/v1/users/" + user.id(),
        Map.of("displayName", user.displayName(), "roles", Set.of("ADMIN", "FRONT_DESK")));

    assertThat(browser.get("/app").body()).contains("administrator, front desk");
  }

  @Test
  void anAnonymousVisitorOfAProtectedPageSignsInAndLandsOnIt() {
    StaffUser user = StaffFixture.create(accounts, "Deep Linker", Role.CLINICIAN);
    Browser browser = browser();

    var sent = browser.get("/account/totp");
    assertThat(sent.status()).isEqualTo(302);
    assertThat(sent.redirectPath()).isEqualTo("/login");
    assertThat(browser.get("/app").redirectPath()).isEqualTo("/login");

    var signedIn = StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    assertThat(signedIn.redirectPath()).startsWith("/app");
    var requested = browser.get("/account/totp");
    assertThat(requested.status()).isEqualTo(200);
  }

  @Test
  void theApiTakesTheSessionOnlyWhileTheAccountAllowsIt() {
    StaffUser user = StaffFixture.create(accounts, "Api Curious", Role.ADMIN);
    Browser browser = browser();
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    assertThat(browser.get("/api/v1/users/" + user.id()).status()).isEqualTo(200);

    api.post("/api/v1/users/" + user.id() + "/disable", "");

    assertThat(browser.get("/api/v1/users/" + user.id()).status()).isEqualTo(401);
  }

  @Test
  void aRoleTakenAwayNoLongerOpensTheApiFromAnOpenSession() {
    StaffUser user = StaffFixture.create(accounts, "Demoted Soon", Role.ADMIN);
    Browser browser = browser();
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    assertThat(browser.get("/api/v1/users").status()).isEqualTo(200);

    api.put(
        "/api/v1/users/" + user.id(),
        Map.of("displayName", user.displayName(), "roles", Set.of("FRONT_DESK")));

    assertThat(browser.get("/api/v1/users").status()).isEqualTo(403);
    assertThat(browser.get("/app").body()).contains("front desk").doesNotContain("administrator");
  }

  @Test
  void theSignInPageSpeaksTheBrowsersLanguageUntilAnotherIsChosen() {
    Browser french = browser().header("Accept-Language", "fr-FR,fr;q=0.9");

    assertThat(french.get("/login").body()).contains("Se connecter à Accueil", "lang=\"fr\"");

    var italian = french.get("/login?lang=it");
    assertThat(italian.body()).contains("Accedi ad Accueil");
    assertThat(italian.all("Set-Cookie")).anyMatch(c -> c.startsWith("accueil-lang=it"));
    assertThat(french.get("/login").body())
        .as("the choice is remembered")
        .contains("Accedi ad Accueil");
    assertThat(french.get("/api/v1/users/" + java.util.UUID.randomUUID()).body())
        .as("the API still follows Accept-Language")
        .contains("Non authentifié");
  }

  @Test
  void onceSignedInPagesSpeakTheAccountsLanguageUnlessAnotherIsChosen() {
    StaffUser user =
        accounts.create(
            new org.accueil.security.NewStaffUser(
                "giulia-" + System.nanoTime() + "@clinic.example",
                "Giulia",
                Set.of(Role.FRONT_DESK),
                null,
                "it",
                StaffFixture.PASSWORD));
    Browser browser = browser().header("Accept-Language", "en");
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);

    assertThat(browser.get("/app").body())
        .contains("Accesso effettuato come Giulia", "accoglienza");
    assertThat(browser.get("/app?lang=fr").body()).contains("Connecté en tant que Giulia");
    assertThat(browser.get("/app").body()).contains("Connecté en tant que Giulia");
  }

  @Test
  void theFailureMessageIsTranslated() {
    StaffUser user = StaffFixture.create(accounts, "Utente Italiano", Role.FRONT_DESK);
    Browser italian = browser().header("Accept-Language", "it");

    var refused = StaffFixture.signIn(italian, user.email(), "password sbagliata");

    assertThat(italian.follow(refused).body())
        .contains("Accesso non riuscito", "attendi 15 minuti");
  }
}
