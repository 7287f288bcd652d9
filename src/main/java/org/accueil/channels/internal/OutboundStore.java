package org.accueil.channels.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.OutboundMessage;
import org.accueil.patients.Channel;
import org.accueil.platform.Ids;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code channel_outbound} table: messages to send, then their delivery status. */
@Repository
class OutboundStore {

  static final String RECIPIENT = "channel_outbound.recipient";
  static final String MESSAGE = "channel_outbound.message";

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final JsonMapper json;
  private final Clock clock;

  OutboundStore(JdbcClient jdbc, FieldCipher cipher, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.json = json;
    this.clock = clock;
  }

  /** A row a worker claimed. */
  record Claimed(UUID id, OutboundMessage message, int attempts) {}

  /** A sent message's state, as a delivery report finds it. */
  record Sent(UUID id, UUID reference, DeliveryStatus status) {}

  /**
   * @return false when a message with this reference was queued before (nothing written)
   */
  boolean insert(OutboundMessage message) {
    Instant now = clock.instant();
    return jdbc.sql(
                """
            INSERT INTO channel_outbound
              (id, reference, channel, recipient, message, status, next_attempt_at, created_at,
               updated_at)
            VALUES (:id, :reference, :channel, :recipient, :message, 'queued', :now, :now, :now)
            ON CONFLICT (reference) DO NOTHING
            """)
            .param("id", Ids.newId())
            .param("reference", message.reference())
            .param("channel", message.channel().code())
            .param("recipient", cipher.encrypt(message.to(), RECIPIENT))
            .param("message", cipher.encrypt(json.writeValueAsString(message), MESSAGE))
            .param("now", now.atOffset(ZoneOffset.UTC))
            .update()
        == 1;
  }

  /**
   * Claims up to {@code limit} messages due, each for {@code lease}: the worker sends outside any
   * transaction, and if it dies mid-send the lease runs out and another worker sends again (at
   * least once; the providers do not deduplicate, so a crash in that second can send twice).
   */
  List<Claimed> claimDue(int limit, java.time.Duration lease) {
    Instant now = clock.instant();
    return jdbc.sql(
            """
            UPDATE channel_outbound o
               SET claimed_until = :until, attempts = o.attempts + 1, updated_at = :now
             WHERE o.id IN (SELECT id FROM channel_outbound
                             WHERE status = 'queued' AND next_attempt_at <= :now
                               AND (claimed_until IS NULL OR claimed_until < :now)
                             ORDER BY next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED)
            RETURNING o.id, o.message, o.attempts
            """)
        .param("now", now.atOffset(ZoneOffset.UTC))
        .param("until", now.plus(lease).atOffset(ZoneOffset.UTC))
        .param("limit", limit)
        .query(
            (rs, n) ->
                new Claimed(
                    rs.getObject("id", UUID.class),
                    json.readValue(
                        cipher
                            .decrypt(rs.getBytes("message"), MESSAGE)
                            .getBytes(StandardCharsets.UTF_8),
                        OutboundMessage.class),
                    rs.getInt("attempts")))
        .list();
  }

  /**
   * The provider took the message. A delivery report may already have moved it past {@code status}
   * (a webhook racing the send's own answer); the status never moves back.
   */
  void accepted(UUID id, String providerId, DeliveryStatus status) {
    jdbc.sql(
            """
            UPDATE channel_outbound
               SET provider_id = :provider, claimed_until = NULL, error_code = NULL, error = NULL,
                   updated_at = :now,
                   status = CASE WHEN status = 'queued' THEN :status ELSE status END
             WHERE id = :id
            """)
        .param("id", id)
        .param("provider", providerId)
        .param("status", status.code())
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .update();
  }

  void retryAt(UUID id, Instant next, @Nullable String code, String error) {
    jdbc.sql(
            """
            UPDATE channel_outbound
               SET next_attempt_at = :next, claimed_until = NULL, error_code = :code,
                   error = :error, updated_at = :now
             WHERE id = :id AND status = 'queued'
            """)
        .param("id", id)
        .param("next", next.atOffset(ZoneOffset.UTC))
        .param("code", code)
        .param("error", truncate(error))
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .update();
  }

  /**
   * @return the message's reference, or empty when it was no longer queued
   */
  Optional<UUID> failed(UUID id, @Nullable String code, String error) {
    return jdbc.sql(
            """
            UPDATE channel_outbound
               SET status = 'failed', claimed_until = NULL, next_attempt_at = NULL,
                   error_code = :code, error = :error, updated_at = :now
             WHERE id = :id AND status IN ('queued', 'sent')
            RETURNING reference
            """)
        .param("id", id)
        .param("code", code)
        .param("error", truncate(error))
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .query(UUID.class)
        .optional();
  }

  /** The sent message a provider's report is about, locked while the report is applied. */
  Optional<Sent> sentByProviderId(Channel channel, String providerId) {
    return jdbc.sql(
            """
            SELECT id, reference, status FROM channel_outbound
             WHERE channel = :channel AND provider_id = :provider FOR UPDATE
            """)
        .param("channel", channel.code())
        .param("provider", providerId)
        .query(
            (rs, n) ->
                new Sent(
                    rs.getObject("id", UUID.class),
                    rs.getObject("reference", UUID.class),
                    DeliveryStatus.ofCode(rs.getString("status"))))
        .optional();
  }

  void moveTo(UUID id, DeliveryStatus status, @Nullable String code, @Nullable String error) {
    jdbc.sql(
            """
            UPDATE channel_outbound
               SET status = :status, error_code = coalesce(:code, error_code),
                   error = coalesce(:error, error), updated_at = :now
             WHERE id = :id
            """)
        .param("id", id)
        .param("status", status.code())
        .param("code", code)
        .param("error", error == null ? null : truncate(error))
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .update();
  }

  int forget(java.util.Collection<UUID> references) {
    if (references.isEmpty()) {
      return 0;
    }
    return jdbc.sql("DELETE FROM channel_outbound WHERE reference IN (:refs)")
        .param("refs", references)
        .update();
  }

  Optional<DeliveryStatus> statusOf(UUID reference) {
    return jdbc.sql("SELECT status FROM channel_outbound WHERE reference = :reference")
        .param("reference", reference)
        .query((rs, n) -> DeliveryStatus.ofCode(rs.getString(1)))
        .optional();
  }

  private static String truncate(String error) {
    return error.length() > 1000 ? error.substring(0, 1000) : error;
  }
}
