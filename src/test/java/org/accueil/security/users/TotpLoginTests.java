package org.accueil.security.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.security.Role;
import org.accueil.security.StaffAccounts;
import org.accueil.security.StaffUser;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.AuditEvents;
import org.accueil.testing.Browser;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two-step sign-in: a user turns it on from their account page with an authenticator app's code;
 * from then on a right password leads to the code step, and only a fresh, right code opens the
 * session.
 */
@AccueilTest
class TotpLoginTests {

  private static final Pattern SECRET =
      Pattern.compile("<code class=\"secret\">([A-Z2-7 ]+)</code>");

  @Autowired Api api;
  @Autowired StaffAccounts accounts;
  @Autowired AuditEvents audit;
  @Autowired TestClock clock;
  @Autowired JdbcClient jdbc;
  @Autowired FieldCipher cipher;

  @BeforeEach
  void aFixedMoment() {
    clock.set(Instant.parse("2026-03-02T10:00:05Z"));
  }

  @AfterEach
  void realTimeAgain() {
    clock.reset();
  }

  Browser browser() {
    return new Browser(api.baseUrl());
  }

  String code(byte[] secret) {
    return Totp.code(secret, Totp.step(clock.instant()));
  }

  /** Signs in, turns two-step sign-in on through the account page, signs out; the secret. */
  byte[] enrol(StaffUser user) {
    Browser browser = browser();
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    assertThat(browser.get("/account/totp").body()).contains("Two-step sign-in is off");
    var shown = browser.follow(browser.submit("/account/totp/setup", Map.of()));
    Matcher key = SECRET.matcher(shown.body());
    assertThat(key.find()).as(shown.body()).isTrue();
    byte[] secret = Base32.decode(key.group(1));
    assertThat(shown.body()).contains("otpauth://totp/Accueil:");

    var enabled = browser.submit("/account/totp/confirm", Map.of("code", code(secret)));
    assertThat(enabled.redirectPath()).isEqualTo("/account/totp?done=enabled");
    assertThat(browser.follow(enabled).body()).contains("Two-step sign-in is now on.");
    browser.submit("/logout", Map.of());
    clock.advance(Duration.ofSeconds(30));
    return secret;
  }

  @Test
  void aUserTurnsTwoStepSignInOnWithACodeFromTheirApp() {
    StaffUser user = StaffFixture.create(accounts, "Enrolling", Role.FRONT_DESK);

    byte[] secret = enrol(user);

    assertThat(accounts.find(user.id()).orElseThrow().totpEnabled()).isTrue();
    byte[] stored =
        jdbc.sql("SELECT totp_secret FROM staff_user WHERE id = :id")
            .param("id", user.id())
            .query(byte[].class)
            .single();
    assertThat(stored).as("sealed, not the secret").isNotEqualTo(secret);
    assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain(Base32.encode(secret));
    assertThat(cipher.decrypt(stored, "user.totp-secret")).isEqualTo(Base32.encode(secret));
    assertThat(audit.of("user.totp-enable", user.id())).hasSize(1);
    assertThat(api.get("/api/v1/users/" + user.id()).body().get("totpEnabled").asBoolean())
        .isTrue();
  }

  @Test
  void aWrongCodeDoesNotTurnItOn() {
    StaffUser user = StaffFixture.create(accounts, "Mistyping", Role.FRONT_DESK);
    Browser browser = browser();
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    browser.get("/account/totp");
    browser.follow(browser.submit("/account/totp/setup", Map.of()));

    var refused = browser.submit("/account/totp/confirm", Map.of("code", "000000"));

    assertThat(refused.redirectPath()).isEqualTo("/account/totp?error");
    assertThat(browser.follow(refused).body()).contains("This code is not right");
    assertThat(accounts.find(user.id()).orElseThrow().totpEnabled()).isFalse();
  }

  @Test
  void afterThePasswordTheSessionIsNotSignedInUntilTheCodeIsChecked() {
    StaffUser user = StaffFixture.create(accounts, "Two Steps", Role.FRONT_DESK);
    byte[] secret = enrol(user);
    Browser browser = browser();
    browser.get("/login");
    String atStart = browser.cookie("JSESSIONID");
    int successes = audit.of("login.success", user.id()).size();

    var password =
        browser.submit("/login", Map.of("email", user.email(), "password", StaffFixture.PASSWORD));
    assertThat(password.redirectPath()).isEqualTo("/login/totp");
    String afterPassword = browser.cookie("JSESSIONID");
    assertThat(afterPassword).isNotEqualTo(atStart);
    assertThat(browser.get("/app").redirectPath()).as("not signed in yet").isEqualTo("/login");
    assertThat(audit.of("login.success", user.id())).hasSize(successes);

    var step = browser.get("/login/totp");
    assertThat(step.status()).isEqualTo(200);
    assertThat(step.body()).contains("Enter the 6-digit code");
    var signedIn = browser.submit("/login/totp", Map.of("code", code(secret)));

    assertThat(signedIn.redirectPath()).startsWith("/app");
    assertThat(browser.cookie("JSESSIONID")).isNotEqualTo(afterPassword);
    assertThat(browser.get("/app").body()).contains("Signed in as " + user.displayName());
    assertThat(audit.of("login.success", user.id()).getLast().refs())
        .containsEntry("method", "totp");
  }

