package org.accueil.channels.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.accueil.channels.CallSummary;
import org.accueil.channels.DeliveryUpdate;
import org.accueil.channels.Inbound;
import org.accueil.channels.InboundMessage;
import org.accueil.platform.Ids;
import org.accueil.platform.crypto.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code channel_inbound} table: what providers delivered, sealed, until handled. */
@Repository
public class InboundStore {

  static final String PAYLOAD = "channel_inbound.payload";

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final JsonMapper json;
  private final Clock clock;

  InboundStore(JdbcClient jdbc, FieldCipher cipher, JsonMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.json = json;
    this.clock = clock;
  }

  /** A stored item, claimed by the caller's transaction. */
  record Stored(UUID id, Inbound item, int attempts) {}

  /**
   * @return false when the provider delivered the item before (nothing written)
   */
  public boolean insert(Inbound item) {
    Instant now = clock.instant();
    byte[] payload = cipher.encrypt(json.writeValueAsString(item), PAYLOAD);
    return jdbc.sql(
                """
            INSERT INTO channel_inbound
              (id, channel, kind, provider_key, payload, received_at, next_attempt_at)
            VALUES (:id, :channel, :kind, :key, :payload, :now, :now)
            ON CONFLICT ON CONSTRAINT channel_inbound_once DO NOTHING
            """)
            .param("id", Ids.newId())
            .param("channel", item.channel().code())
            .param("kind", kind(item))
            .param("key", item.deduplicationKey())
            .param("payload", payload)
            .param("now", now.atOffset(ZoneOffset.UTC))
            .update()
        == 1;
  }

  /**
   * Claims the oldest item due, locking its row until the caller's transaction ends; another node
   * or worker skips it. A crashed worker's lock dies with its connection, so the row is claimable
   * again at once.
   */
  Optional<Stored> claimNext() {
    return jdbc.sql(
            """
            SELECT id, kind, payload, attempts FROM channel_inbound
             WHERE handled_at IS NULL AND next_attempt_at <= :now
             ORDER BY next_attempt_at, received_at
             LIMIT 1 FOR UPDATE SKIP LOCKED
            """)
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .query(
            (rs, n) ->
                new Stored(
                    rs.getObject("id", UUID.class),
                    read(rs.getString("kind"), rs.getBytes("payload")),
                    rs.getInt("attempts")))
        .optional();
  }

  void handled(UUID id) {
    jdbc.sql("UPDATE channel_inbound SET handled_at = :now, last_error = NULL WHERE id = :id")
        .param("id", id)
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .update();
  }

  /** Records a failed try; the item is tried again at {@code next}. */
  void failed(UUID id, Instant next, String error) {
    jdbc.sql(
            """
            UPDATE channel_inbound
               SET attempts = attempts + 1, next_attempt_at = :next, last_error = :error
             WHERE id = :id AND handled_at IS NULL
            """)
        .param("id", id)
        .param("next", next.atOffset(ZoneOffset.UTC))
        .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
        .update();
  }

  public long pending() {
    return jdbc.sql("SELECT count(*) FROM channel_inbound WHERE handled_at IS NULL")
        .query(Long.class)
        .single();
  }

  public int forget(org.accueil.patients.Channel channel, java.util.Collection<String> keys) {
    if (keys.isEmpty()) {
      return 0;
    }
    return jdbc.sql(
            "DELETE FROM channel_inbound WHERE channel = :channel AND kind = 'message'"
                + " AND provider_key IN (:keys)")
        .param("channel", channel.code())
        .param("keys", keys)
        .update();
  }

  /** Forgets handled items older than {@code cutoff}; the timeline keeps what they said. */
  public int deleteHandledBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM channel_inbound WHERE handled_at < :cutoff")
        .param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
        .update();
  }

  private static String kind(Inbound item) {
    return switch (item) {
      case InboundMessage m -> "message";
      case DeliveryUpdate d -> "delivery";
      case CallSummary c -> "call";
    };
  }

  private Inbound read(String kind, byte[] payload) {
    String text = cipher.decrypt(payload, PAYLOAD);
    Class<? extends Inbound> type =
        switch (kind) {
          case "message" -> InboundMessage.class;
          case "delivery" -> DeliveryUpdate.class;
          case "call" -> CallSummary.class;
          default -> throw new IllegalStateException("Unknown inbound kind " + kind);
        };
    return json.readValue(text.getBytes(StandardCharsets.UTF_8), type);
  }
}
