package org.accueil.security.users;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.platform.AuditRecord;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.AuditEvents;
import org.accueil.testing.ClinicFixture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Administrators manage staff accounts over the API; no view ever carries a secret. */
@AccueilTest
class StaffUsersApiTests {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired AuditEvents audit;
  @Autowired PracticeAdministration administration;

  final String tag = UUID.randomUUID().toString().substring(0, 8);

  Map<String, Object> user(String local) {
    Map<String, Object> body = new HashMap<>();
    body.put("email", local + "-" + tag + "@clinic.example");
    body.put("displayName", "Camille " + local);
    body.put("roles", List.of("FRONT_DESK"));
    body.put("password", "correct horse battery");
    return body;
  }

  @Test
  void anAdministratorCreatesAUserWhosePasswordIsStoredAsAnArgon2idHash() {
    var created = api.post("/api/v1/users", user("ada"));

    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String id = created.string("id");
    assertThat(created.header("Location")).isEqualTo("/api/v1/users/" + id);
    assertThat(created.string("email")).isEqualTo("ada-" + tag + "@clinic.example");
    assertThat(created.body().get("roles").get(0).asString()).isEqualTo("FRONT_DESK");
    assertThat(created.string("locale")).isEqualTo("en");
    assertThat(created.body().get("passwordLogin").asBoolean()).isTrue();
    assertThat(created.body().get("totpEnabled").asBoolean()).isFalse();
    String hash =
        jdbc.sql("SELECT password_hash FROM staff_user WHERE id = :id::uuid")
            .param("id", id)
            .query(String.class)
            .single();
    assertThat(hash).startsWith("$argon2id$").doesNotContain("correct horse battery");
    assertThat(audit.of("user.create", id)).hasSize(1);
  }

