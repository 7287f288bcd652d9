package org.accueil.security;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Who may call what, over HTTP: the booking page reads without a key, everything else needs one,
 * and only an ADMIN key changes the practice's configuration. Keys other than the bootstrap one are
 * written straight into {@code api_key}, hashed as the application hashes them, because no API
 * creates them yet.
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
    Api integration = api.with("Authorization", "Bearer " + newKey("INTEGRATION"));

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
  void aRevokedKeyIsUnauthorized() {
    String secret = newKey("FRONT_DESK");
    Api frontDesk = api.with("Authorization", "Bearer " + secret);
    assertThat(frontDesk.get("/api/v1/appointments").status()).isEqualTo(200);

    jdbc.sql("UPDATE api_key SET revoked_at = now() WHERE secret_sha256 = ?")
        .params(sha256(secret))
        .update();

    assertThatProblem(frontDesk.get("/api/v1/appointments"))
        .is(401, "unauthorized")
        .withDetailContaining("revoked");
    assertThatProblem(frontDesk.get("/api/v1/providers")).is(401, "unauthorized");
  }

  @Test
  void usingAKeyRecordsWhenItWasLastUsed() {
    String secret = newKey("INTEGRATION");
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
        api.with("Authorization", "Bearer " + newKey("INTEGRATION"))
            .with("Accept-Language", "fr")
            .post("/api/v1/locations", location());

    assertThatProblem(refused)
        .is(403, "forbidden")
        .titled("Accès refusé")
        .withDetailContaining("ne permet pas cet appel");
    assertThat(locationsTagged()).isZero();
  }

  // ------------------------------------------------------------------------------- fixtures

  /** A new active key with {@code role}; its secret. */
  private String newKey(String role) {
    String secret = "test-" + role.toLowerCase() + "-" + UUID.randomUUID();
    jdbc.sql(
            """
            INSERT INTO api_key (id, name, prefix, secret_sha256, roles)
            VALUES (?, ?, ?, ?, ARRAY[?])
            """)
        .params(
            UUID.randomUUID(), role + " key " + tag, secret.substring(0, 4), sha256(secret), role)
        .update();
    return secret;
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
