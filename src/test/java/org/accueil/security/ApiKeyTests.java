package org.accueil.security;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API keys over HTTP: the booking page reads without a key, everything else needs one; keys are
 * created through the API, shown once, scoped, revocable, and only an ADMIN key changes the
 * practice's configuration.
 */
@AccueilTest
class ApiKeyTests {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;

  final String tag = Tags.letters();

  @Test
  void aProtectedCallWithoutAKeyIsUnauthorizedWithABearerChallenge() {
    var refused = api.anonymous().get("/api/v1/appointments");

    assertThatProblem(refused)
        .is(401, "unauthorized")
        .titled("Unauthorized")
        .withDetailContaining("Authorization: Bearer");
    assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer ");
  }

  @Test
  void aConfigurationChangeWithoutAKeyIsUnauthorizedAndWritesNothing() {
    var refused = api.anonymous().post("/api/v1/locations", location());

    assertThatProblem(refused).is(401, "unauthorized");
    assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer ");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void aWrongKeyIsRefusedEvenOnAnOpenEndpoint() {
    Api wrong = api.with("Authorization", "Bearer not-a-key-" + tag);

    for (String open :
        List.of("/api/v1/providers", "/api/v1/appointment-types", "/api/v1/practice")) {
      var refused = wrong.get(open);

      assertThatProblem(refused)
          .as(open)
          .is(401, "unauthorized")
          .withDetailContaining("unknown or has been revoked");
      assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer ");
    }
  }

  @Test
  void anEmptyBearerIsAWrongKeyNotAMissingOne() {
    var refused = api.with("Authorization", "Bearer ").get("/api/v1/providers");

    assertThatProblem(refused).is(401, "unauthorized");
  }

  @Test
  void whatTheBookingPageReadsIsOpenWithoutAKey() {
    Api anonymous = api.anonymous();
    String type = bookableType();

    for (String open :
        List.of(
            "/api/v1/practice",
            "/api/v1/locations",
            "/api/v1/providers",
            "/api/v1/appointment-types",
            "/api/v1/appointment-types/" + type,
            "/api/v1/slots?appointmentType=" + type + "&from=2027-03-01&to=2027-03-05")) {
      var response = anonymous.get(open);
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }
  }

  @Test
  void healthAndTheApiDocumentAreOpenWithoutAKey() {
    var health = api.anonymous().get("/actuator/health");
    var document = api.anonymous().get("/v3/api-docs");

    assertThat(health.status()).as(health.toString()).isEqualTo(200);
    assertThat(health.string("status")).isEqualTo("UP");
    assertThat(document.status()).isEqualTo(200);
    assertThat(document.body().has("openapi")).isTrue();
    assertThat(document.body().get("paths").has("/api/v1/locations")).isTrue();
  }

  @Test
  void theBootstrapAdminKeyChangesTheConfiguration() {
    var created = api.post("/api/v1/locations", location());

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    assertThat(locationsTagged()).isEqualTo(1);
  }

  @Test
  void anIntegrationKeyReadsAppointmentsButCannotChangeTheConfiguration() {
    Api integration =
        api.with("Authorization", "Bearer " + newKey("INTEGRATION", "appointments:read"));

    var appointments = integration.get("/api/v1/appointments");
    var location = integration.post("/api/v1/locations", location());
    var practice = integration.put("/api/v1/practice", Map.of("name", "Taken over " + tag));
    var rooms = integration.get("/api/v1/rooms");

    assertThat(appointments.status()).as(appointments.toString()).isEqualTo(200);
    assertThatProblem(location)
        .is(403, "forbidden")
        .titled("Forbidden")
        .withDetailContaining("does not allow this call");
    assertThatProblem(practice).is(403, "forbidden");
    assertThatProblem(rooms).is(403, "forbidden");
    assertThat(locationsTagged()).isZero();
    assertThat(count("SELECT count(*) FROM practice WHERE name = ?", "Taken over " + tag)).isZero();
  }

  @Test
  void aRevokedKeyIsUnauthorizedAtOnce() {
    var created = api.post("/api/v1/api-keys", keyRequest("INTEGRATION", "appointments:read"));
    Api frontDesk = api.with("Authorization", "Bearer " + created.string("secret"));
    assertThat(frontDesk.get("/api/v1/appointments").status()).isEqualTo(200);

    var revoked = api.delete("/api/v1/api-keys/" + created.string("id"));

    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
    assertThat(revoked.string("revokedAt")).isNotNull();
    assertThat(revoked.string("revokedBy")).startsWith("api-key:");
    assertThatProblem(frontDesk.get("/api/v1/appointments"))
        .is(401, "unauthorized")
        .withDetailContaining("revoked");
    assertThatProblem(frontDesk.get("/api/v1/providers")).is(401, "unauthorized");
  }

  @Test
  void usingAKeyRecordsWhenItWasLastUsed() {
    String secret = newKey("INTEGRATION", "appointments:read");
    assertThat(lastUsed(secret)).isNull();

    assertThat(api.with("Authorization", "Bearer " + secret).get("/api/v1/appointments").status())
        .isEqualTo(200);

    assertThat(lastUsed(secret)).isNotNull();
  }

  @Test
  void aMissingKeyIsExplainedInFrench() {
    var refused = api.anonymous().with("Accept-Language", "fr").get("/api/v1/appointments");

    assertThatProblem(refused)
        .is(401, "unauthorized")
        .titled("Non authentifié")
        .withDetailContaining("nécessite une clé d'API", "Authorization: Bearer");
  }

  @Test
  void aWrongKeyIsExplainedInFrench() {
    var refused =
        api.with("Authorization", "Bearer not-a-key-" + tag)
            .with("Accept-Language", "fr-FR,fr;q=0.9,en;q=0.5")
            .get("/api/v1/providers");

    assertThatProblem(refused)
        .is(401, "unauthorized")
        .withDetailContaining("inconnue ou a été révoquée");
  }

