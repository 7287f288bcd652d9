package org.accueil.integration.outbox.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The outbox as people read it: every row with its state and last error, each attempt, and the
 * replay of dead rows. Payloads are shown only one row at a time.
 */
@Service
public class DeliveryLog {

  public static final int MAX_LIMIT = 500;

  private static final String COLUMNS =
      "id, destination, key, kind, state, attempts, next_attempt_at, lease_owner, lease_until,"
          + " last_error, remote_reference, idempotency_key, created_at, delivered_at, dead_at";

  private final JdbcClient jdbc;
  private final OutboxDispatcher dispatcher;
  private final Clock clock;

  DeliveryLog(JdbcClient jdbc, OutboxDispatcher dispatcher, Clock clock) {
    this.jdbc = jdbc;
    this.dispatcher = dispatcher;
    this.clock = clock;
  }

  /** A row's state. */
  public enum State {
    PENDING,
    DELIVERING,
    DELIVERED,
    DEAD;

    public String code() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What the list filters on; nulls do not filter. {@code before}: ids below it (paging). */
  public record Filter(
      @Nullable String destination,
      @Nullable State state,
      @Nullable String kind,
      @Nullable String key,
      @Nullable Instant since,
      @Nullable Long before,
      int limit) {}

  /** One outbox row as the log shows it. */
  public record Entry(
      long id,
      String destination,
      String key,
      String kind,
      State state,
      int attempts,
      @Nullable Instant nextAttemptAt,
      @Nullable String leaseOwner,
      @Nullable Instant leaseUntil,
      @Nullable String lastError,
      @Nullable String remoteReference,
      UUID idempotencyKey,
      Instant createdAt,
      @Nullable Instant deliveredAt,
      @Nullable Instant deadAt) {}

  /** One attempt. {@code outcome}: delivered, retry, timeout or failed. */
  public record Attempt(
      int attempt,
      Instant startedAt,
      long durationMs,
      String outcome,
      @Nullable String error,
      String node) {}

  /** A row with its payload and its attempts, newest first. */
  public record Detail(Entry entry, String payload, List<Attempt> attempts) {}

  /** Newest first; {@code nextBefore} is null on the last page. */
  public record Page(List<Entry> entries, @Nullable Long nextBefore) {}

  public Page list(Filter filter) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM integration_outbox WHERE true");
    var params = new java.util.LinkedHashMap<String, Object>();
    if (filter.destination() != null) {
      sql.append(" AND destination = :destination");
      params.put("destination", filter.destination());
    }
    if (filter.state() != null) {
      sql.append(" AND state = :state");
      params.put("state", filter.state().code());
    }
    if (filter.kind() != null) {
      sql.append(" AND kind = :kind");
      params.put("kind", filter.kind());
    }
    if (filter.key() != null) {
      sql.append(" AND key = :key");
      params.put("key", filter.key());
    }
    if (filter.since() != null) {
      sql.append(" AND created_at >= :since");
      params.put("since", OutboxStore.utc(filter.since()));
    }
    if (filter.before() != null) {
      sql.append(" AND id < :before");
      params.put("before", filter.before());
    }
    sql.append(" ORDER BY id DESC LIMIT :limit");
    params.put("limit", filter.limit() + 1);
    List<Entry> entries =
        new ArrayList<>(jdbc.sql(sql.toString()).params(params).query(DeliveryLog::entry).list());
    Long nextBefore = null;
    if (entries.size() > filter.limit()) {
      entries.removeLast();
      nextBefore = entries.getLast().id();
    }
    return new Page(entries, nextBefore);
  }

  public Optional<Detail> detail(long id) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + ", payload::text AS payload_text FROM integration_outbox"
                + " WHERE id = :id")
        .param("id", id)
        .query((rs, n) -> new Detail(entry(rs, n), rs.getString("payload_text"), attempts(id)))
        .optional();
  }

  private List<Attempt> attempts(long id) {
    return jdbc.sql(
            """
            SELECT attempt, started_at, duration_ms, outcome, error, node
              FROM integration_delivery_attempt WHERE outbox_id = :id ORDER BY id DESC LIMIT 100
            """)
        .param("id", id)
        .query(
            (rs, n) ->
                new Attempt(
                    rs.getInt("attempt"),
                    instant(rs, "started_at"),
                    rs.getLong("duration_ms"),
                    rs.getString("outcome"),
                    rs.getString("error"),
                    rs.getString("node")))
        .list();
  }

  /** What a replay found. */
  public enum Replay {
    REPLAYED,
    NOT_DEAD,
    NOT_FOUND
  }

  /**
   * Makes a dead row pending again, due now, with its attempts reset: the destination's whole
   * backoff applies again. Rows of its key written after it and still pending wait for it again.
   */
  @Transactional
  public Replay replay(long id) {
    Optional<String> state =
        jdbc.sql("SELECT state FROM integration_outbox WHERE id = :id FOR UPDATE")
            .param("id", id)
            .query(String.class)
            .optional();
    if (state.isEmpty()) {
      return Replay.NOT_FOUND;
    }
    if (!state.get().equals("dead")) {
      return Replay.NOT_DEAD;
    }
    jdbc.sql(
            """
            UPDATE integration_outbox
               SET state = 'pending', attempts = 0, next_attempt_at = :now, dead_at = NULL
             WHERE id = :id
            """)
        .param("id", id)
        .param("now", OutboxStore.utc(clock.instant()))
        .update();
    wakeOnCommit();
    return Replay.REPLAYED;
  }

  /** Replays every dead row of {@code destination}; returns their ids, oldest first. */
  @Transactional
  public List<Long> replayDead(String destination) {
    List<Long> ids =
        jdbc
            .sql(
                """
                UPDATE integration_outbox
                   SET state = 'pending', attempts = 0, next_attempt_at = :now, dead_at = NULL
                 WHERE destination = :destination AND state = 'dead'
                RETURNING id
                """)
            .param("destination", destination)
            .param("now", OutboxStore.utc(clock.instant()))
            .query(Long.class)
            .list()
            .stream()
            .sorted()
            .toList();
    if (!ids.isEmpty()) {
      wakeOnCommit();
    }
    return ids;
  }

  /** Whether a destination bean on this node delivers {@code destination}. */
  public boolean deliverable(String destination) {
    return dispatcher.destinationFor(destination).isPresent();
  }

  private void wakeOnCommit() {
    TransactionSynchronizationManager.registerSynchronization(
        new TransactionSynchronization() {
          @Override
          public void afterCommit() {
            dispatcher.wake();
          }
        });
  }

  private static Entry entry(ResultSet rs, int n) throws SQLException {
    String state = rs.getString("state");
    return new Entry(
        rs.getLong("id"),
        rs.getString("destination"),
        rs.getString("key"),
        rs.getString("kind"),
        State.valueOf(state.toUpperCase(java.util.Locale.ROOT)),
        rs.getInt("attempts"),
        state.equals("pending") || state.equals("delivering")
            ? instant(rs, "next_attempt_at")
            : null,
        rs.getString("lease_owner"),
        instant(rs, "lease_until"),
        rs.getString("last_error"),
        rs.getString("remote_reference"),
        rs.getObject("idempotency_key", UUID.class),
        instant(rs, "created_at"),
        instant(rs, "delivered_at"),
        instant(rs, "dead_at"));
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
