package org.accueil.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.platform.Scope;
import org.accueil.security.internal.ApiKeyRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and revokes API keys. A key reads {@code acc_<8 characters>_<43 characters>}: the first
 * twelve characters are its prefix, kept in clear so people can tell their keys apart; the whole
 * key is shown once, when it is created, and only its SHA-256 is stored.
 */
@Service
public class ApiKeys {

  /** What an administrator sees of a key: never the secret. */
  public record KeyView(
      UUID id,
      String name,
      String prefix,
      List<Role> roles,
      List<String> scopes,
      boolean bootstrap,
      @Nullable Instant createdAt,
      @Nullable String createdBy,
      @Nullable Instant expiresAt,
      @Nullable Instant revokedAt,
      @Nullable String revokedBy,
      @Nullable Instant lastUsedAt) {}

  /** A new key with its secret, which is shown this once. */
  public record IssuedKey(KeyView key, String secret) {}

  /**
   * @param roles ADMIN (every scope) or INTEGRATION (only {@code scopes})
   */
  public record NewKey(
      String name, List<Role> roles, List<String> scopes, @Nullable Instant expiresAt) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

  private final ApiKeyRepository keys;
  private final Audit audit;
  private final Clock clock;

  ApiKeys(ApiKeyRepository keys, Audit audit, Clock clock) {
    this.keys = keys;
    this.audit = audit;
    this.clock = clock;
  }

  @Transactional
  public IssuedKey issue(NewKey request) {
    String name = request.name() == null ? "" : request.name().strip();
    if (name.isEmpty() || name.length() > 100) {
      throw invalid("name", "Give the key a name of 1 to 100 characters, e.g. \"EHR connector\".");
    }
    if (request.roles().stream().anyMatch(java.util.Objects::isNull)) {
      throw invalid(
          "roles",
          "An API key has exactly one role: ADMIN (everything) or INTEGRATION (only its scopes).");
    }
    var roles = List.copyOf(new LinkedHashSet<>(request.roles()));
    if (roles.isEmpty()
        || !Role.ADMIN.equals(roles.getFirst()) && !Role.INTEGRATION.equals(roles.getFirst())
        || roles.size() > 1) {
      throw invalid(
          "roles",
          "An API key has exactly one role: ADMIN (everything) or INTEGRATION (only its scopes).");
    }
    for (String scope : request.scopes()) {
      if (scope == null || !Scope.ALL.contains(scope)) {
        throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-scope")
            .detail(
                "\"{0}\" is not a scope; the scopes are {1}.", scope, String.join(", ", Scope.ALL))
            .with("field", "scopes")
            .build();
      }
    }
    var scopes = List.copyOf(new LinkedHashSet<>(request.scopes()));
    if (roles.contains(Role.INTEGRATION) && scopes.isEmpty()) {
      throw invalid(
          "scopes", "An INTEGRATION key needs at least one scope, e.g. appointments:read.");
    }
    Instant now = clock.instant();
    if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
      throw invalid("expiresAt", "The expiry must be in the future.");
    }
    UUID id = Ids.newId();
    String secret = newSecret();
    String prefix = secret.substring(0, 12);
    String by = Actor.current().reference();
    keys.insert(id, name, prefix, secret, roles, scopes, request.expiresAt(), by, now);
    audit.success("api-key.create", "api-key", id);
    return new IssuedKey(keys.find(id).orElseThrow(), secret);
  }

  public List<KeyView> list(boolean includeRevoked) {
    return keys.list(includeRevoked);
  }

  public Optional<KeyView> find(UUID id) {
    return keys.find(id);
  }

  /** Revoked at once, on every node: each call looks its key up in the database. */
  @Transactional
  public KeyView revoke(UUID id) {
    keys.find(id).orElseThrow(() -> ProblemException.notFound("api-key", id));
    keys.revoke(id, Actor.current().reference(), clock.instant());
    audit.success("api-key.revoke", "api-key", id);
    return keys.find(id).orElseThrow();
  }

  private static String newSecret() {
    var head = new StringBuilder("acc_");
    for (int i = 0; i < 8; i++) {
      head.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    byte[] body = new byte[32];
    RANDOM.nextBytes(body);
    return head.append('_')
        .append(Base64.getUrlEncoder().withoutPadding().encodeToString(body))
        .toString();
  }

  private static ProblemException invalid(String field, String english) {
    return ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-api-key")
        .messageCode("problem.invalid-api-key." + field.toLowerCase(Locale.ROOT))
        .detail(english)
        .with("field", field)
        .build();
  }
}
