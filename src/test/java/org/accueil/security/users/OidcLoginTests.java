package org.accueil.security.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.accueil.platform.AuditRecord;
import org.accueil.security.Role;
import org.accueil.security.StaffAccounts;
import org.accueil.security.StaffUser;
import org.accueil.security.users.OidcTestProvider.Identity;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.AuditEvents;
import org.accueil.testing.Browser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signing in through an OpenID Connect provider, end to end: the browser goes to the provider and
 * back, Accueil exchanges the code (with PKCE), checks the RS256 ID token against the provider's
 * keys, reads the roles claim ({@code realm_access.roles}, as Keycloak writes it) and maps it.
 */
@AccueilTest
class OidcLoginTests {

  static final OidcTestProvider provider = new OidcTestProvider();

  @DynamicPropertySource
  static void oidc(DynamicPropertyRegistry registry) {
    registry.add("accueil.security.oidc.issuer-uri", provider::issuer);
    registry.add("accueil.security.oidc.client-id", () -> OidcTestProvider.CLIENT_ID);
    registry.add("accueil.security.oidc.client-secret", () -> OidcTestProvider.CLIENT_SECRET);
    registry.add("accueil.security.oidc.roles-claim", () -> "realm_access.roles");
    registry.add("accueil.security.oidc.role-mapping[accueil-admin]", () -> "ADMIN");
    registry.add("accueil.security.oidc.role-mapping[Accueil.FrontDesk]", () -> "FRONT_DESK");
    registry.add("accueil.security.oidc.role-mapping[accueil-clinician]", () -> "CLINICIAN");
    registry.add("accueil.security.oidc.display-name", () -> "Clinic SSO");
    // Behind a TLS-terminating proxy on the same host, as in production.
    registry.add("server.forward-headers-strategy", () -> "native");
  }

  @AfterAll
  static void stopProvider() {
    provider.close();
  }

  @Autowired Api api;
  @Autowired StaffAccounts accounts;
  @Autowired AuditEvents audit;
  @Autowired JdbcClient jdbc;

  final String tag = UUID.randomUUID().toString().substring(0, 8);

  Browser browser() {
    return new Browser(api.baseUrl());
  }

  /** Clicks the sign-in button and follows the browser through the provider and back. */
  Browser.Page signInThroughTheProvider(Browser browser, Identity identity) {
    provider.nextSignIn(identity);
    var login = browser.get("/login");
    assertThat(login.body()).contains("/oauth2/authorization/oidc");
    var toProvider = browser.get("/oauth2/authorization/oidc");
    assertThat(toProvider.location()).startsWith(provider.issuer() + "/authorize?");
    assertThat(toProvider.location()).contains("code_challenge=", "code_challenge_method=S256");
    return browser.follow(toProvider);
  }

  @Test
  void theSignInPageOffersTheProvidersButton() {
    assertThat(browser().get("/login").body())
        .contains("Sign in with Clinic SSO", "href=\"/oauth2/authorization/oidc\"");
  }

  @Test
  void aFirstSignInCreatesTheAccountWithTheRolesTheClaimsMapTo() {
    String email = "ada-" + tag + "@clinic.example";
    Browser browser = browser();
    browser.get("/login");
    String before = browser.cookie("JSESSIONID");
    int tokens = provider.tokensIssued.get();

    var landed =
        signInThroughTheProvider(
            browser,
            Identity.of(email, true, "Dr Ada " + tag, "accueil-clinician", "offline_access"));

    assertThat(landed.uri().getPath()).isEqualTo("/app");
    assertThat(landed.body()).contains("Signed in as Dr Ada " + tag, "clinician");
    assertThat(provider.tokensIssued.get()).isEqualTo(tokens + 1);
    assertThat(browser.cookie("JSESSIONID")).isNotEqualTo(before);
    StaffUser created =
        accounts.all().stream().filter(u -> u.email().equals(email)).findFirst().orElseThrow();
    assertThat(created.roles()).containsExactly(Role.CLINICIAN);
    assertThat(created.oidcLinked()).isTrue();
    assertThat(created.passwordLogin()).isFalse();
    assertThat(audit.of("user.create", created.id())).hasSize(1);
    AuditRecord success = audit.of("login.success", created.id()).getFirst();
    assertThat(success.refs()).containsEntry("method", "oidc");
    assertThat(success.actor().roles()).containsExactly("CLINICIAN");
  }

  @Test
  void rolesFollowTheClaimsAtEverySignInAndKeysWithCapitalsAndDotsMap() {
    Identity identity =
        Identity.of("bea-" + tag + "@clinic.example", true, "Bea " + tag, "Accueil.FrontDesk");
    signInThroughTheProvider(browser(), identity);
    Identity promoted =
        new Identity(
            identity.subject(),
            identity.email(),
            true,
            identity.name(),
            java.util.Map.of(
                "realm_access",
                java.util.Map.of("roles", List.of("Accueil.FrontDesk", "accueil-admin"))));

    var landed = signInThroughTheProvider(browser(), promoted);

    assertThat(landed.body()).contains("administrator, front desk");
    StaffUser user =
        accounts.all().stream()
            .filter(u -> u.email().equals(identity.email()))
            .findFirst()
            .orElseThrow();
    assertThat(user.roles()).containsExactly(Role.ADMIN, Role.FRONT_DESK);
  }

