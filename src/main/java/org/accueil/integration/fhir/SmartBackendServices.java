package org.accueil.integration.fhir;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * SMART Backend Services (client credentials with a signed JWT assertion,
 * https://hl7.org/fhir/smart-app-launch/backend-services.html): asks the EHR's token endpoint for
 * an access token and keeps it until shortly before it expires.
 *
 * <p>The assertion is signed RS384 with an RSA key or ES384 with an EC P-384 key (the two
 * algorithms the specification requires servers to support), {@code iss} = {@code sub} = the client
 * id, {@code aud} = the token URL, a unique {@code jti}, and an {@code exp} four minutes ahead
 * (servers refuse more than five).
 */
public final class SmartBackendServices {

  static final Duration ASSERTION_LIFETIME = Duration.ofMinutes(4);

  /** A token is replaced this long before it expires, so no call carries one about to lapse. */
  static final Duration EARLY_RENEWAL = Duration.ofSeconds(30);

  private final String clientId;
  private final URI tokenUrl;
  private final String scope;
  private final @Nullable String kid;
  private final PrivateKey key;
  private final JWSAlgorithm algorithm;
  private final HttpClient http;
  private final JsonMapper json;
  private final Clock clock;
  private final Duration timeout;

  private @Nullable Token token;

  record Token(String value, Instant renewAfter) {}

  public SmartBackendServices(
      String clientId,
      URI tokenUrl,
      String scope,
      @Nullable String kid,
      String privateKeyPem,
      JsonMapper json,
      Clock clock,
      Duration timeout) {
    this.clientId = clientId;
    this.tokenUrl = tokenUrl;
    this.scope = scope;
    this.kid = kid;
    this.key = privateKey(privateKeyPem);
    this.algorithm = key instanceof RSAPrivateKey ? JWSAlgorithm.RS384 : JWSAlgorithm.ES384;
    this.json = json;
    this.clock = clock;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /** The current access token, asked for when there is none or it is about to expire. */
  public synchronized String accessToken() {
    Token current = token;
    if (current != null && clock.instant().isBefore(current.renewAfter())) {
      return current.value();
    }
    current = requestToken();
    token = current;
    return current.value();
  }

  /** Forgets the token (the EHR answered 401 with it): the next call asks for a new one. */
  public synchronized void invalidate() {
    token = null;
  }

  /** A new client assertion: what the token endpoint checks. */
  String clientAssertion() {
    Instant now = clock.instant();
    JWSHeader.Builder header = new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT);
    if (kid != null && !kid.isBlank()) {
      header.keyID(kid);
    }
    JWTClaimsSet claims =
        new JWTClaimsSet.Builder()
            .issuer(clientId)
            .subject(clientId)
            .audience(tokenUrl.toString())
            .jwtID(UUID.randomUUID().toString())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ASSERTION_LIFETIME)))
            .build();
    SignedJWT jwt = new SignedJWT(header.build(), claims);
    try {
      jwt.sign(signer());
    } catch (JOSEException e) {
      throw new IllegalStateException("Cannot sign the SMART client assertion: " + e.getMessage());
    }
    return jwt.serialize();
  }

  private JWSSigner signer() throws JOSEException {
    return key instanceof RSAPrivateKey rsa
        ? new RSASSASigner(rsa)
        : new ECDSASigner((ECPrivateKey) key);
  }

  private Token requestToken() {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "client_credentials");
    form.put("scope", scope);
    form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    form.put("client_assertion", clientAssertion());
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(tokenUrl)
            .timeout(timeout)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new TokenUnavailable("The EHR's token endpoint did not answer: " + e, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenUnavailable("Interrupted while asking for a token", true);
    }
    if (response.statusCode() != 200) {
      // 400/401 (invalid_client, a key the EHR does not know) will not mend by itself.
      boolean transientFailure = response.statusCode() >= 500 || response.statusCode() == 429;
      throw new TokenUnavailable(
          "The EHR's token endpoint answered "
              + response.statusCode()
              + ": "
              + abbreviate(response.body()),
          transientFailure);
    }
    JsonNode answer = json.readTree(response.body());
    String value = answer.path("access_token").asString("");
    if (value.isBlank()) {
      throw new TokenUnavailable("The EHR's token endpoint answered without access_token", false);
    }
    long expiresIn = answer.path("expires_in").asLong(300);
    // Renewed 30 s early, or halfway through a token shorter-lived than a minute.
    Duration lifetime = Duration.ofSeconds(expiresIn);
    Duration margin =
        EARLY_RENEWAL.compareTo(lifetime.dividedBy(2)) < 0 ? EARLY_RENEWAL : lifetime.dividedBy(2);
    Instant renewAfter = clock.instant().plus(lifetime).minus(margin);
    return new Token(value, renewAfter);
  }

  private static String abbreviate(String body) {
    return body.length() > 300 ? body.substring(0, 300) + "…" : body;
  }

  /** A PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) RSA or EC key. */
  static PrivateKey privateKey(String pem) {
    if (pem.contains("BEGIN RSA PRIVATE KEY") || pem.contains("BEGIN EC PRIVATE KEY")) {
      throw new IllegalArgumentException(
          "accueil.integration.fhir.auth.private-key must be PKCS#8 (-----BEGIN PRIVATE KEY-----);"
              + " convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem");
    }
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "accueil.integration.fhir.auth.private-key is not a PEM private key");
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : new String[] {"RSA", "EC"}) {
      try {
        PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(spec);
        if (key instanceof ECPrivateKey ec
            && ec.getParams().getCurve().getField().getFieldSize() != 384) {
          throw new IllegalArgumentException(
              "accueil.integration.fhir.auth.private-key: an EC key must be on P-384 (ES384)");
        }
        return key;
      } catch (GeneralSecurityException e) {
        // Not this algorithm; try the next.
      }
    }
    throw new IllegalArgumentException(
        "accueil.integration.fhir.auth.private-key is neither an RSA nor an EC PKCS#8 key");
  }

  /** No token could be had; {@code transientFailure} when trying again later may help. */
  public static final class TokenUnavailable extends RuntimeException {
    private final boolean transientFailure;

    TokenUnavailable(String message, boolean transientFailure) {
      super(message);
      this.transientFailure = transientFailure;
    }

    public boolean transientFailure() {
      return transientFailure;
    }
  }
}
