package org.accueil.channels.webchat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code webchat_session} table: visitors by their token's hash. */
@Repository
class WebChatSessions {

  static final String IDENTIFIER = "webchat_session.verified_identifier";

  /** last_seen_at is for housekeeping, not security: a write a minute per visitor is enough. */
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final Clock clock;

  WebChatSessions(JdbcClient jdbc, FieldCipher cipher, Clock clock) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.clock = clock;
  }

  Optional<Visitor> find(String token) {
    if (!VisitorTokens.isWellFormed(token)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return jdbc.sql(
            """
            SELECT verified_identifier, last_seen_at FROM webchat_session WHERE token_hash = :hash
            """)
        .param("hash", VisitorTokens.hash(token))
        .query(
            (rs, n) -> {
              byte[] sealed = rs.getBytes("verified_identifier");
              Instant seen = rs.getTimestamp("last_seen_at").toInstant();
              if (seen.plus(TOUCH_EVERY).isBefore(now)) {
                touch(token, now);
              }
              return new Visitor(token, sealed == null ? null : cipher.decrypt(sealed, IDENTIFIER));
            })
        .optional();
  }

  /** A new session with a new token. */
  Visitor create(@Nullable String verifiedPatient) {
    String token = VisitorTokens.newToken();
    Instant now = clock.instant();
    jdbc.sql(
            """
            INSERT INTO webchat_session (token_hash, verified_identifier, created_at, last_seen_at)
            VALUES (:hash, :identifier, :now, :now)
            """)
        .param("hash", VisitorTokens.hash(token))
        .param("identifier", sealed(verifiedPatient))
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
    return new Visitor(token, verifiedPatient);
  }

  /** Binds an anonymous session to the patient whose identity was just checked. */
  Visitor verify(Visitor visitor, String patient) {
    if (Objects.equals(visitor.verifiedPatient(), patient)) {
      return visitor;
    }
    jdbc.sql(
            "UPDATE webchat_session SET verified_identifier = :identifier WHERE token_hash = :hash")
        .param("hash", VisitorTokens.hash(visitor.token()))
        .param("identifier", sealed(patient))
        .update();
    return new Visitor(visitor.token(), patient);
  }

  private void touch(String token, Instant now) {
    jdbc.sql("UPDATE webchat_session SET last_seen_at = :now WHERE token_hash = :hash")
        .param("hash", VisitorTokens.hash(token))
        .param("now", now.atOffset(ZoneOffset.UTC))
        .update();
  }

  private byte @Nullable [] sealed(@Nullable String identifier) {
    return identifier == null ? null : cipher.encrypt(identifier, IDENTIFIER);
  }
}
