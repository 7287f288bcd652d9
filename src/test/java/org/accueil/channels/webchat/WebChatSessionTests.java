package org.accueil.channels.webchat;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.Map;
import org.accueil.testing.Api;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A visitor's session: anonymous, continued across page loads, verified by the site's HMAC. */
@WebChatTest
class WebChatSessionTests {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;

  Api visitor;

  @BeforeEach
  void aVisitorWithoutCredentials() {
    visitor = api.anonymous();
  }

  @Test
  void aNewVisitorGetsARandomTokenAndOnlyItsHashIsStored() {
    var opened = visitor.post("/channels/webchat/sessions", Map.of());

    assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
    String token = opened.string("visitorToken");
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(opened.body().path("verified").asBoolean()).isFalse();
    assertThat(opened.header("Cache-Control")).contains("no-store");
    assertThat(sessionsStoredAs(token)).isEqualTo(1);
    assertThat(visitor.post("/channels/webchat/sessions", Map.of()).string("visitorToken"))
        .isNotEqualTo(token);
  }

  @Test
  void aVisitorComingBackContinuesTheirSession() {
    String token = visitor.post("/channels/webchat/sessions", Map.of()).string("visitorToken");

    var again = visitor.post("/channels/webchat/sessions", Map.of("visitorToken", token));

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.string("visitorToken")).isEqualTo(token);
  }

  @Test
  void aMalformedOrUnknownTokenIsReplacedByANewOne() {
    var malformed = visitor.post("/channels/webchat/sessions", Map.of("visitorToken", "abc"));
    var unknown =
        visitor.post(
            "/channels/webchat/sessions", Map.of("visitorToken", VisitorTokens.newToken()));

    assertThat(malformed.status()).isEqualTo(201);
    assertThat(malformed.string("visitorToken")).matches("[A-Za-z0-9_-]{43}");
    assertThat(unknown.status()).isEqualTo(201);
  }

  @Test
  void aSignedInPatientIsVerifiedByTheSitesHmacOfTheirIdentifier() {
    String token = visitor.post("/channels/webchat/sessions", Map.of()).string("visitorToken");

    var verified =
        visitor.post(
            "/channels/webchat/sessions",
            Map.of(
                "visitorToken",
                token,
                "identifier",
                "patient-42",
                "identityHash",
                WebChatIdentityHashTests.T13));

    assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
    assertThat(verified.string("visitorToken")).isEqualTo(token);
    assertThat(verified.body().path("verified").asBoolean()).isTrue();
  }

  @Test
  void aWrongIdentityHashIsRefusedAndTheSessionStaysAnonymous() {
    String token = visitor.post("/channels/webchat/sessions", Map.of()).string("visitorToken");

    var refused =
        visitor.post(
            "/channels/webchat/sessions",
            Map.of(
                "visitorToken",
                token,
                "identifier",
                "patient-43",
                "identityHash",
                WebChatIdentityHashTests.T13));

    assertThatProblem(refused).is(403, "webchat-identity-refused");
    assertThat(
            visitor
                .post("/channels/webchat/sessions", Map.of("visitorToken", token))
                .body()
                .path("verified")
                .asBoolean())
        .isFalse();
  }

  @Test
  void anIdentifierWithoutItsHashIsABadRequest() {
    assertThatProblem(
            visitor.post("/channels/webchat/sessions", Map.of("identifier", "patient-42")))
        .is(400, "invalid-webchat-session");
  }

  @Test
  void theNextPersonOnASharedComputerGetsANewTokenAndNotThePatientsConversation() {
    String patients =
        visitor
            .post(
                "/channels/webchat/sessions",
                Map.of("identifier", "patient-42", "identityHash", WebChatIdentityHashTests.T13))
            .string("visitorToken");

    // The patient signed out: the site's page carries no identity any more.
    var signedOut = visitor.post("/channels/webchat/sessions", Map.of("visitorToken", patients));
    // Another patient signs in on the same browser.
    String other = "patient-" + Tags.letters();
    var otherPatient =
        visitor.post(
            "/channels/webchat/sessions",
            Map.of(
                "visitorToken",
                patients,
                "identifier",
                other,
                "identityHash",
                VisitorTokens.identityHash(WebChatTest.SECRET, other)));

    assertThat(signedOut.status()).isEqualTo(201);
    assertThat(signedOut.string("visitorToken")).isNotEqualTo(patients);
    assertThat(signedOut.body().path("verified").asBoolean()).isFalse();
    assertThat(otherPatient.status()).isEqualTo(201);
    assertThat(otherPatient.string("visitorToken")).isNotEqualTo(patients);
    assertThat(otherPatient.body().path("verified").asBoolean()).isTrue();
  }

  private int sessionsStoredAs(String token) {
    String hash = HexFormat.of().formatHex(VisitorTokens.hash(token));
    return jdbc.sql(
            "SELECT count(*) FROM webchat_session WHERE encode(token_hash, 'hex') = :hash"
                + " AND verified_identifier IS NULL")
        .param("hash", hash)
        .query(Integer.class)
        .single();
  }
}
