package org.accueil.integration.outbox.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.accueil.integration.outbox.OutboxMessage;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code integration_outbox} table as the writers and the dispatcher use it. */
@Repository
class OutboxStore {

  private final JdbcClient jdbc;
  private final Clock clock;

  OutboxStore(JdbcClient jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A row a worker holds: {@code token} names this claim, and every write about it checks it. */
  record Claimed(String token, OutboxMessage message) {
    long id() {
      return message.id();
    }
  }

  /**
   * What one claim found.
   *
   * @param claimed the rows now delivering under the claim's token
   * @param unrouted destinations of rows found due that no destination bean handles: left as they
   *     were, for a node that can deliver them
   */
  record Claim(List<Claimed> claimed, Set<String> unrouted) {
    boolean foundNothing() {
      return claimed.isEmpty() && unrouted.isEmpty();
    }
  }

  /** Writes a pending row, due now, in the caller's transaction. */
  long insert(String destination, String key, String kind, String payload) {
    OffsetDateTime now = utc(clock.instant());
    // Ordering per key relies on ids: rows of one destination and key must commit in the order of
    // their ids, or a worker could deliver id 11 while id 10, taken by a transaction that commits
    // later, is not yet visible. The advisory lock, held until commit, makes a second writer of the
    // same destination and key take its id only after the first committed or rolled back.
    return jdbc.sql(
            """
            WITH ordered AS (
              SELECT pg_advisory_xact_lock(
                       hashtextextended('integration_outbox ' || :destination || ' ' || :key, 0)))
            INSERT INTO integration_outbox
              (destination, key, kind, payload, idempotency_key, state, next_attempt_at, created_at)
            SELECT :destination, :key, :kind, :payload::jsonb, :idempotency, 'pending', :now, :now
              FROM ordered
            RETURNING id
            """)
        .param("destination", destination)
        .param("key", key)
        .param("kind", kind)
        .param("payload", payload)
        .param("idempotency", UUID.randomUUID())
        .param("now", now)
        .query(Long.class)
        .single();
  }

  private record Candidate(long id, String destination) {}

  /**
   * Claims up to {@code limit} rows due now whose destination {@code routable} accepts, for {@code
   * lease}. A row is due when it is pending and its next attempt has come, or delivering under a
   * lease that ran out (its node died). It is claimable only when no older row of the same
   * destination and key is still pending or delivering: one appointment's create goes before its
   * cancel. Dead rows do not hold later rows back (docs/INTEGRATION.md, "Dead letters").
   *
   * <p>Rows whose destination no bean here handles stay untouched (a node of another version may
   * deliver them); {@code skip} keeps them out of the next claims.
   *
   * <p>Run it in a transaction: the rows selected stay locked until they are marked delivering.
   */
  Claim claim(
      String token,
      int limit,
      Duration lease,
      Collection<String> skip,
      Predicate<String> routable) {
    OffsetDateTime now = utc(clock.instant());
    // FOR UPDATE SKIP LOCKED: two nodes claiming at once take different rows. A row another node
    // claimed and committed since this statement's snapshot is re-checked on its new version,
    // whose lease has not run out, so it is not taken twice.
    List<Candidate> found =
        jdbc.sql(
                """
            SELECT c.id, c.destination FROM integration_outbox c
             WHERE c.state IN ('pending', 'delivering')
               AND c.next_attempt_at <= :now
               AND (c.lease_until IS NULL OR c.lease_until < :now)
               AND NOT (c.destination = ANY (string_to_array(:skip, ' ')))
               AND NOT EXISTS (
                     SELECT 1 FROM integration_outbox b
                      WHERE b.destination = c.destination AND b.key = c.key AND b.id < c.id
                        AND b.state IN ('pending', 'delivering'))
             ORDER BY c.id
             LIMIT :limit
               FOR UPDATE OF c SKIP LOCKED
            """)
            .param("now", now)
            // Destinations never hold a space (their grammar), so a space separates them.
            .param("skip", String.join(" ", skip))
            .param("limit", limit)
            .query((rs, n) -> new Candidate(rs.getLong("id"), rs.getString("destination")))
            .list();
    List<Long> ids = new ArrayList<>();
    Set<String> unrouted = new LinkedHashSet<>();
    for (Candidate candidate : found) {
      if (routable.test(candidate.destination())) {
        ids.add(candidate.id());
      } else {
        unrouted.add(candidate.destination());
      }
    }
    if (ids.isEmpty()) {
      return new Claim(List.of(), unrouted);
    }
    List<Claimed> claimed =
        jdbc.sql(
                """
                UPDATE integration_outbox
                   SET state = 'delivering', attempts = attempts + 1, lease_owner = :token,
                       lease_until = :until
                 WHERE id IN (:ids)
                RETURNING id, destination, key, kind, payload::text AS payload, idempotency_key,
                          attempts, created_at
                """)
            .param("token", token)
            .param("until", now.plus(lease))
            .param("ids", ids)
            .query((rs, n) -> new Claimed(token, message(rs)))
            .list();
    return new Claim(claimed, unrouted);
  }

  /**
   * Extends the leases of rows this node is delivering.
   *
   * @return how many rows it still held (fewer: another node took some over after a pause longer
   *     than the lease, e.g. a stop-the-world pause or a lost database connection)
   */
  int heartbeat(Collection<Claimed> delivering, Duration lease) {
    if (delivering.isEmpty()) {
      return 0;
    }
    int held = 0;
    OffsetDateTime until = utc(clock.instant().plus(lease));
    // One statement per claim token; a batch claims its rows under one token.
    var byToken = new java.util.HashMap<String, List<Long>>();
    delivering.forEach(c -> byToken.computeIfAbsent(c.token(), t -> new ArrayList<>()).add(c.id()));
    for (var entry : byToken.entrySet()) {
      held +=
          jdbc.sql(
                  """
                  UPDATE integration_outbox SET lease_until = :until
                   WHERE id IN (:ids) AND state = 'delivering' AND lease_owner = :token
                  """)
              .param("until", until)
              .param("ids", entry.getValue())
              .param("token", entry.getKey())
              .update();
    }
    return held;
  }

  /**
   * @return false when the claim was lost: another node took the row over after this one's lease
   *     ran out, and that node's outcome stands
   */
  boolean delivered(Claimed claim, @Nullable String remoteReference, Instant at) {
    return jdbc.sql(
                """
                UPDATE integration_outbox
                   SET state = 'delivered', delivered_at = :at, remote_reference = :reference,
                       last_error = NULL, lease_owner = NULL, lease_until = NULL
                 WHERE id = :id AND state = 'delivering' AND lease_owner = :token
                """)
            .param("id", claim.id())
            .param("token", claim.token())
            .param("at", utc(at))
            .param("reference", remoteReference == null ? null : clip(remoteReference, 500))
            .update()
        == 1;
  }

  /**
   * Makes every row of {@code destination} that waits on its backoff after a failed attempt due
   * now: the destination answered again, so what failed while it was away goes at once rather than
   * at its next step, which may be many minutes later. Returns how many rows it brought forward.
   */
  int resumeWaiting(String destination, Instant at) {
    return jdbc.sql(
            """
            UPDATE integration_outbox SET next_attempt_at = :at
             WHERE destination = :destination AND state = 'pending' AND attempts > 0
               AND next_attempt_at > :at
            """)
        .param("destination", destination)
        .param("at", utc(at))
        .update();
  }

  /** Destinations with rows waiting on their backoff after a failed attempt. */
  List<String> waitingAfterFailure(Instant at) {
    return jdbc.sql(
            """
            SELECT DISTINCT destination FROM integration_outbox
             WHERE state = 'pending' AND attempts > 0 AND next_attempt_at > :at
            """)
        .param("at", utc(at))
        .query(String.class)
        .list();
  }

  /** Back to pending until {@code next}; false when the claim was lost (see delivered). */
  boolean retryAt(Claimed claim, Instant next, String error) {
    return jdbc.sql(
                """
                UPDATE integration_outbox
                   SET state = 'pending', next_attempt_at = :next, last_error = :error,
                       lease_owner = NULL, lease_until = NULL
                 WHERE id = :id AND state = 'delivering' AND lease_owner = :token
                """)
            .param("id", claim.id())
            .param("token", claim.token())
            .param("next", utc(next))
            .param("error", clip(error, 1000))
            .update()
        == 1;
  }

  /** Dead until replayed; false when the claim was lost (see delivered). */
  boolean dead(Claimed claim, String error, Instant at) {
    return jdbc.sql(
                """
                UPDATE integration_outbox
                   SET state = 'dead', dead_at = :at, last_error = :error, lease_owner = NULL,
                       lease_until = NULL
                 WHERE id = :id AND state = 'delivering' AND lease_owner = :token
                """)
            .param("id", claim.id())
            .param("token", claim.token())
            .param("at", utc(at))
            .param("error", clip(error, 1000))
            .update()
        == 1;
  }

  /** One line of the delivery log, whether or not the claim still held. */
  void attempt(
      long outboxId,
      int attempt,
      Instant started,
      long durationMs,
      String outcome,
      @Nullable String error,
      String node) {
    jdbc.sql(
            """
            INSERT INTO integration_delivery_attempt
              (outbox_id, attempt, started_at, duration_ms, outcome, error, node)
            VALUES (:id, :attempt, :started, :duration, :outcome, :error, :node)
            """)
        .param("id", outboxId)
        .param("attempt", attempt)
        .param("started", utc(started))
        .param("duration", Math.max(0, durationMs))
        .param("outcome", outcome)
        .param("error", error == null ? null : clip(error, 1000))
        .param("node", node)
        .update();
  }

  /** Deletes delivered rows (and their attempts) delivered before {@code cutoff}, in batches. */
  long deleteDeliveredBefore(Instant cutoff) {
    long deleted = 0;
    int batch;
    do {
      batch =
          jdbc.sql(
                  """
                  DELETE FROM integration_outbox WHERE id IN (
                    SELECT id FROM integration_outbox
                     WHERE state = 'delivered' AND delivered_at < :cutoff LIMIT 5000)
                  """)
              .param("cutoff", utc(cutoff))
              .update();
      deleted += batch;
    } while (batch > 0);
    return deleted;
  }

  /** Rows still to deliver and dead rows, for the gauges. */
  long[] pendingAndDead() {
    return jdbc.sql(
            """
            SELECT count(*) FILTER (WHERE state IN ('pending', 'delivering')),
                   count(*) FILTER (WHERE state = 'dead')
              FROM integration_outbox WHERE state IN ('pending', 'delivering', 'dead')
            """)
        .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2)})
        .single();
  }

  static OutboxMessage message(ResultSet rs) throws SQLException {
    return new OutboxMessage(
        rs.getLong("id"),
        rs.getString("destination"),
        rs.getString("key"),
        rs.getString("kind"),
        rs.getString("payload"),
        rs.getObject("idempotency_key", UUID.class),
        rs.getInt("attempts"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }

  static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static String clip(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }
}
