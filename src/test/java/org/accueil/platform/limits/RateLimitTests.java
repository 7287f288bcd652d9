package org.accueil.platform.limits;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.UUID;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The limits over HTTP, with tiny buckets and behind a (pretend) reverse proxy: the application
 * trusts {@code X-Forwarded-For} from 127.0.0.1, as {@code server.forward-headers-strategy=native}
 * makes it, so each test can call from addresses of its own.
 */
@AccueilTest
@TestPropertySource(
    properties = {
      "accueil.rate-limit.enabled=true",
      "server.forward-headers-strategy=native",
      "accueil.rate-limit.public-reads.burst=3",
      "accueil.rate-limit.public-reads.requests=1",
      "accueil.rate-limit.public-reads.per=1h",
      "accueil.rate-limit.login.burst=2",
      "accueil.rate-limit.login.requests=1",
      "accueil.rate-limit.login.per=1h",
      "accueil.rate-limit.failed-api-keys.burst=2",
      "accueil.rate-limit.failed-api-keys.requests=1",
      "accueil.rate-limit.failed-api-keys.per=1h",
      "accueil.rate-limit.authenticated.burst=5",
      "accueil.rate-limit.authenticated.requests=1",
      "accueil.rate-limit.authenticated.per=1h"
    })
class RateLimitTests {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;

  Api from(Api client, String address) {
    return client.with("X-Forwarded-For", address);
  }

