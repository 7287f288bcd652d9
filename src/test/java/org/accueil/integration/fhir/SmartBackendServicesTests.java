package org.accueil.integration.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMART Backend Services against a token endpoint that checks what a real one checks: the client
 * assertion's signature with the registered public key, {@code iss} = {@code sub} = the client id,
 * {@code aud} = the token URL, an {@code exp} at most five minutes ahead, a {@code jti} never seen
 * before, and the form's grant and assertion types.
 */
class SmartBackendServicesTests {

  private static final String CLIENT_ID = "accueil-test-client";

  private HttpServer server;
  private URI tokenUrl;
  private final TestClock clock = new TestClock();
  private final JsonMapper json = JsonMapper.builder().build();
  private final List<String> refusals = new CopyOnWriteArrayList<>();
  private final List<String> fhirAuthorizations = new CopyOnWriteArrayList<>();
  private final Set<String> seenJti = new HashSet<>();
  private JWSVerifier verifier;
  private JWSAlgorithm expectedAlgorithm;
  private int issued;
  private int expiresIn = 300;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/token", this::token);
    server.createContext("/fhir/metadata", this::metadata);
    server.start();
    tokenUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void signsTheAssertionWithRs384AndKeepsTheTokenUntilItIsAboutToExpire() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    verifier = new RSASSAVerifier((RSAPublicKey) keys.getPublic());
    expectedAlgorithm = JWSAlgorithm.RS384;
    clock.set(Instant.parse("2026-12-07T09:00:00Z"));
    var smart = smart(pem(keys));

    assertThat(smart.accessToken()).isEqualTo("token-1");
    assertThat(smart.accessToken()).as("cached").isEqualTo("token-1");
    assertThat(issued).isEqualTo(1);

