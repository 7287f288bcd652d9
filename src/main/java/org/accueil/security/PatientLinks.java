package org.accueil.security;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.accueil.platform.Actor;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.crypto.BlindIndex;
import org.accueil.platform.crypto.SignedTokens;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Access links for patients: a signed, expiring token that lets whoever holds it see, move or
 * cancel one appointment, and nothing else. The token carries the link's id, expiry and purpose
 * under a keyed MAC, so a forged or altered token is refused without a database read; the link's
 * row is still checked on every use, so revoking it takes effect at once.
 *
 * <p>Token: {@code pl_} + base64url(link id 16 bytes, expiry epoch seconds 8 bytes, purpose 1 byte)
 * + {@code .} + base64url(the first 16 bytes of HMAC-SHA256 over the first part), the MAC keyed by
 * the blind-index keyset under the purpose {@value #MAC_PURPOSE}.
 */
@Service
public class PatientLinks {

  public static final String PREFIX = "pl_";
  public static final String MANAGE_APPOINTMENT = "manage-appointment";
  private static final String MAC_PURPOSE = "patient-link.v1";
  private static final byte MANAGE_APPOINTMENT_CODE = 1;

  public record IssuedLink(UUID id, UUID appointmentId, String token, Instant expiresAt) {}

  private final JdbcClient jdbc;
  private final BlindIndex mac;
  private final Audit audit;
  private final Clock clock;

  PatientLinks(JdbcClient jdbc, BlindIndex mac, Audit audit, Clock clock) {
    this.jdbc = jdbc;
    this.mac = mac;
    this.audit = audit;
    this.clock = clock;
  }

  /** A link to manage {@code appointment} until {@code expiresAt}. */
  @Transactional
  public IssuedLink issue(UUID appointment, Instant expiresAt) {
    Instant now = clock.instant();
    UUID id = Ids.newId();
    // Whole seconds: the expiry travels in the token as epoch seconds and must match the row.
    Instant expiry = Instant.ofEpochSecond(expiresAt.getEpochSecond());
    jdbc.sql(
            """
            INSERT INTO patient_link (id, appointment_id, purpose, created_at, created_by,
                                      expires_at)
            VALUES (:id, :appointment, :purpose, :now, :by, :expires)
            """)
        .param("id", id)
        .param("appointment", appointment)
        .param("purpose", MANAGE_APPOINTMENT)
        .param("now", now.atOffset(ZoneOffset.UTC))
        .param("by", Actor.current().reference())
        .param("expires", expiry.atOffset(ZoneOffset.UTC))
        .update();
    audit.success(
        "patient-link.issue", "patient-link", id, java.util.Map.of("appointment", appointment));
    return new IssuedLink(id, appointment, token(id, expiry), expiry);
  }

  /** Revokes every link to {@code appointment}; returns how many were still active. */
  @Transactional
  public int revokeAll(UUID appointment) {
    int revoked =
        jdbc.sql(
                "UPDATE patient_link SET revoked_at = :now"
                    + " WHERE appointment_id = :appointment AND revoked_at IS NULL")
            .param("now", clock.instant().atOffset(ZoneOffset.UTC))
            .param("appointment", appointment)
            .update();
    audit.success(
        "patient-link.revoke", "appointment", appointment, java.util.Map.of("links", revoked));
    return revoked;
  }

  /**
   * The actor a token stands for, if it is genuine, unexpired and not revoked. Every use is counted
   * on the link's row.
   */
  public Optional<Actor> authenticate(String token) {
    Optional<ByteBuffer> payload = SignedTokens.verify(mac, MAC_PURPOSE, PREFIX, token, 25);
    if (payload.isEmpty()) {
      return Optional.empty();
    }
    ByteBuffer buffer = payload.get();
    UUID id = new UUID(buffer.getLong(), buffer.getLong());
    Instant expires = Instant.ofEpochSecond(buffer.getLong());
    Instant now = clock.instant();
    if (buffer.get() != MANAGE_APPOINTMENT_CODE || !expires.isAfter(now)) {
      return Optional.empty();
    }
    return jdbc.sql(
            """
            UPDATE patient_link SET use_count = use_count + 1, last_used_at = :now
             WHERE id = :id AND revoked_at IS NULL AND expires_at > :now
            RETURNING appointment_id
            """)
        .param("now", now.atOffset(ZoneOffset.UTC))
        .param("id", id)
        .query(UUID.class)
        .optional()
        .map(
            appointment ->
                new Actor(
                    Actor.Kind.PATIENT_LINK,
                    id.toString(),
                    "Patient access link",
                    Set.of(),
                    Set.of(),
                    null,
                    appointment));
  }

  private String token(UUID id, Instant expires) {
    ByteBuffer payload = ByteBuffer.allocate(25);
    payload.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    payload.putLong(expires.getEpochSecond()).put(MANAGE_APPOINTMENT_CODE);
    return SignedTokens.sign(mac, MAC_PURPOSE, PREFIX, payload.array());
  }
}
