package org.accueil.integration.hl7v2;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code hl7v2_link} table: which appointment (or provider's time off) a peer's SCH-2 is here.
 */
@Repository
class Hl7Links {

  enum Kind {
    APPOINTMENT,
    BLOCK;

    String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * @param lastMessageAt MSH-7 (or receipt time) of the last message applied to it
   */
  record Link(
      String sendingApplication,
      String fillerId,
      Kind kind,
      UUID localId,
      @Nullable UUID provider,
      Instant lastMessageAt) {}

  private final JdbcClient jdbc;

  Hl7Links(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<Link> find(String sendingApplication, String fillerId) {
    return jdbc.sql(
            """
            SELECT sending_application, filler_id, kind, local_id, provider_id, last_message_at
            FROM hl7v2_link WHERE sending_application = :app AND filler_id = :filler
            """)
        .param("app", sendingApplication)
        .param("filler", fillerId)
        .query(
            (rs, n) ->
                new Link(
                    rs.getString("sending_application"),
                    rs.getString("filler_id"),
                    Kind.valueOf(rs.getString("kind").toUpperCase(java.util.Locale.ROOT)),
                    rs.getObject("local_id", UUID.class),
                    rs.getObject("provider_id", UUID.class),
                    rs.getObject("last_message_at", OffsetDateTime.class).toInstant()))
        .optional();
  }

  /** Records or moves a link; {@code lastMessageAt} only ever moves forward. */
  void save(
      String sendingApplication,
      String fillerId,
      Kind kind,
      UUID localId,
      @Nullable UUID provider,
      Instant lastMessageAt,
      Instant now) {
    jdbc.sql(
            """
            INSERT INTO hl7v2_link (sending_application, filler_id, kind, local_id, provider_id,
                                    last_message_at, created_at)
            VALUES (:app, :filler, :kind, :local, :provider, :last, :now)
            ON CONFLICT (sending_application, filler_id) DO UPDATE
            SET kind = excluded.kind, local_id = excluded.local_id,
                provider_id = excluded.provider_id,
                last_message_at = greatest(hl7v2_link.last_message_at, excluded.last_message_at)
            """)
        .param("app", sendingApplication)
        .param("filler", fillerId)
        .param("kind", kind.code())
        .param("local", localId)
        .param("provider", provider)
        .param("last", Hl7Inbox.utc(lastMessageAt))
        .param("now", Hl7Inbox.utc(now))
        .update();
  }

  /** The peer's id of one of our appointments, when a message of the peer named it. */
  Optional<String> fillerIdOf(UUID appointment) {
    return jdbc.sql(
            """
            SELECT filler_id FROM hl7v2_link
            WHERE local_id = :appointment AND kind = 'appointment'
            ORDER BY last_message_at DESC LIMIT 1
            """)
        .param("appointment", appointment)
        .query(String.class)
        .optional();
  }
}