  @Test
  void anExistingAccountIsLinkedByItsVerifiedAddressAndFoundBySubjectAfterwards() {
    StaffUser existing = StaffFixture.create(accounts, "Carla Linked", Role.FRONT_DESK);
    Identity identity =
        Identity.of(existing.email().toUpperCase(), true, "Carla at the provider", "accueil-admin");

    var landed = signInThroughTheProvider(browser(), identity);

    assertThat(landed.body()).contains("Signed in as " + existing.displayName());
    StaffUser linked = accounts.find(existing.id()).orElseThrow();
    assertThat(linked.oidcLinked()).isTrue();
    assertThat(linked.roles()).containsExactly(Role.ADMIN);
    assertThat(linked.passwordLogin()).as("the password still works too").isTrue();

    Identity renamed =
        new Identity(
            identity.subject(),
            "carla.new-" + tag + "@elsewhere.example",
            false,
            "Carla",
            identity.claims());
    assertThat(signInThroughTheProvider(browser(), renamed).body())
        .contains("Signed in as " + existing.displayName());
  }

  @Test
  void anUnverifiedAddressDoesNotTakeOverAnAccount() {
    StaffUser existing = StaffFixture.create(accounts, "Dora Careful", Role.FRONT_DESK);
    Browser browser = browser();

    var refused =
        signInThroughTheProvider(
            browser, Identity.of(existing.email(), false, "Not Dora", "accueil-admin"));

    assertThat(refused.status()).isEqualTo(200);
    assertThat(refused.body()).contains("not linked to your Clinic SSO identity");
    assertThat(accounts.find(existing.id()).orElseThrow().oidcLinked()).isFalse();
    assertThat(browser.get("/app").redirectPath()).isEqualTo("/login");
  }

  @Test
  void someoneWhoseClaimsMapToNoRoleIsRefusedWithAPageSayingWhy() {
    String email = "eve-" + tag + "@clinic.example";
    Browser browser = browser();

    var refused =
        signInThroughTheProvider(
            browser, Identity.of(email, true, "Eve " + tag, "offline_access", "uma_authorization"));

    assertThat(refused.status()).isEqualTo(200);
    assertThat(refused.uri().getPath()).isEqualTo("/login/refused");
    assertThat(refused.body())
        .contains("Clinic SSO recognised you, but gives you no role in Accueil", "Back to sign-in");
    assertThat(refused.header("Content-Security-Policy")).startsWith("default-src 'self'");
    assertThat(browser.get("/app").redirectPath()).isEqualTo("/login");
    assertThat(accounts.all()).noneMatch(u -> u.email().equals(email));
    assertThat(audit.all())
        .anyMatch(
            r ->
                r.action().equals("login.failure")
                    && "no-role".equals(r.refs().get("reason"))
                    && "oidc".equals(r.refs().get("method")));
  }

  @Test
  void theRefusalPageIsTranslated() {
    Browser french = browser().header("Accept-Language", "fr");

    var refused =
        signInThroughTheProvider(
            french, Identity.of("fanny-" + tag + "@clinic.example", true, "Fanny", "nothing"));

    assertThat(refused.body()).contains("Clinic SSO vous a reconnu, mais ne vous donne aucun rôle");
    assertThat(french.get("/login").body()).contains("Se connecter avec Clinic SSO");
  }

  @Test
  void aDisabledAccountCannotSignInThroughTheProviderEither() {
    StaffUser existing = StaffFixture.create(accounts, "Gus Gone", Role.FRONT_DESK);
    Identity identity = Identity.of(existing.email(), true, "Gus", "Accueil.FrontDesk");
    signInThroughTheProvider(browser(), identity);
    accounts.disable(existing.id());

    var refused = signInThroughTheProvider(browser(), identity);

    assertThat(refused.status()).isEqualTo(200);
    assertThat(refused.body()).contains("Your Accueil account is disabled");
  }

  @Test
  void aForgedCallbackIsRefusedAndAudited() {
    Browser browser = browser();
    browser.get("/login");
    int failures = audit.of("login.failure", null).size();

    var forged = browser.get("/login/oauth2/code/oidc?code=stolen&state=made-up");

    assertThat(forged.redirectPath()).isEqualTo("/login/refused?reason=provider-error");
    assertThat(browser.follow(forged).body()).contains("Sign-in with Clinic SSO did not complete");
    assertThat(audit.of("login.failure", null)).hasSize(failures + 1);
    assertThat(browser.get("/app").redirectPath()).isEqualTo("/login");
  }

  @Test
  void passwordSignInStillWorksNextToTheProvider() {
    StaffUser user = StaffFixture.create(accounts, "Hugo Password", Role.FRONT_DESK);

    assertThat(StaffFixture.signIn(browser(), user.email(), StaffFixture.PASSWORD).redirectPath())
        .isEqualTo("/app");
  }

  @Test
  void behindATlsTerminatingProxyPagesAskForHttpsOnlyAndTheCookieIsSecure() {
    var login = browser().header("X-Forwarded-Proto", "https").get("/login");

    assertThat(login.header("Strict-Transport-Security")).contains("max-age=31536000");
    assertThat(login.all("Set-Cookie"))
        .filteredOn(c -> c.startsWith("JSESSIONID="))
        .singleElement()
        .satisfies(c -> assertThat(c).contains("Secure", "HttpOnly", "SameSite=Lax"));
  }
}
