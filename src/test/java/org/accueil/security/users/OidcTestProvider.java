package org.accueil.security.users;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small OpenID Connect provider for the tests, on the JDK's HTTP server: discovery, the
 * authorization endpoint (which "signs in" whoever the test says, at once), the token endpoint
 * (client_secret_basic, single-use codes bound to their redirect URI, PKCE S256 checked), UserInfo
 * and the JWKS. ID tokens are RS256-signed by nimbus-jose-jwt, as a real provider's are.
 */
final class OidcTestProvider implements AutoCloseable {

  static final String CLIENT_ID = "accueil";
  static final String CLIENT_SECRET = "client-secret-for-the-tests";

  /** The person the next authorization request signs in; {@code claims} are added to theirs. */
  record Identity(
      String subject,
      String email,
      boolean emailVerified,
      String name,
      Map<String, Object> claims) {

    static Identity of(String email, boolean verified, String name, String... roles) {
      return new Identity(
          UUID.randomUUID().toString(),
          email,
          verified,
          name,
          Map.of("realm_access", Map.of("roles", List.of(roles))));
    }
  }

  private record Grant(
      Identity identity, String redirectUri, String nonce, @Nullable String challenge) {}

  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpServer server;
  private final RSAKey key;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final Map<String, Identity> accessTokens = new ConcurrentHashMap<>();
  final AtomicInteger tokensIssued = new AtomicInteger();
  private volatile @Nullable Identity next;

  OidcTestProvider() {
    try {
      key = new RSAKeyGenerator(2048).keyID("test-key-1").generate();
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException | JOSEException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/.well-known/openid-configuration", this::discovery);
    server.createContext("/authorize", this::authorize);
    server.createContext("/token", this::token);
    server.createContext("/userinfo", this::userInfo);
    server.createContext("/jwks", this::jwks);
    server.start();
  }

  String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  void nextSignIn(Identity identity) {
    next = identity;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void discovery(HttpExchange exchange) throws IOException {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", issuer());
    document.put("authorization_endpoint", issuer() + "/authorize");
    document.put("token_endpoint", issuer() + "/token");
    document.put("userinfo_endpoint", issuer() + "/userinfo");
    document.put("jwks_uri", issuer() + "/jwks");
    document.put("response_types_supported", List.of("code"));
    document.put("subject_types_supported", List.of("public"));
    document.put("id_token_signing_alg_values_supported", List.of("RS256"));
    document.put("scopes_supported", List.of("openid", "profile", "email"));
    document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
    document.put("grant_types_supported", List.of("authorization_code"));
    document.put("code_challenge_methods_supported", List.of("S256"));
    respond(exchange, 200, document);
  }

  private void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    Identity identity = next;
    if (identity == null
        || !"code".equals(query.get("response_type"))
        || !CLIENT_ID.equals(query.get("client_id"))
        || !String.valueOf(query.get("scope")).contains("openid")
        || query.get("redirect_uri") == null
        || query.get("state") == null
        || query.get("nonce") == null) {
      respond(exchange, 400, Map.of("error", "invalid_request"));
      return;
    }
    String challenge = query.get("code_challenge");
    if (challenge != null && !"S256".equals(query.get("code_challenge_method"))) {
      respond(exchange, 400, Map.of("error", "invalid_request"));
      return;
    }
    String code = UUID.randomUUID().toString();
    codes.put(code, new Grant(identity, query.get("redirect_uri"), query.get("nonce"), challenge));
    String location =
        query.get("redirect_uri")
            + "?code="
            + code
            + "&state="
            + java.net.URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Location", location);
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void token(HttpExchange exchange) throws IOException {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
      respond(exchange, 401, Map.of("error", "invalid_client"));
      return;
    }
    Map<String, String> form =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
    if (!"authorization_code".equals(form.get("grant_type"))
        || grant == null
        || !grant.redirectUri().equals(form.get("redirect_uri"))
        || !pkceHolds(grant, form.get("code_verifier"))) {
      respond(exchange, 400, Map.of("error", "invalid_grant"));
      return;
    }
    String accessToken = UUID.randomUUID().toString();
    accessTokens.put(accessToken, grant.identity());
    tokensIssued.incrementAndGet();
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("access_token", accessToken);
    response.put("token_type", "Bearer");
    response.put("expires_in", 300);
    response.put("scope", "openid profile email");
    response.put("id_token", idToken(grant));
    exchange.getResponseHeaders().add("Cache-Control", "no-store");
    respond(exchange, 200, response);
  }

  /** RFC 7636 section 4.6: BASE64URL(SHA256(code_verifier)) equals the challenge. */
  private static boolean pkceHolds(Grant grant, @Nullable String verifier) {
    if (grant.challenge() == null) {
      return false;
    }
    if (verifier == null) {
      return false;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(digest)
          .equals(grant.challenge());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private String idToken(Grant grant) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer())
            .subject(grant.identity().subject())
            .audience(CLIENT_ID)
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plusSeconds(300)))
            .claim("nonce", grant.nonce())
            .claim("email", grant.identity().email())
            .claim("email_verified", grant.identity().emailVerified())
            .claim("name", grant.identity().name());
    grant.identity().claims().forEach(claims::claim);
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              claims.build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private void userInfo(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    Identity identity =
        authorization == null || !authorization.startsWith("Bearer ")
            ? null
            : accessTokens.get(authorization.substring("Bearer ".length()));
    if (identity == null) {
      respond(exchange, 401, Map.of("error", "invalid_token"));
      return;
    }
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("sub", identity.subject());
    claims.put("email", identity.email());
    claims.put("email_verified", identity.emailVerified());
    claims.put("name", identity.name());
    claims.putAll(identity.claims());
    respond(exchange, 200, claims);
  }

  private void jwks(HttpExchange exchange) throws IOException {
    respond(exchange, 200, new JWKSet(key.toPublicJWK()).toJSONObject());
  }

  private void respond(HttpExchange exchange, int status, Object body) throws IOException {
    byte[] bytes = json.writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private static Map<String, String> form(@Nullable String encoded) {
    Map<String, String> values = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      values.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }
}
