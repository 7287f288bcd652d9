package org.accueil.conversations.internal;

import static org.accueil.conversations.internal.ConversationRepository.instant;
import static org.accueil.conversations.internal.ConversationRepository.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.channels.DeliveryStatus;
import org.accueil.channels.InboundMessage.Attachment;
import org.accueil.channels.OutboundContent.Choice;
import org.accueil.conversations.Author;
import org.accueil.conversations.TimelineEntry;
import org.accueil.conversations.TimelineEntry.Direction;
import org.accueil.conversations.TimelineEntry.Kind;
import org.accueil.patients.Channel;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code conversation_entry} table: the timelines. */
@Repository
public class EntryRepository {

  static final String TEXT = "conversation_entry.text";

  private static final String COLUMNS =
      "id, conversation_id, seq, at, kind, channel, direction, author, author_ref, text, event,"
          + " data, attachments, delivery, delivery_error";

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final JsonMapper json;

  EntryRepository(JdbcClient jdbc, FieldCipher cipher, JsonMapper json) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.json = json;
  }

  /**
   * The facts of the newest message sent in the conversation since {@code since}, if it was a
   * notice of {@code kind}: what a short reply ("yes") answers.
   */
  public Optional<Map<String, Object>> lastNotice(UUID conversation, String kind, Instant since) {
    return jdbc.sql(
            """
            SELECT coalesce(data, '{}')::text FROM conversation_entry
             WHERE conversation_id = :c AND direction = 'outbound' AND at >= :since
             ORDER BY seq DESC LIMIT 1
            """)
        .param("c", conversation)
        .param("since", since.atOffset(java.time.ZoneOffset.UTC))
        .query(String.class)
        .optional()
        .map(data -> json.readValue(data, new TypeReference<Map<String, Object>>() {}))
        .filter(data -> kind.equals(data.get("kind")));
  }

  /**
   * Adds an entry; for an inbound message with a provider key, once per key.
   *
   * @return the entry, or empty when that provider key is on a timeline already
   */
  public Optional<TimelineEntry> append(TimelineEntry entry, @Nullable String providerKey) {
    Map<String, Object> data = entry.data();
    if (!entry.choices().isEmpty()) {
      data = new java.util.LinkedHashMap<>(data);
      data.put("choices", entry.choices());
    }
    return jdbc.sql(
            """
            INSERT INTO conversation_entry
              (id, conversation_id, at, kind, channel, direction, author, author_ref, text, event,
               data, attachments, delivery, delivery_error, provider_key)
            VALUES (:id, :conversation, :at, :kind, :channel, :direction, :author, :authorRef,
                    :text, :event, :data::jsonb, :attachments::jsonb, :delivery, :deliveryError,
                    :providerKey)
            ON CONFLICT ON CONSTRAINT conversation_entry_once DO NOTHING
            RETURNING seq
            """)
        .param("id", entry.id())
        .param("conversation", entry.conversation())
        .param("at", utc(entry.at()))
        .param("kind", entry.kind().code())
        .param("channel", entry.channel() == null ? null : entry.channel().code())
        .param("direction", entry.direction() == null ? null : entry.direction().code())
        .param("author", entry.author().code())
        .param("authorRef", entry.authorRef())
        .param("text", entry.text() == null ? null : cipher.encrypt(entry.text(), TEXT))
        .param("event", entry.event())
        .param("data", data.isEmpty() ? null : json.writeValueAsString(data))
        .param(
            "attachments",
            entry.attachments().isEmpty() ? null : json.writeValueAsString(entry.attachments()))
        .param("delivery", entry.delivery() == null ? null : entry.delivery().code())
        .param("deliveryError", entry.deliveryError())
        .param("providerKey", providerKey)
        .query(Long.class)
        .optional()
        .map(
            seq ->
                new TimelineEntry(
                    entry.id(),
                    entry.conversation(),
                    seq,
                    entry.at(),
                    entry.kind(),
                    entry.channel(),
                    entry.direction(),
                    entry.author(),
                    entry.authorRef(),
                    entry.text(),
                    entry.event(),
                    entry.data(),
                    entry.attachments(),
                    entry.choices(),
                    entry.delivery(),
                    entry.deliveryError()));
  }

  public Optional<TimelineEntry> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM conversation_entry WHERE id = :id")
        .param("id", id)
        .query(this::row)
        .optional();
  }

  /**
   * A page of a timeline in display order (oldest first): the {@code limit} entries just before the
   * entry {@code before} (the newest when null), or just after the entry {@code after}.
   */
  public List<TimelineEntry> page(
      UUID conversation, @Nullable Long before, @Nullable Long after, int limit) {
    if (after != null) {
      return jdbc.sql(
              "SELECT "
                  + COLUMNS
                  + " FROM conversation_entry WHERE conversation_id = :c AND (at, seq) >"
                  + " (SELECT at, seq FROM conversation_entry WHERE seq = :after)"
                  + " ORDER BY at, seq LIMIT :limit")
          .param("c", conversation)
          .param("after", after)
          .param("limit", limit)
          .query(this::row)
          .list();
    }
    String bound =
        before == null
            ? ""
            : " AND (at, seq) < (SELECT at, seq FROM conversation_entry WHERE seq = :before)";
    var spec =
        jdbc.sql(
                "SELECT * FROM (SELECT "
                    + COLUMNS
                    + " FROM conversation_entry WHERE conversation_id = :c"
                    + bound
                    + " ORDER BY at DESC, seq DESC LIMIT :limit) newest ORDER BY at, seq")
            .param("c", conversation)
            .param("limit", limit);
    if (before != null) {
      spec = spec.param("before", before);
    }
    return spec.query(this::row).list();
  }

  /** Messages (no notes, no events) after {@code afterSeq}, by sequence, for the web chat. */
  public List<TimelineEntry> messagesAfter(
      UUID conversation, long afterSeq, @Nullable Channel only, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM conversation_entry WHERE conversation_id = :c AND kind = 'message'"
                + " AND seq > :after"
                + (only == null ? "" : " AND channel = :channel")
                + " ORDER BY seq LIMIT :limit")
        .param("c", conversation)
        .param("after", afterSeq)
        .param("channel", only == null ? "" : only.code())
        .param("limit", limit)
        .query(this::row)
        .list();
  }

  /**
   * Moves an outbound message's delivery forward; an older report arriving after a newer one
   * changes nothing.
   *
   * @return whether it moved
   */
  public boolean delivery(UUID entry, DeliveryStatus status, @Nullable String error) {
    Optional<DeliveryStatus> current =
        jdbc.sql("SELECT delivery FROM conversation_entry WHERE id = :id FOR UPDATE")
            .param("id", entry)
            .query((rs, n) -> rs.getString(1))
            .optional()
            .map(code -> code == null ? DeliveryStatus.QUEUED : DeliveryStatus.ofCode(code));
    if (current.isEmpty() || !current.get().canMoveTo(status)) {
      return false;
    }
    jdbc.sql(
            """
            UPDATE conversation_entry
               SET delivery = :status, delivery_error = coalesce(:error, delivery_error)
             WHERE id = :id
            """)
        .param("id", entry)
        .param("status", status.code())
        .param("error", error)
        .update();
    return true;
  }

  /** Records that the message handed to the channels as {@code reference} carries the entry. */
  public void sentAs(UUID entry, UUID reference) {
    jdbc.sql("INSERT INTO conversation_delivery (reference, entry_id) VALUES (:r, :e)")
        .param("r", reference)
        .param("e", entry)
        .update();
  }

  /** The entry a message handed to the channels carries. */
  public Optional<UUID> entrySentAs(UUID reference) {
    return jdbc.sql("SELECT entry_id FROM conversation_delivery WHERE reference = :r")
        .param("r", reference)
        .query(UUID.class)
        .optional();
  }

  /** The newest message of each conversation that has one, by conversation. */
  public Map<UUID, TimelineEntry> lastMessages(Collection<UUID> conversations) {
    Map<UUID, TimelineEntry> newest = new java.util.HashMap<>();
    jdbc.sql(
            "SELECT e.* FROM conversation c CROSS JOIN LATERAL (SELECT "
                + COLUMNS
                + " FROM conversation_entry WHERE conversation_id = c.id AND kind = 'message'"
                + " ORDER BY at DESC, seq DESC LIMIT 1) e WHERE c.id IN (:ids)")
        .param("ids", conversations)
        .query(this::row)
        .list()
        .forEach(e -> newest.put(e.conversation(), e));
    return newest;
  }

  /** The newest outbound message of the conversation, if any. */
  public Optional<TimelineEntry> lastOutbound(UUID conversation) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM conversation_entry WHERE conversation_id = :c AND kind = 'message'"
                + " AND direction = 'outbound' ORDER BY at DESC, seq DESC LIMIT 1")
        .param("c", conversation)
        .query(this::row)
        .optional();
  }

  /** Outbound messages waiting for WhatsApp's window to open, oldest first. */
  public List<TimelineEntry> waitingForWindow(UUID conversation) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM conversation_entry WHERE conversation_id = :c AND direction = 'outbound'"
                + " AND delivery = 'queued' AND (data->>'waitsForWindow')::boolean"
                + " ORDER BY at, seq")
        .param("c", conversation)
        .query(this::row)
        .list();
  }

  public void waitForWindow(UUID entry) {
    jdbc.sql(
            """
            UPDATE conversation_entry
               SET data = coalesce(data, '{}'::jsonb) || '{"waitsForWindow": true}'::jsonb,
                   delivery = 'queued', delivery_error = NULL
             WHERE id = :id
            """)
        .param("id", entry)
        .update();
  }

  public void stopWaiting(UUID entry) {
    jdbc.sql("UPDATE conversation_entry SET data = data - 'waitsForWindow' WHERE id = :id")
        .param("id", entry)
        .update();
  }

  /** Moves every entry of one conversation to another; returns the ids moved. */
  public List<UUID> moveAll(UUID from, UUID to) {
    return jdbc.sql(
            "UPDATE conversation_entry SET conversation_id = :to WHERE conversation_id = :from"
                + " RETURNING id")
        .param("from", from)
        .param("to", to)
        .query(UUID.class)
        .list();
  }

  /** Moves back those of {@code ids} still in {@code from}. */
  public void moveBack(Collection<UUID> ids, UUID from, UUID to) {
    if (ids.isEmpty()) {
      return;
    }
    jdbc.sql(
            "UPDATE conversation_entry SET conversation_id = :to"
                + " WHERE conversation_id = :from AND id IN (:ids)")
        .param("from", from)
        .param("to", to)
        .param("ids", ids)
        .update();
  }

  /** Deletes, in batches, what was written before {@code cutoff}; returns how many. */
  public long deleteBefore(Instant cutoff) {
    long total = 0;
    while (true) {
      int deleted =
          jdbc.sql(
                  """
                  DELETE FROM conversation_entry WHERE id IN
                    (SELECT id FROM conversation_entry WHERE at < :cutoff LIMIT 5000)
                  """)
              .param("cutoff", utc(cutoff))
              .update();
      total += deleted;
      if (deleted < 5000) {
        return total;
      }
    }
  }

  private TimelineEntry row(ResultSet rs, int n) throws SQLException {
    String channel = rs.getString("channel");
    String direction = rs.getString("direction");
    byte[] text = rs.getBytes("text");
    String data = rs.getString("data");
    String attachments = rs.getString("attachments");
    String delivery = rs.getString("delivery");
    Map<String, Object> facts =
        data == null
            ? new java.util.LinkedHashMap<>()
            : new java.util.LinkedHashMap<>(
                json.readValue(data, new TypeReference<Map<String, Object>>() {}));
    Object choices = facts.remove("choices");
    return new TimelineEntry(
        rs.getObject("id", UUID.class),
        rs.getObject("conversation_id", UUID.class),
        rs.getLong("seq"),
        instant(rs, "at"),
        Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
        channel == null ? null : Channel.ofCode(channel).orElseThrow(),
        direction == null ? null : Direction.valueOf(direction.toUpperCase(Locale.ROOT)),
        Author.valueOf(rs.getString("author").toUpperCase(Locale.ROOT)),
        rs.getString("author_ref"),
        text == null ? null : cipher.decrypt(text, TEXT),
        rs.getString("event"),
        facts,
        attachments == null
            ? List.of()
            : json.readValue(attachments, new TypeReference<List<Attachment>>() {}),
        choices == null
            ? List.of()
            : json.convertValue(choices, new TypeReference<List<Choice>>() {}),
        delivery == null ? null : DeliveryStatus.ofCode(delivery),
        rs.getString("delivery_error"));
  }
}