  @Test
  void anAddressThatExceedsThePublicLimitIsToldToWaitWithTheDraftHeaders() {
    Api anonymous = from(api.anonymous(), "203.0.113.10");

    var first = anonymous.get("/api/v1/practice");
    anonymous.get("/api/v1/locations");
    anonymous.get("/api/v1/providers");
    var refused = anonymous.get("/api/v1/appointment-types");

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.header("RateLimit-Policy")).isEqualTo("\"public\";q=3;w=10800");
    assertThat(first.header("RateLimit")).isEqualTo("\"public\";r=2;t=3600");
    assertThatProblem(refused)
        .is(429, "rate-limited")
        .titled("Too many requests")
        .withDetailContaining("3600 seconds");
    assertThat(refused.header("Retry-After")).isEqualTo("3600");
    assertThat(refused.header("RateLimit")).startsWith("\"public\";r=0;");
    assertThat(refused.body().path("retryAfterSeconds").asLong()).isEqualTo(3600);
  }

  @Test
  void theRefusalSaysWhenToRetryInFrenchAndItalian() {
    Api anonymous = from(api.anonymous(), "203.0.113.11");
    for (int i = 0; i < 3; i++) {
      anonymous.get("/api/v1/practice");
    }

    var french = anonymous.with("Accept-Language", "fr").get("/api/v1/practice");
    var italian = anonymous.with("Accept-Language", "it").get("/api/v1/practice");

    assertThatProblem(french)
        .is(429, "rate-limited")
        .titled("Trop de requêtes")
        .withDetailContaining("réessayez dans 3600 secondes");
    assertThatProblem(italian)
        .is(429, "rate-limited")
        .titled("Troppe richieste")
        .withDetailContaining("riprova tra 3600 secondi");
  }

  @Test
  void anotherAddressIsNotSlowedDownByOneThatWasRefused() {
    Api greedy = from(api.anonymous(), "203.0.113.12");
    for (int i = 0; i < 4; i++) {
      greedy.get("/api/v1/practice");
    }

    var neighbour = from(api.anonymous(), "203.0.113.13").get("/api/v1/practice");

    assertThat(greedy.get("/api/v1/practice").status()).isEqualTo(429);
    assertThat(neighbour.status()).isEqualTo(200);
  }

  @Test
  void anApiKeyIsLimitedAsItselfWhateverAddressItCallsFrom() {
    Api key = api.with("Authorization", "Bearer " + newKey());
    for (int i = 0; i < 5; i++) {
      assertThat(from(key, "203.0.113." + (20 + i)).get("/api/v1/patients").status())
          .isEqualTo(200);
    }

    var refused = from(key, "203.0.113.30").get("/api/v1/patients");
    var otherKey =
        from(api.with("Authorization", "Bearer " + newKey()), "203.0.113.30")
            .get("/api/v1/patients");
    var anonymousAtSameAddress = from(api.anonymous(), "203.0.113.30").get("/api/v1/practice");

    assertThatProblem(refused).is(429, "rate-limited");
    assertThat(refused.header("RateLimit-Policy")).startsWith("\"authenticated\";q=5;");
    assertThat(otherKey.status()).isEqualTo(200);
    assertThat(anonymousAtSameAddress.status()).isEqualTo(200);
  }

  @Test
  void wrongApiKeysFromOneAddressAreCutOffBeforeTheKeyIsLookedUp() {
    String guesser = "203.0.113.40";
    Api wrong = from(api.with("Authorization", "Bearer guess-" + UUID.randomUUID()), guesser);

    var firstGuess = wrong.get("/api/v1/patients");
    var secondGuess = wrong.get("/api/v1/practice");
    var thirdGuess = wrong.get("/api/v1/patients");
    var rightKeySameAddress =
        from(api.with("Authorization", "Bearer " + newKey()), guesser).get("/api/v1/patients");
    var rightKeyElsewhere =
        from(api.with("Authorization", "Bearer " + newKey()), "203.0.113.41")
            .get("/api/v1/patients");

    assertThatProblem(firstGuess).is(401, "unauthorized");
    assertThatProblem(secondGuess).is(401, "unauthorized");
    assertThatProblem(thirdGuess)
        .is(429, "rate-limited")
        .withDetailContaining("unknown or revoked API key");
    assertThat(thirdGuess.header("Retry-After")).isEqualTo("3600");
    assertThat(thirdGuess.header("WWW-Authenticate")).isNull();
    assertThat(rightKeySameAddress.status()).isEqualTo(429);
    assertThat(rightKeyElsewhere.status()).isEqualTo(200);
  }

  @Test
  void aValidKeyDoesNotUseUpTheAllowanceForWrongOnes() {
    Api right = from(api.with("Authorization", "Bearer " + newKey()), "203.0.113.50");
    for (int i = 0; i < 5; i++) {
      right.get("/api/v1/patients");
    }

    var wrong =
        from(api.with("Authorization", "Bearer guess-" + UUID.randomUUID()), "203.0.113.50")
            .get("/api/v1/patients");

    assertThatProblem(wrong).is(401, "unauthorized");
  }

  @Test
  void loginAttemptsAreLimitedPerAddressWhateverTheirOutcome() {
    Api browser = from(api.anonymous(), "203.0.113.60");

    var first = browser.post("/login", "{}");
    var second = browser.post("/login/totp", "{}");
    var third = browser.post("/login", "{}");
    var elsewhere = from(api.anonymous(), "203.0.113.61").post("/login", "{}");

    assertThat(first.status()).isNotEqualTo(429);
    assertThat(second.status()).isNotEqualTo(429);
    assertThatProblem(third)
        .is(429, "rate-limited")
        .withDetailContaining("Too many login attempts");
    assertThat(third.header("RateLimit-Policy")).startsWith("\"login\";q=2;");
    assertThat(elsewhere.status()).isNotEqualTo(429);
  }

  @Test
  void healthProbesAreNeverLimited() {
    Api probe = from(api.anonymous(), "203.0.113.70");

    for (int i = 0; i < 10; i++) {
      assertThat(probe.get("/actuator/health").status()).isEqualTo(200);
    }
  }

  /** An ADMIN key of its own, so tests do not share the authenticated bucket. */
  String newKey() {
    String secret = "rate-" + UUID.randomUUID();
    jdbc.sql(
            "INSERT INTO api_key (id, name, prefix, secret_sha256, roles) VALUES (:id, :name,"
                + " 'rate', :hash, '{ADMIN}')")
        .param("id", UUID.randomUUID())
        .param("name", "Rate test " + secret)
        .param("hash", sha256(secret))
        .update();
    return secret;
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