    clock.advance(Duration.ofSeconds(300 - 31));
    assertThat(smart.accessToken()).as("still valid for 31 s").isEqualTo("token-1");
    clock.advance(Duration.ofSeconds(2));
    assertThat(smart.accessToken()).as("renewed 30 s before it expires").isEqualTo("token-2");
    assertThat(refusals).isEmpty();
    assertThat(seenJti).hasSize(2);
  }

  @Test
  void signsWithEs384WhenTheKeyIsOnP384() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp384r1"));
    KeyPair keys = generator.generateKeyPair();
    verifier = new ECDSAVerifier((ECPublicKey) keys.getPublic());
    expectedAlgorithm = JWSAlgorithm.ES384;
    var smart = smart(pem(keys));

    assertThat(smart.accessToken()).isEqualTo("token-1");
    assertThat(refusals).isEmpty();
  }

  @Test
  void refusesAnEcKeyOnAnotherCurveAndAPkcs1Key() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    String p256 = pem(generator.generateKeyPair());
    assertThatThrownBy(() -> SmartBackendServices.privateKey(p256)).hasMessageContaining("P-384");
    assertThatThrownBy(
            () ->
                SmartBackendServices.privateKey(
                    "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----"))
        .hasMessageContaining("PKCS#8");
  }

  @Test
  void aTokenEndpointRefusalIsNotRetriedAsIfTheEhrWereDown() throws Exception {
    KeyPair registered = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    KeyPair other = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    verifier = new RSASSAVerifier((RSAPublicKey) registered.getPublic());
    expectedAlgorithm = JWSAlgorithm.RS384;
    var smart = smart(pem(other));

    assertThatThrownBy(smart::accessToken)
        .isInstanceOfSatisfying(
            SmartBackendServices.TokenUnavailable.class,
            e -> assertThat(e.transientFailure()).isFalse())
        .hasMessageContaining("401");
  }

  @Test
  void theFhirClientSendsTheTokenAndAsksForANewOneAfterA401() throws Exception {
    KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    verifier = new RSASSAVerifier((RSAPublicKey) keys.getPublic());
    expectedAlgorithm = JWSAlgorithm.RS384;
    var properties =
        FhirConnectorTestProperties.with(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/fhir"),
            new FhirConnectorProperties.Auth(
                FhirConnectorProperties.AuthMode.SMART_BACKEND_SERVICES,
                null,
                null,
                null,
                CLIENT_ID,
                tokenUrl,
                pem(keys),
                "key-1",
                "system/Appointment.cruds"));
    FhirEhr ehr = new FhirEhr(properties, json, clock);

    ehr.capabilities();
    assertThat(fhirAuthorizations).containsExactly("Bearer token-1");

    // The EHR revoked the token: its 401 makes the next call fetch a new one.
    revokeNextCall = true;
    ehr.forgetCapabilities();
    // Refused: what the EHR said it supports last time still holds meanwhile.
    assertThat(ehr.capabilities()).isNotNull();
    ehr.forgetCapabilities();
    ehr.capabilities();
    assertThat(fhirAuthorizations)
        .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
  }

  private volatile boolean revokeNextCall;

  private SmartBackendServices smart(String pem) {
    return new SmartBackendServices(
        CLIENT_ID,
        tokenUrl,
        "system/Appointment.rs",
        "key-1",
        pem,
        json,
        clock,
        Duration.ofSeconds(5));
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    List<String> problems = new ArrayList<>();
    if (!"client_credentials".equals(form.get("grant_type"))) {
      problems.add("grant_type");
    }
    if (!"urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
        .equals(form.get("client_assertion_type"))) {
      problems.add("client_assertion_type");
    }
    try {
      SignedJWT jwt = SignedJWT.parse(form.get("client_assertion"));
      if (!jwt.getHeader().getAlgorithm().equals(expectedAlgorithm)) {
        problems.add("alg " + jwt.getHeader().getAlgorithm());
      }
      if (!"key-1".equals(jwt.getHeader().getKeyID())) {
        problems.add("kid");
      }
      if (!jwt.verify(verifier)) {
        respond(exchange, 401, "{\"error\":\"invalid_client\"}");
        return;
      }
      var claims = jwt.getJWTClaimsSet();
      if (!CLIENT_ID.equals(claims.getIssuer()) || !CLIENT_ID.equals(claims.getSubject())) {
        problems.add("iss/sub");
      }
      if (!List.of(tokenUrl.toString()).equals(claims.getAudience())) {
        problems.add("aud " + claims.getAudience());
      }
      Instant exp = claims.getExpirationTime().toInstant();
      if (exp.isAfter(clock.instant().plus(Duration.ofMinutes(5)))
          || !exp.isAfter(clock.instant())) {
        problems.add("exp");
      }
      if (claims.getJWTID() == null || !seenJti.add(claims.getJWTID())) {
        problems.add("jti reused");
      }
    } catch (Exception e) {
      problems.add(e.toString());
    }
    if (!problems.isEmpty()) {
      refusals.addAll(problems);
      respond(exchange, 400, "{\"error\":\"invalid_request\"}");
      return;
    }
    issued++;
    respond(
        exchange,
        200,
        "{\"access_token\":\"token-"
            + issued
            + "\",\"token_type\":\"bearer\",\"expires_in\":"
            + expiresIn
            + ",\"scope\":\"system/Appointment.rs\"}");
  }

  private void metadata(HttpExchange exchange) throws IOException {
    fhirAuthorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
    if (revokeNextCall) {
      revokeNextCall = false;
      respond(
          exchange,
          401,
          "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":"
              + "\"error\",\"code\":\"login\",\"diagnostics\":\"token revoked\"}]}");
      return;
    }
    respond(
        exchange,
        200,
        "{\"resourceType\":\"CapabilityStatement\",\"status\":\"active\",\"date\":\"2026-12-01\","
            + "\"kind\":\"instance\",\"fhirVersion\":\"4.0.1\",\"format\":[\"json\"],"
            + "\"rest\":[{\"mode\":\"server\"}]}");
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  private static String pem(KeyPair keys) {
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(keys.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n";
  }
}