  @Test
  void aForbiddenCallIsExplainedInFrench() {
    var refused =
        api.with("Authorization", "Bearer " + newKey("INTEGRATION", "appointments:read"))
            .with("Accept-Language", "fr")
            .post("/api/v1/locations", location());

    assertThatProblem(refused)
        .is(403, "forbidden")
        .titled("Accès refusé")
        .withDetailContaining("ne permet pas cet appel");
    assertThat(locationsTagged()).isZero();
  }

  @Test
  void aNewKeyIsShownOnceWithAPrefixThatNamesIt() {
    var created = api.post("/api/v1/api-keys", keyRequest("INTEGRATION", "patients:read"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String secret = created.string("secret");
    assertThat(secret).matches("acc_[a-z2-9]{8}_[A-Za-z0-9_-]{43}");
    assertThat(created.string("prefix")).isEqualTo(secret.substring(0, 12));
    assertThat(created.header("Location")).endsWith("/api/v1/api-keys/" + created.string("id"));
    var listed = api.get("/api/v1/api-keys/" + created.string("id"));
    assertThat(listed.body().has("secret")).isFalse();
    assertThat(listed.toString()).doesNotContain(secret.substring(12));
    assertThat(
            count(
                "SELECT count(*) FROM api_key WHERE secret_sha256 = ? AND prefix = ?",
                sha256(secret),
                secret.substring(0, 12)))
        .isEqualTo(1);
  }

  @Test
  void aKeyHoldsOnlyItsScopes() {
    Api reader = api.with("Authorization", "Bearer " + newKey("INTEGRATION", "patients:read"));

    assertThat(reader.get("/api/v1/patients?familyName=Nobody" + tag).status()).isEqualTo(200);
    assertThatProblem(reader.get("/api/v1/appointments")).is(403, "forbidden");
    assertThatProblem(
            reader.post(
                "/api/v1/patients",
                Map.of("givenName", "Ana", "familyName", "Scope" + tag, "birthDate", "1990-01-01")))
        .is(403, "forbidden");
    assertThatProblem(reader.get("/api/v1/api-keys")).is(403, "forbidden");
  }

  @Test
  void aKeyRequestWithAnUnknownScopeOrNoScopeIsRefusedWithTheList() {
    assertThatProblem(api.post("/api/v1/api-keys", keyRequest("INTEGRATION", "everything")))
        .is(422, "unknown-scope")
        .withDetailContaining("\"everything\"", "appointments:read");
    assertThatProblem(api.post("/api/v1/api-keys", keyRequest("INTEGRATION")))
        .is(422, "invalid-api-key")
        .withDetailContaining("at least one scope");
    assertThatProblem(api.post("/api/v1/api-keys", keyRequest("FRONT_DESK", "patients:read")))
        .is(422, "invalid-api-key")
        .withDetailContaining("ADMIN", "INTEGRATION");
    assertThat(count("SELECT count(*) FROM api_key WHERE name LIKE ?", "%" + tag)).isZero();
  }

  @Test
  void anExpiredKeyIsUnauthorized() {
    String secret = newKey("INTEGRATION", "appointments:read");
    jdbc.sql("UPDATE api_key SET expires_at = now() - interval '1 second' WHERE secret_sha256 = ?")
        .params(sha256(secret))
        .update();

    assertThatProblem(api.with("Authorization", "Bearer " + secret).get("/api/v1/appointments"))
        .is(401, "unauthorized");
  }

  // ------------------------------------------------------------------------------- fixtures

  /** A new active key created through the API; its secret. */
  private String newKey(String role, String... scopes) {
    var created = api.post("/api/v1/api-keys", keyRequest(role, scopes));
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.string("secret");
  }

  private Map<String, Object> keyRequest(String role, String... scopes) {
    return Map.of("name", role + " key " + tag, "roles", List.of(role), "scopes", List.of(scopes));
  }

  private OffsetDateTime lastUsed(String secret) {
    return jdbc.sql("SELECT last_used_at FROM api_key WHERE secret_sha256 = ?")
        .params(sha256(secret))
        .query(OffsetDateTime.class)
        .optional()
        .orElse(null);
  }

  private static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> location() {
    return Map.of(
        "name",
        "Site " + tag,
        "timeZone",
        "Europe/Paris",
        "address",
        Map.of("line", tag, "postalCode", "75001", "city", "Paris", "country", "FR"));
  }

  /** An appointment type of a provider of its own, so the slots search has something to search. */
  private String bookableType() {
    var site = api.post("/api/v1/locations", location());
    assertThat(site.status()).as(site.toString()).isEqualTo(201);
    var provider =
        api.post(
            "/api/v1/providers",
            Map.of(
                "givenName",
                "Open",
                "familyName",
                "Door-" + tag,
                "locationIds",
                List.of(site.string("id"))));
    assertThat(provider.status()).as(provider.toString()).isEqualTo(201);
    var type =
        api.post(
            "/api/v1/appointment-types",
            Map.of(
                "code",
                "open-" + tag,
                "names",
                Map.of("fr", "Ouvert " + tag, "en", "Open " + tag, "it", "Aperto " + tag),
                "durationMinutes",
                15,
                "providerIds",
                List.of(provider.string("id"))));
    assertThat(type.status()).as(type.toString()).isEqualTo(201);
    return type.string("id");
  }

  private int locationsTagged() {
    return count("SELECT count(*) FROM location WHERE address_line = ?", tag);
  }

  private int count(String sql, Object... args) {
    return jdbc.sql(sql).params(args).query(Integer.class).single();
  }
}
