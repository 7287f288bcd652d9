package org.accueil.security.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.accueil.security.Role;
import org.accueil.security.StaffAccounts;
import org.accueil.security.StaffUser;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Browser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What every page of the web UI sends so a browser refuses to frame it, sniff it, leak its address
 * or run anything Accueil did not serve; and the session cookie's flags.
 */
@AccueilTest
class WebPagesSecurityTests {

  static final String STRICT =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

  /** A script or style element with content: what the policy would block. */
  static final Pattern INLINE = Pattern.compile("<(script|style)(\\s[^>]*)?>\\s*[^<\\s]");

  @Autowired Api api;
  @Autowired StaffAccounts accounts;

  @Test
  void theSignInTheSignedInAndTheHomePagesCarryTheStrictPolicyAndTheOtherHeaders() {
    StaffUser user = StaffFixture.create(accounts, "Header Reader", Role.FRONT_DESK);
    Browser browser = new Browser(api.baseUrl());
    var login = browser.get("/login");
    var home = browser.get("/");
    StaffFixture.signIn(browser, user.email(), StaffFixture.PASSWORD);
    var app = browser.get("/app");
    var account = browser.get("/account/totp");

    for (var page : List.of(login, home, app, account)) {
      assertThat(page.status()).as(page.uri().toString()).isEqualTo(200);
      assertThat(page.header("Content-Security-Policy"))
          .as(page.uri().toString())
          .isEqualTo(STRICT);
      assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
      assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
      assertThat(page.header("Referrer-Policy")).isEqualTo("same-origin");
      assertThat(page.header("Permissions-Policy")).contains("camera=()", "microphone=()");
      assertThat(page.header("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
      assertThat(page.header("Strict-Transport-Security"))
          .as("HSTS is for HTTPS only; this is plain HTTP")
          .isNull();
      assertThat(INLINE.matcher(page.body()).find())
          .as("no inline script or style on " + page.uri())
          .isFalse();
    }
    assertThat(app.header("Cache-Control")).contains("no-store");
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteLax() {
    var login = new Browser(api.baseUrl()).get("/login");

    String cookie =
        login.all("Set-Cookie").stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie).contains("HttpOnly", "SameSite=Lax").doesNotContain("Secure");
    assertThat(login.body()).doesNotContain("jsessionid");
  }

  @Test
  void swaggerUiStillWorksUnderItsOwnPolicyWhichAllowsInlineStylesButNoInlineScript() {
    Browser browser = new Browser(api.baseUrl());
    var ui = browser.get("/swagger-ui/index.html");

    assertThat(ui.status()).isEqualTo(200);
    String policy = ui.header("Content-Security-Policy");
    assertThat(policy)
        .contains(
            "script-src 'self';", "style-src 'self' 'unsafe-inline';", "frame-ancestors 'none'");
    assertThat(Pattern.compile("<script(\\s[^>]*)?>\\s*[^<\\s]").matcher(ui.body()).find())
        .as("every script of Swagger UI is a file")
        .isFalse();
    for (String asset :
        List.of(
            "/swagger-ui/swagger-ui-bundle.js",
            "/swagger-ui/swagger-ui.css",
            "/swagger-ui/swagger-initializer.js")) {
      assertThat(browser.get(asset).status()).as(asset).isEqualTo(200);
    }
    assertThat(browser.get("/swagger-ui/swagger-initializer.js").body()).contains("/v3/api-docs");
    assertThat(browser.get("/v3/api-docs/swagger-config").status()).isEqualTo(200);
  }

  @Test
  void aCallWithAnApiKeyLeavesNoSessionBehindAndNeedsNoCsrfToken() {
    var created = api.post("/api/v1/users", java.util.Map.of("email", "x"));
    var read = api.get("/api/v1/providers");

    assertThat(created.status()).as("validated, not refused for CSRF").isEqualTo(400);
    for (var response : List.of(created, read)) {
      assertThat(response.header("Set-Cookie"))
          .as("a session would stand for the key, even once it is revoked")
          .isNull();
    }
    assertThat(created.header("Content-Security-Policy")).isNull();
  }
}