  @Test
  void noViewCarriesTheHashOrTheSecondFactorSecret() {
    String id = api.post("/api/v1/users", user("grace")).string("id");

    for (var response : List.of(api.get("/api/v1/users/" + id), api.get("/api/v1/users"))) {
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.text())
          .doesNotContain("argon2")
          .doesNotContainIgnoringCase("hash")
          .doesNotContainIgnoringCase("secret")
          .doesNotContain("correct horse battery");
    }
    assertThat(api.get("/api/v1/users").text()).contains(id);
  }

  @Test
  void aRetriedCreationWithTheSameIdempotencyKeyCreatesOneUser() {
    Api keyed = api.with("Idempotency-Key", "create-user-" + tag);
    var first = keyed.post("/api/v1/users", user("retry"));
    var again = keyed.post("/api/v1/users", user("retry"));

    assertThat(first.status()).isEqualTo(201);
    assertThat(again.status()).isEqualTo(201);
    assertThat(again.string("id")).isEqualTo(first.string("id"));
    assertThat(
            jdbc.sql("SELECT count(*) FROM staff_user WHERE email = :email")
                .param("email", "retry-" + tag + "@clinic.example")
                .query(Integer.class)
                .single())
        .isEqualTo(1);
    String fingerprint =
        jdbc.sql(
                "SELECT encode(request_fingerprint, 'hex') FROM idempotent_request"
                    + " WHERE idempotency_key = :key")
            .param("key", "create-user-" + tag)
            .query(String.class)
            .single();
    assertThat(fingerprint).isNotBlank();
  }

  @Test
  void anAddressAlreadyTakenInAnyCapitalisationIsAConflict() {
    api.post("/api/v1/users", user("twin"));
    Map<String, Object> same = user("twin");
    same.put("email", ("TWIN-" + tag + "@Clinic.Example"));

    assertThatProblem(api.post("/api/v1/users", same)).is(409, "email-taken").naming("email");
  }

  @Test
  void aPasswordShorterThanTwelveCharactersIsRefusedAndNothingIsWritten() {
    Map<String, Object> body = user("short");
    body.put("password", "elevenchars");

    assertThatProblem(api.post("/api/v1/users", body))
        .is(422, "password-too-short")
        .naming("password")
        .withDetailContaining("12");
    assertThat(usersTagged()).isZero();
  }

  @Test
  void aPasswordEqualToTheEmailAddressIsRefused() {
    Map<String, Object> body = user("same");
    body.put("password", ("SAME-" + tag + "@clinic.example"));

    assertThatProblem(api.post("/api/v1/users", body))
        .is(422, "password-is-email")
        .naming("password");
  }

  @Test
  void theIntegrationRoleIsForApiKeysNotPeople() {
    Map<String, Object> body = user("robot");
    body.put("roles", List.of("FRONT_DESK", "INTEGRATION"));

    assertThatProblem(api.post("/api/v1/users", body))
        .is(422, "role-not-for-staff")
        .naming("roles");
    assertThat(usersTagged()).isZero();
  }

  @Test
  void aUserCanOnlyBeLinkedToAProviderThatExists() {
    Map<String, Object> body = user("ghost");
    body.put("roles", List.of("CLINICIAN"));
    body.put("providerId", UUID.randomUUID().toString());

    assertThatProblem(api.post("/api/v1/users", body))
        .is(422, "unknown-provider")
        .naming("providerId");
  }

  @Test
  void missingFieldsAndAnUnknownLanguageAreNamed() {
    var refused =
        api.post(
            "/api/v1/users", Map.of("email", "not-an-address", "roles", List.of(), "locale", "de"));

    assertThatProblem(refused)
        .is(400, "invalid-request")
        .naming("email")
        .naming("displayName")
        .naming("roles")
        .naming("locale");
  }

  @Test
  void theProblemsAreExplainedInFrenchAndItalian() {
    Map<String, Object> body = user("langue");
    body.put("password", "court");

    assertThatProblem(api.with("Accept-Language", "fr").post("/api/v1/users", body))
        .is(422, "password-too-short")
        .titled("Mot de passe trop court")
        .withDetailContaining("au moins 12 caractères");
    assertThatProblem(api.with("Accept-Language", "it").post("/api/v1/users", body))
        .is(422, "password-too-short")
        .titled("Password troppo corta")
        .withDetailContaining("almeno 12 caratteri");
  }

  @Test
  void anAdministratorChangesRolesProviderNameAndLanguage() {
    ClinicFixture clinic = ClinicFixture.create(administration);
    String id = api.post("/api/v1/users", user("marc")).string("id");

    var changed =
        api.put(
            "/api/v1/users/" + id,
            Map.of(
                "displayName",
                "Dr Marc " + tag,
                "roles",
                List.of("CLINICIAN"),
                "providerId",
                clinic.provider.id().toString(),
                "locale",
                "fr"));

    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(changed.string("displayName")).isEqualTo("Dr Marc " + tag);
    assertThat(changed.body().get("roles").get(0).asString()).isEqualTo("CLINICIAN");
    assertThat(changed.string("providerId")).isEqualTo(clinic.provider.id().toString());
    assertThat(changed.string("locale")).isEqualTo("fr");
    assertThat(changed.string("email")).isEqualTo("marc-" + tag + "@clinic.example");
    AuditRecord update = audit.of("user.update", id).getFirst();
    assertThat(update.refs()).containsEntry("roles", "CLINICIAN");
    assertThat(update.refs()).containsEntry("provider", clinic.provider.id().toString());
  }

  @Test
  void disablingEnablingResettingAndUnlockingAreAuditedAndShowInTheView() {
    String id = api.post("/api/v1/users", user("cycle")).string("id");

    var disabled = api.post("/api/v1/users/" + id + "/disable", "");
    assertThat(disabled.status()).as(disabled.toString()).isEqualTo(200);
    assertThat(disabled.body().get("disabledAt").isNull()).isFalse();

    var enabled = api.post("/api/v1/users/" + id + "/enable", "");
    assertThat(enabled.body().get("disabledAt").isNull()).isTrue();

    jdbc.sql(
            "UPDATE staff_user SET failed_attempts = 3, locked_until = now() + interval '1 hour'"
                + " WHERE id = :id::uuid")
        .param("id", id)
        .update();
    var unlocked = api.post("/api/v1/users/" + id + "/unlock", "");
    assertThat(unlocked.body().get("lockedUntil").isNull()).isTrue();
    assertThat(unlocked.body().get("failedAttempts").asInt()).isZero();

    String before = hashOf(id);
    var reset =
        api.post("/api/v1/users/" + id + "/password", Map.of("password", "a brand new passphrase"));
    assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
    assertThat(hashOf(id)).startsWith("$argon2id$").isNotEqualTo(before);

    for (String action :
        List.of("user.disable", "user.enable", "user.unlock", "user.password-reset")) {
      assertThat(audit.of(action, id)).as(action).hasSize(1);
    }
  }

  @Test
  void anAdministratorTurnsOffTheSecondFactorOfSomeoneWhoLostTheirPhone() {
    String id = api.post("/api/v1/users", user("lost")).string("id");
    jdbc.sql("UPDATE staff_user SET totp_secret = :secret WHERE id = :id::uuid")
        .param("secret", Totp.newSecret())
        .param("id", id)
        .update();
    assertThat(api.get("/api/v1/users/" + id).body().get("totpEnabled").asBoolean()).isTrue();

    var reset = api.delete("/api/v1/users/" + id + "/totp");

    assertThat(reset.status()).as(reset.toString()).isEqualTo(200);
    assertThat(reset.body().get("totpEnabled").asBoolean()).isFalse();
    assertThat(audit.of("user.totp-disable", id).getFirst().refs())
        .containsEntry("by", "administrator");
  }

  @Test
  void aResetPasswordFollowsThePolicyToo() {
    String id = api.post("/api/v1/users", user("policy")).string("id");

    assertThatProblem(api.post("/api/v1/users/" + id + "/password", Map.of("password", "short")))
        .is(422, "password-too-short");
  }

  @Test
  void anUnknownUserIsNotFound() {
    UUID nobody = UUID.randomUUID();

    assertThatProblem(api.get("/api/v1/users/" + nobody))
        .is(404, "not-found")
        .withDetailContaining("no staff user with id " + nobody);
    assertThatProblem(api.post("/api/v1/users/" + nobody + "/disable", "")).is(404, "not-found");
  }

  @Test
  void withoutAnAdministratorKeyTheUserApiIsClosed() {
    assertThatProblem(api.anonymous().get("/api/v1/users")).is(401, "unauthorized");
    assertThatProblem(api.anonymous().post("/api/v1/users", user("anon"))).is(401, "unauthorized");
    assertThat(usersTagged()).isZero();
  }

  private String hashOf(String id) {
    return jdbc.sql("SELECT password_hash FROM staff_user WHERE id = :id::uuid")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private int usersTagged() {
    return jdbc.sql("SELECT count(*) FROM staff_user WHERE email LIKE :pattern")
        .param("pattern", "%-" + tag + "@clinic.example")
        .query(Integer.class)
        .single();
  }
}
