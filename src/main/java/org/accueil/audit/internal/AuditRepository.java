package org.accueil.audit.internal;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.accueil.audit.AuditEvent;
import org.accueil.audit.AuditPage;
import org.accueil.audit.AuditSearch;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The SQL of the audit trail: appending under the head's lock, listing, reading in order. */
@Repository
public class AuditRepository {

  /** Rows fetched per round trip while streaming the whole trail. */
  static final int FETCH_SIZE = 2_000;

  private static final String COLUMNS =
      "seq, occurred_at, actor_kind, actor_id, actor_name, actor_roles, action, entity_type,"
          + " entity_id, outcome, ip, channel, source_system, refs::text AS refs, prev_hash, hash";

  private static final TypeReference<TreeMap<String, String>> REFS = new TypeReference<>() {};

  /** The end of the chain: the last row written and its hash. */
  public record Head(long seq, byte[] hash) {}

  private final JdbcClient jdbc;
  private final JdbcTemplate batches;
  private final JdbcTemplate streaming;
  private final JsonMapper json;

  public AuditRepository(DataSource dataSource, JsonMapper json) {
    this.jdbc = JdbcClient.create(dataSource);
    this.batches = new JdbcTemplate(dataSource);
    this.streaming = new JdbcTemplate(dataSource);
    // With autocommit off (in a transaction), PostgreSQL's driver then reads through a cursor.
    this.streaming.setFetchSize(FETCH_SIZE);
    this.json = json;
  }

  /**
   * Chains {@code events} after the current head and writes them, in the caller's transaction. The
   * head's row lock is held until that transaction ends: a concurrent append, from this node or
   * another, waits here and then chains after these rows.
   */
  public List<AuditEvent> append(List<AuditEvent> events) {
    Head head =
        jdbc.sql("SELECT last_seq, last_hash FROM audit_head FOR UPDATE")
            .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)))
            .optional()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "The audit chain head (audit_head) is missing; nothing can be appended."));
    long seq = head.seq();
    byte[] previous = head.hash();
    List<AuditEvent> chained = new ArrayList<>(events.size());
    for (AuditEvent event : events) {
      AuditEvent link = event.chainedAt(++seq, previous);
      chained.add(link);
      previous = link.hash();
    }
    insert(chained);
    jdbc.sql("UPDATE audit_head SET last_seq = :seq, last_hash = :hash")
        .param("seq", seq)
        .param("hash", previous)
        .update();
    return chained;
  }

  private void insert(List<AuditEvent> events) {
    batches.batchUpdate(
        """
        INSERT INTO audit_event (seq, occurred_at, actor_kind, actor_id, actor_name, actor_roles,
                                 action, entity_type, entity_id, outcome, ip, channel,
                                 source_system, refs, prev_hash, hash)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)
        """,
        events,
        events.size(),
        (PreparedStatement ps, AuditEvent e) -> {
          ps.setLong(1, e.seq());
          ps.setObject(2, OffsetDateTime.ofInstant(e.occurredAt(), ZoneOffset.UTC));
          ps.setString(3, e.actorKind());
          ps.setString(4, e.actorId());
          ps.setString(5, e.actorName());
          ps.setArray(6, ps.getConnection().createArrayOf("text", e.actorRoles().toArray()));
          ps.setString(7, e.action());
          ps.setString(8, e.entityType());
          ps.setString(9, e.entityId());
          ps.setString(10, e.outcome());
          ps.setString(11, e.ip());
          ps.setString(12, e.channel());
          ps.setString(13, e.sourceSystem());
          ps.setString(14, json.writeValueAsString(e.refs()));
          ps.setBytes(15, e.prevHash());
          ps.setBytes(16, e.hash());
        });
  }

  /** Whether this database has the audit tables: Accueil's migrations have run on it. */
  public boolean exists() {
    return jdbc.sql("SELECT to_regclass('audit_head') IS NOT NULL").query(Boolean.class).single();
  }

  /** The head as committed, without locking it. */
  public Optional<Head> head() {
    return jdbc.sql("SELECT last_seq, last_hash FROM audit_head")
        .query((rs, n) -> new Head(rs.getLong(1), rs.getBytes(2)))
        .optional();
  }

  /**
   * Every row in seq order, read through a cursor {@value #FETCH_SIZE} rows at a time. Call it in a
   * transaction (a cursor needs one) and close the stream.
   */
  public Stream<AuditEvent> inSeqOrder() {
    return streaming.queryForStream(
        "SELECT " + COLUMNS + " FROM audit_event ORDER BY seq", this::event);
  }

  public AuditPage search(AuditSearch search) {
    List<String> where = new ArrayList<>();
    Map<String, Object> params = new LinkedHashMap<>();
    filter(where, params, "actor_kind", "actorKind", search.actorKind());
    filter(where, params, "actor_id", "actorId", search.actorId());
    filter(where, params, "action", "action", search.action());
    filter(where, params, "entity_type", "entityType", search.entityType());
    filter(where, params, "entity_id", "entityId", search.entityId());
    filter(where, params, "outcome", "outcome", search.outcome());
    if (search.from() != null) {
      where.add("occurred_at >= :from");
      params.put("from", OffsetDateTime.ofInstant(search.from(), ZoneOffset.UTC));
    }
    if (search.to() != null) {
      where.add("occurred_at < :to");
      params.put("to", OffsetDateTime.ofInstant(search.to(), ZoneOffset.UTC));
    }
    if (search.before() != null) {
      where.add("seq < :before");
      params.put("before", search.before());
    }
    // One row more than asked tells whether an older page exists.
    params.put("limit", search.limit() + 1);
    List<AuditEvent> rows =
        jdbc.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM audit_event"
                    + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                    + " ORDER BY seq DESC LIMIT :limit")
            .params(params)
            .query(this::event)
            .list();
    if (rows.size() <= search.limit()) {
      return new AuditPage(rows, null);
    }
    List<AuditEvent> page = rows.subList(0, search.limit());
    return new AuditPage(page, page.getLast().seq());
  }

  private static void filter(
      List<String> where,
      Map<String, Object> params,
      String column,
      String name,
      @Nullable String value) {
    if (value != null) {
      where.add(column + " = :" + name);
      params.put(name, value);
    }
  }

  private AuditEvent event(ResultSet rs, int n) throws SQLException {
    Array roles = rs.getArray("actor_roles");
    String refs = rs.getString("refs");
    return new AuditEvent(
        rs.getLong("seq"),
        rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
        rs.getString("actor_kind"),
        rs.getString("actor_id"),
        rs.getString("actor_name"),
        Arrays.asList((String[]) roles.getArray()),
        rs.getString("action"),
        rs.getString("entity_type"),
        rs.getString("entity_id"),
        rs.getString("outcome"),
        rs.getString("ip"),
        rs.getString("channel"),
        rs.getString("source_system"),
        refs == null ? new TreeMap<>() : json.readValue(refs, REFS),
        rs.getBytes("prev_hash"),
        rs.getBytes("hash"));
  }
}