  @Test
  void aWrongCodeIsRefusedAndAuditedAndTheNextRightOneStillWorks() {
    StaffUser user = StaffFixture.create(accounts, "Fat Fingers", Role.FRONT_DESK);
    byte[] secret = enrol(user);
    Browser browser = browser();
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    browser.get("/login/totp");
    String right = code(secret);
    String wrong = right.equals("123456") ? "654321" : "123456";

    var refused = browser.submit("/login/totp", Map.of("code", wrong));

    assertThat(refused.redirectPath()).isEqualTo("/login/totp?error");
    assertThat(browser.follow(refused).body())
        .contains("This code is not right or was already used");
    assertThat(audit.of("login.totp-failure", user.id()).getLast().refs())
        .containsEntry("reason", "wrong-code");
    assertThat(browser.get("/app").redirectPath()).isEqualTo("/login");
    assertThat(browser.submit("/login/totp", Map.of("code", right)).redirectPath())
        .startsWith("/app");
  }

  @Test
  void aCodeThatAlreadySignedSomeoneInIsNotAcceptedAgain() {
    StaffUser user = StaffFixture.create(accounts, "Shoulder Surfed", Role.FRONT_DESK);
    byte[] secret = enrol(user);
    String seen = code(secret);
    Browser first = browser();
    StaffFixture.signIn(first, user.email(), StaffFixture.PASSWORD);
    first.get("/login/totp");
    assertThat(first.submit("/login/totp", Map.of("code", seen)).redirectPath()).startsWith("/app");

    Browser attacker = browser();
    StaffFixture.signIn(attacker, user.email(), StaffFixture.PASSWORD);
    attacker.get("/login/totp");
    var replayed = attacker.submit("/login/totp", Map.of("code", seen));

    assertThat(replayed.redirectPath()).isEqualTo("/login/totp?error");
    assertThat(audit.of("login.totp-failure", user.id()).getLast().refs())
        .containsEntry("reason", "replayed-code");
    assertThat(attacker.get("/app").redirectPath()).isEqualTo("/login");
  }

  @Test
  void theCodeThatTurnedItOnCannotSignIn() {
    StaffUser user = StaffFixture.create(accounts, "Quick Return", Role.FRONT_DESK);
    byte[] secret = enrol(user);
    clock.advance(Duration.ofSeconds(-30));
    String enrolmentCode = code(secret);
    Browser browser = browser();
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    browser.get("/login/totp");

    assertThat(browser.submit("/login/totp", Map.of("code", enrolmentCode)).redirectPath())
        .isEqualTo("/login/totp?error");
  }

  @Test
  void theCodeStepWaitsFiveMinutesAtMost() {
    StaffUser user = StaffFixture.create(accounts, "Coffee Break", Role.FRONT_DESK);
    byte[] secret = enrol(user);
    Browser browser = browser();
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    browser.get("/login/totp");

    clock.advance(Duration.ofMinutes(5).plusSeconds(1));
    var late = browser.submit("/login/totp", Map.of("code", code(secret)));

    assertThat(late.redirectPath()).isEqualTo("/login?error");
    assertThat(audit.of("login.totp-failure", user.id()).getLast().refs())
        .containsEntry("reason", "expired");
    assertThat(browser.get("/login/totp").redirectPath()).isEqualTo("/login");
  }

  @Test
  void wrongCodesCountTowardsTheLockout() {
    StaffUser user = StaffFixture.create(accounts, "Code Guesser", Role.FRONT_DESK);
    byte[] secret = enrol(user);
    Browser browser = browser();
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    browser.get("/login/totp");
    String right = code(secret);
    for (int i = 0; i < 4; i++) {
      String guess = String.format("%06d", i);
      if (!guess.equals(right)) {
        browser.submit("/login/totp", Map.of("code", guess));
      }
    }
    var fifth =
        browser.submit("/login/totp", Map.of("code", right.equals("999999") ? "999998" : "999999"));

    assertThat(fifth.redirectPath()).isEqualTo("/login?error");
    assertThat(audit.of("login.locked", user.id())).hasSize(1);
    assertThat(StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD).redirectPath())
        .isEqualTo("/login?error");
  }

  @Test
  void theCodeStepNeedsAPasswordFirstAndItsCsrfToken() {
    StaffUser user = StaffFixture.create(accounts, "Skipping Ahead", Role.FRONT_DESK);
    enrol(user);
    Browser browser = browser();
    assertThat(browser.get("/login/totp").redirectPath()).isEqualTo("/login");

    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    assertThat(browser.post("/login/totp", Map.of("code", "123456")).status()).isEqualTo(403);
  }

  @Test
  void aUserTurnsItOffWithACurrentCode() {
    StaffUser user = StaffFixture.create(accounts, "Opting Out", Role.FRONT_DESK);
    byte[] secret = enrol(user);
    Browser browser = browser();
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    browser.get("/login/totp");
    browser.submit("/login/totp", Map.of("code", code(secret)));
    clock.advance(Duration.ofSeconds(30));
    assertThat(browser.get("/account/totp").body()).contains("Two-step sign-in is on");

    var wrong = browser.submit("/account/totp/disable", Map.of("code", "000000"));
    assertThat(wrong.redirectPath()).isEqualTo("/account/totp?error");
    browser.get("/account/totp");
    var off = browser.submit("/account/totp/disable", Map.of("code", code(secret)));

    assertThat(off.redirectPath()).isEqualTo("/account/totp?done=disabled");
    assertThat(audit.of("user.totp-disable", user.id()))
        .extracting(r -> r.outcome().name())
        .containsExactly("FAILED", "SUCCESS");
    browser.submit("/logout", Map.of());
    assertThat(StaffFixture.signIn(browser(), user.email(), StaffFixture.PASSWORD).redirectPath())
        .isEqualTo("/app");
  }
}
