package org.accueil.conversations.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.conversations.Conversation;
import org.accueil.conversations.ConversationState;
import org.accueil.conversations.Priority;
import org.accueil.patients.Channel;
import org.accueil.patients.PatientId;
import org.accueil.platform.Ids;
import org.accueil.platform.crypto.BlindIndex;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code conversation} table: one row per patient, and one per unidentified address. */
@Repository
public class ConversationRepository {

  static final String PENDING_ADDRESS = "conversation.pending_address";
  static final String PENDING_INDEX = "conversation.pending_address";

  private static final String COLUMNS =
      "id, patient_id, state, priority, assignee, snoozed_until, last_channel, last_inbound_at,"
          + " whatsapp_inbound_at, last_entry_at, last_entry_seq, created_at";

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final BlindIndex index;

  ConversationRepository(JdbcClient jdbc, FieldCipher cipher, BlindIndex index) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.index = index;
  }

  /**
   * The patient's conversation, created on first need. Two messages of the same new patient
   * arriving together on two nodes race here; the unique patient_id makes one insert win and the
   * other read the winner's row.
   */
  public Conversation ofPatient(PatientId patient, ConversationState initial, Instant now) {
    jdbc.sql(
            """
            INSERT INTO conversation (id, patient_id, state, reply_token, created_at, updated_at)
            VALUES (:id, :patient, :state, :token, :now, :now)
            ON CONFLICT (patient_id) DO NOTHING
            """)
        .param("id", Ids.newId())
        .param("patient", patient.value())
        .param("state", column(initial))
        .param("token", ReplyTokens.next())
        .param("now", utc(now))
        .update();
    return byPatient(patient).orElseThrow();
  }

  /** The conversation of a sender who has not said who they are, on a shared address. */
  public Conversation ofAddress(Channel channel, String address, Instant now) {
    byte[] idx = index.of(PENDING_INDEX, address);
    jdbc.sql(
            """
            INSERT INTO conversation (id, pending_channel, pending_address, pending_index, state,
                                      reply_token, created_at, updated_at)
            VALUES (:id, :channel, :address, :index, 'waiting_for_staff', :token, :now, :now)
            ON CONFLICT (pending_channel, pending_index) WHERE patient_id IS NULL DO NOTHING
            """)
        .param("id", Ids.newId())
        .param("channel", channel.code())
        .param("address", cipher.encrypt(address, PENDING_ADDRESS))
        .param("index", idx)
        .param("token", ReplyTokens.next())
        .param("now", utc(now))
        .update();
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM conversation WHERE patient_id IS NULL AND pending_channel = :channel"
                + " AND pending_index IN (:indexes)")
        .param("channel", channel.code())
        .param("indexes", index.candidates(PENDING_INDEX, address))
        .query(this::row)
        .list()
        .getFirst();
  }

  public Optional<Conversation> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM conversation WHERE id = :id")
        .param("id", id)
        .query(this::row)
        .optional();
  }

  /** Locks the row for the rest of the transaction: changes to one conversation queue up. */
  public Optional<Conversation> lock(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM conversation WHERE id = :id FOR UPDATE")
        .param("id", id)
        .query(this::row)
        .optional();
  }

  public Optional<Conversation> byPatient(PatientId patient) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM conversation WHERE patient_id = :patient")
        .param("patient", patient.value())
        .query(this::row)
        .optional();
  }

  public Optional<Conversation> byReplyToken(String token) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM conversation WHERE reply_token = :token")
        .param("token", token)
        .query(this::row)
        .optional();
  }

  public String replyToken(UUID id) {
    return jdbc.sql("SELECT reply_token FROM conversation WHERE id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  /** The unidentified address a pending conversation writes from. */
  public Optional<String> pendingAddress(UUID id) {
    return jdbc.sql("SELECT pending_address FROM conversation WHERE id = :id")
        .param("id", id)
        .query((rs, n) -> rs.getBytes(1))
        .optional()
        .filter(b -> b != null)
        .map(b -> cipher.decrypt(b, PENDING_ADDRESS));
  }

  public Optional<Channel> pendingChannel(UUID id) {
    return jdbc.sql("SELECT pending_channel FROM conversation WHERE id = :id")
        .param("id", id)
        .query((rs, n) -> rs.getString(1))
        .optional()
        .filter(c -> c != null)
        .flatMap(Channel::ofCode);
  }

  /** Removes a conversation left empty (its entries moved to the patient's own). */
  public void delete(UUID id) {
    jdbc.sql("DELETE FROM conversation_read_marker WHERE conversation_id = :id")
        .param("id", id)
        .update();
    jdbc.sql("DELETE FROM conversation WHERE id = :id").param("id", id).update();
  }

  /** A message arrived from the patient on {@code channel}. */
  public void patientWrote(UUID id, Channel channel, Instant at, long seq) {
    jdbc.sql(
            """
            UPDATE conversation
               SET last_channel = :channel,
                   last_inbound_at = greatest(last_inbound_at, :at),
                   whatsapp_inbound_at = CASE WHEN :channel = 'whatsapp'
                        THEN greatest(whatsapp_inbound_at, :at) ELSE whatsapp_inbound_at END,
                   last_entry_at = greatest(last_entry_at, :at),
                   last_entry_seq = greatest(last_entry_seq, :seq),
                   updated_at = :at
             WHERE id = :id
            """)
        .param("id", id)
        .param("channel", channel.code())
        .param("at", utc(at))
        .param("seq", seq)
        .update();
  }

  /** Any other entry was added. */
  public void entryAdded(UUID id, Instant at, long seq) {
    jdbc.sql(
            """
            UPDATE conversation
               SET last_entry_at = greatest(last_entry_at, :at),
                   last_entry_seq = greatest(last_entry_seq, :seq), updated_at = :at
             WHERE id = :id
            """)
        .param("id", id)
        .param("at", utc(at))
        .param("seq", seq)
        .update();
  }

  public void setState(
      UUID id, ConversationState state, @Nullable Instant snoozedUntil, Instant now) {
    jdbc.sql(
            """
            UPDATE conversation SET state = :state, snoozed_until = :until, updated_at = :now
             WHERE id = :id
            """)
        .param("id", id)
        .param("state", column(state))
        .param("until", snoozedUntil == null ? null : utc(snoozedUntil))
        .param("now", utc(now))
        .update();
  }

  public void setPriority(UUID id, Priority priority, Instant now) {
    jdbc.sql("UPDATE conversation SET priority = :priority, updated_at = :now WHERE id = :id")
        .param("id", id)
        .param("priority", priority.code())
        .param("now", utc(now))
        .update();
  }

  public void setAssignee(UUID id, @Nullable String assignee, Instant now) {
    jdbc.sql("UPDATE conversation SET assignee = :assignee, updated_at = :now WHERE id = :id")
        .param("id", id)
        .param("assignee", assignee)
        .param("now", utc(now))
        .update();
  }

  /** Gives a pending conversation its patient, once they are known. */
  public void identify(UUID id, PatientId patient, Instant now) {
    jdbc.sql(
            """
            UPDATE conversation
               SET patient_id = :patient, pending_channel = NULL, pending_address = NULL,
                   pending_index = NULL, updated_at = :now
             WHERE id = :id
            """)
        .param("id", id)
        .param("patient", patient.value())
        .param("now", utc(now))
        .update();
  }

  /** Recomputes what the conversation row keeps of its timeline, after entries moved. */
  public void refreshFromEntries(UUID id) {
    jdbc.sql(
            """
            UPDATE conversation c SET
              last_entry_at = (SELECT max(at) FROM conversation_entry e WHERE e.conversation_id = c.id),
              last_entry_seq = coalesce((SELECT max(seq) FROM conversation_entry e
                                          WHERE e.conversation_id = c.id), 0),
              last_inbound_at = (SELECT max(at) FROM conversation_entry e
                                  WHERE e.conversation_id = c.id AND e.direction = 'inbound'),
              whatsapp_inbound_at = (SELECT max(at) FROM conversation_entry e
                                      WHERE e.conversation_id = c.id AND e.direction = 'inbound'
                                        AND e.channel = 'whatsapp'),
              last_channel = (SELECT e.channel FROM conversation_entry e
                               WHERE e.conversation_id = c.id AND e.direction = 'inbound'
                               ORDER BY e.at DESC, e.seq DESC LIMIT 1)
             WHERE id = :id
            """)
        .param("id", id)
        .update();
  }

  /** Snoozed conversations whose time came: back in the queue. */
  public List<UUID> wakeSnoozed(Instant now) {
    return jdbc.sql(
            """
            UPDATE conversation SET state = 'waiting_for_staff', snoozed_until = NULL,
                   updated_at = :now
             WHERE state = 'snoozed' AND snoozed_until <= :now
            RETURNING id
            """)
        .param("now", utc(now))
        .query(UUID.class)
        .list();
  }

  /** An inbox view, urgent first, then the most recently active. */
  public List<Conversation> inbox(InboxQuery query, int limit, int offset) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM conversation WHERE true");
    Map<String, Object> params = new LinkedHashMap<>();
    if (!query.states().isEmpty()) {
      sql.append(" AND state IN (:states)");
      params.put("states", query.states().stream().map(ConversationRepository::column).toList());
    }
    if (query.assignee() != null) {
      sql.append(" AND assignee = :assignee");
      params.put("assignee", query.assignee());
    }
    if (query.unassigned()) {
      sql.append(" AND assignee IS NULL");
    }
    if (query.urgent()) {
      sql.append(" AND priority = 'urgent'");
    }
    if (query.channel() != null) {
      sql.append(" AND last_channel = :channel");
      params.put("channel", query.channel().code());
    }
    sql.append(
        " AND last_entry_at IS NOT NULL"
            + " ORDER BY priority = 'urgent' DESC, last_entry_at DESC, id LIMIT :limit OFFSET"
            + " :offset");
    params.put("limit", limit);
    params.put("offset", offset);
    return jdbc.sql(sql.toString()).params(params).query(this::row).list();
  }

  /** What an inbox query asks for. */
  public record InboxQuery(
      List<ConversationState> states,
      @Nullable String assignee,
      boolean unassigned,
      boolean urgent,
      @Nullable Channel channel) {}

  public void markRead(UUID id, String reader, long seq, Instant now) {
    jdbc.sql(
            """
            INSERT INTO conversation_read_marker (conversation_id, reader, seq, at)
            VALUES (:id, :reader, :seq, :now)
            ON CONFLICT (conversation_id, reader)
            DO UPDATE SET seq = greatest(conversation_read_marker.seq, excluded.seq), at = :now
            """)
        .param("id", id)
        .param("reader", reader)
        .param("seq", seq)
        .param("now", utc(now))
        .update();
  }

  public long readUpTo(UUID id, String reader) {
    return jdbc.sql(
            "SELECT seq FROM conversation_read_marker WHERE conversation_id = :id AND reader = :r")
        .param("id", id)
        .param("r", reader)
        .query(Long.class)
        .optional()
        .orElse(0L);
  }

  static String column(ConversationState state) {
    return state.name().toLowerCase(java.util.Locale.ROOT);
  }

  private Conversation row(ResultSet rs, int n) throws SQLException {
    UUID patient = rs.getObject("patient_id", UUID.class);
    String channel = rs.getString("last_channel");
    Instant whatsapp = instant(rs, "whatsapp_inbound_at");
    return new Conversation(
        rs.getObject("id", UUID.class),
        patient == null ? null : PatientId.of(patient),
        ConversationState.valueOf(rs.getString("state").toUpperCase(java.util.Locale.ROOT)),
        Priority.valueOf(rs.getString("priority").toUpperCase(java.util.Locale.ROOT)),
        rs.getString("assignee"),
        instant(rs, "snoozed_until"),
        channel == null ? null : Channel.ofCode(channel).orElseThrow(),
        instant(rs, "last_inbound_at"),
        // Meta's customer-service window: 24 hours from the patient's last message.
        whatsapp == null ? null : whatsapp.plus(java.time.Duration.ofHours(24)),
        instant(rs, "last_entry_at"),
        rs.getLong("last_entry_seq"),
        instant(rs, "created_at"));
  }

  static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
