package org.accueil.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.accueil.platform.Actor;
import org.accueil.platform.AuditRecord;
import org.accueil.platform.AuditRecord.Outcome;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How records become rows: in the publisher's transaction, at its commit, gapless and chained,
 * whatever the transactions around them do. Runs on the shared application: every assertion on the
 * whole trail holds whatever other tests wrote.
 */
@AccueilTest
class AuditTrailTests {

  @Autowired ApplicationEventPublisher events;
  @Autowired PlatformTransactionManager transactions;
  @Autowired JdbcClient jdbc;
  @Autowired AuditTrail trail;
  @Autowired TestClock clock;

  @AfterEach
  void realTime() {
    clock.reset();
  }

  @Test
  void aRecordPublishedInATransactionBecomesARowOfTheChainWhenItCommits() {
    String id = newId();
    clock.set(Instant.parse("2026-03-30T07:30:00.123456789Z"));

    inTransaction(
        () -> {
          events.publishEvent(AuditRecords.viewed("patient", id));
          assertThat(rowsFor(id)).as("not written before the commit").isEmpty();
        });

    AuditEvent row = rowsFor(id).getFirst();
    assertThat(row.occurredAt()).isEqualTo(Instant.parse("2026-03-30T07:30:00.123456Z"));
    assertThat(row.actorReference()).isEqualTo("api-key:" + AuditRecords.FRONT_DESK_KEY.id());
    assertThat(row.actorName()).isEqualTo("Front desk tablet");
    assertThat(row.actorRoles()).containsExactly("FRONT_DESK");
    assertThat(row.action()).isEqualTo("patient.view");
    assertThat(row.entityType()).isEqualTo("patient");
    assertThat(row.outcome()).isEqualTo("success");
    assertThat(row.ip()).isEqualTo("203.0.113.7");
    assertThat(row.channel()).isEqualTo("api");
    assertThat(row.refs()).containsEntry("patient", "0193e8a4-6000-7000-8000-0000000000b3");
    assertThat(row.hashMatches()).isTrue();
    assertChainIntactAndGapless();
  }

  @Test
  void aTransactionsRecordsAreWrittenTogetherInPublicationOrder() {
    String id = newId();

    inTransaction(
        () -> {
          events.publishEvent(
              AuditRecords.of("appointment.book", "appointment", id, Outcome.SUCCESS));
          events.publishEvent(
              AuditRecords.of("appointment.check-in", "appointment", id, Outcome.SUCCESS));
          events.publishEvent(
              AuditRecords.of("appointment.fulfil", "appointment", id, Outcome.SUCCESS));
        });

    List<AuditEvent> rows = rowsFor(id);
    assertThat(rows)
        .extracting(AuditEvent::action)
        .containsExactly("appointment.book", "appointment.check-in", "appointment.fulfil");
    assertThat(rows.get(1).seq()).isEqualTo(rows.get(0).seq() + 1);
    assertThat(rows.get(2).seq()).isEqualTo(rows.get(1).seq() + 1);
    assertThat(rows.get(2).follows(rows.get(1).hash())).isTrue();
  }

  @Test
  void aRolledBackTransactionLeavesNoAuditRowAndNoGap() {
    String undone = newId();
    String after = newId();

    inTransaction(
        () -> {
          events.publishEvent(
              AuditRecords.of("appointment.cancel", "appointment", undone, Outcome.SUCCESS));
          TransactionSynchronizationManager.getSynchronizations(); // still in the transaction
          throw new RolledBack();
        });
    events.publishEvent(AuditRecords.viewed("patient", after));

    assertThat(rowsFor(undone)).isEmpty();
    assertThat(rowsFor(after)).hasSize(1);
    assertChainIntactAndGapless();
  }

  @Test
  void aRefusalIsRecordedEvenWhenTheTransactionAroundItRollsBack() {
    String id = newId();

    inTransaction(
        () -> {
          events.publishEvent(
              AuditRecords.of("appointment.cancel", "appointment", id, Outcome.DENIED));
          assertThat(rowsFor(id)).as("written at once, in a transaction of its own").hasSize(1);
          throw new RolledBack();
        });

    assertThat(rowsFor(id)).extracting(AuditEvent::outcome).containsExactly("denied");
    assertChainIntactAndGapless();
  }

  @Test
  void aRecordPublishedOutsideATransactionIsWrittenAtOnce() {
    String id = newId();

    events.publishEvent(AuditRecords.of("login.failure", "user", id, Outcome.FAILED));

    assertThat(rowsFor(id)).extracting(AuditEvent::outcome).containsExactly("failed");
  }

  @Test
  void aRecordPublishedInAReadOnlyTransactionIsWrittenAtOnce() {
    String id = newId();
    TransactionTemplate readOnly = new TransactionTemplate(transactions);
    readOnly.setReadOnly(true);

    readOnly.executeWithoutResult(
        s -> {
          events.publishEvent(AuditRecords.viewed("patient", id));
          assertThat(rowsFor(id)).hasSize(1);
        });

    assertThat(rowsFor(id)).hasSize(1);
  }

  @Test
  void aRecordPublishedByAnotherCommitCallbackIsCommittedWithTheTransaction() {
    String first = newId();
    String late = newId();

    inTransaction(
        () -> {
          events.publishEvent(AuditRecords.viewed("patient", first));
          TransactionSynchronizationManager.registerSynchronization(
              new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                  events.publishEvent(AuditRecords.viewed("patient", late));
                }

                @Override
                public int getOrder() {
                  return Ordered.LOWEST_PRECEDENCE;
                }
              });
        });

    assertThat(rowsFor(first)).hasSize(1);
    assertThat(rowsFor(late)).hasSize(1);
    assertThat(rowsFor(late).getFirst().seq()).isEqualTo(rowsFor(first).getFirst().seq() + 1);
  }

  @Test
  void aRecordPublishedAfterTheCommitIsWrittenOnItsOwnNotLost() {
    String late = newId();

    inTransaction(
        () ->
            TransactionSynchronizationManager.registerSynchronization(
                new TransactionSynchronization() {
                  @Override
                  public void afterCommit() {
                    events.publishEvent(AuditRecords.viewed("patient", late));
                  }
                }));

    assertThat(rowsFor(late)).hasSize(1);
    assertChainIntactAndGapless();
  }

  @Test
  void anInnerTransactionOfItsOwnCommitsItsRecordsEvenIfTheOuterOneRollsBack() {
    String inner = newId();
    String outer = newId();
    TransactionTemplate requiresNew = new TransactionTemplate(transactions);
    requiresNew.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);

    inTransaction(
        () -> {
          events.publishEvent(AuditRecords.viewed("patient", outer));
          requiresNew.executeWithoutResult(
              s -> events.publishEvent(AuditRecords.viewed("patient", inner)));
          throw new RolledBack();
        });

    assertThat(rowsFor(inner)).hasSize(1);
    assertThat(rowsFor(outer)).isEmpty();
    assertChainIntactAndGapless();
  }

  @Test
  void anOpenTransactionDoesNotHoldUpAnotherTransactionsAudit() throws Exception {
    String slow = newId();
    String quick = newId();
    CountDownLatch published = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<?> slowTransaction =
          pool.submit(
              () ->
                  inTransaction(
                      () -> {
                        events.publishEvent(AuditRecords.viewed("patient", slow));
                        published.countDown();
                        await(release);
                      }));
      await(published);

      // The head is locked only while a transaction commits: this one goes through meanwhile.
      long started = System.nanoTime();
      inTransaction(() -> events.publishEvent(AuditRecords.viewed("patient", quick)));
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(5);
      assertThat(rowsFor(slow)).isEmpty();

      release.countDown();
      slowTransaction.get(30, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
    // Rows take their place when they commit, not when they were recorded.
    assertThat(rowsFor(slow).getFirst().seq()).isGreaterThan(rowsFor(quick).getFirst().seq());
    assertChainIntactAndGapless();
  }

  @Test
  void concurrentAppendsFromManyThreadsKeepAGaplessIntactChain() throws Exception {
    String tag = newId();
    int threads = 16;
    int perThread = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Integer>> committed = new ArrayList<>();
    CountDownLatch start = new CountDownLatch(1);
    for (int t = 0; t < threads; t++) {
      int thread = t;
      committed.add(
          pool.submit(
              () -> {
                await(start);
                int written = 0;
                for (int i = 0; i < perThread; i++) {
                  String entity = tag + "-" + thread + "-" + i;
                  switch (i % 4) {
                    case 0 -> {
                      events.publishEvent(AuditRecords.viewed("patient", entity));
                      written++;
                    }
                    case 1, 2 -> {
                      inTransaction(
                          () -> {
                            events.publishEvent(AuditRecords.viewed("patient", entity));
                            events.publishEvent(AuditRecords.viewed("appointment", entity));
                          });
                      written += 2;
                    }
                    default ->
                        inTransaction(
                            () -> {
                              events.publishEvent(AuditRecords.viewed("patient", entity));
                              throw new RolledBack();
                            });
                  }
                }
                return written;
              }));
    }
    start.countDown();
    int expected = 0;
    for (Future<Integer> f : committed) {
      expected += f.get(120, TimeUnit.SECONDS);
    }
    pool.shutdown();

    long written =
        jdbc.sql("SELECT count(*) FROM audit_event WHERE entity_id LIKE :tag")
            .param("tag", tag + "-%")
            .query(Long.class)
            .single();
    assertThat(written).isEqualTo(expected);
    assertChainIntactAndGapless();
  }

  @Test
  void textPostgresqlCannotStoreAsItIsIsCleanedBeforeItIsHashed() {
    String id = newId();
    Actor odd =
        new Actor(
            Actor.Kind.USER,
            "user\u0000" + id,
            "Broken \uD800 surrogate",
            Set.of("FRONT_DESK"),
            Set.of(),
            null,
            null);

    events.publishEvent(
        new AuditRecord(
            "login.failure",
            "user",
            "x".repeat(5_000) + id,
            Outcome.DENIED,
            odd,
            null,
            "web",
            null,
            Map.of("attempted", "é\u0000")));

    AuditEvent row =
        jdbc.sql("SELECT seq FROM audit_event WHERE actor_id = :id")
            .param("id", "user\uFFFD" + id)
            .query(Long.class)
            .optional()
            .map(seq -> trail.search(search(seq + 1)).events().getFirst())
            .orElseThrow();
    assertThat(row.actorName()).isEqualTo("Broken ? surrogate");
    assertThat(row.entityId()).hasSize(500).endsWith("…");
    assertThat(row.refs()).containsEntry("attempted", "é\uFFFD");
    assertThat(row.hashMatches()).isTrue();
    assertChainIntactAndGapless();
  }

  @Test
  void theDatabaseRefusesToChangeOrRemoveAuditRows() {
    events.publishEvent(AuditRecords.viewed("patient", newId()));

    for (String sql :
        List.of(
            "UPDATE audit_event SET action = 'patient.merge' WHERE seq = 1",
            "DELETE FROM audit_event WHERE seq = 1",
            "TRUNCATE audit_event",
            "UPDATE audit_head SET last_seq = 0",
            "UPDATE audit_head SET last_seq = last_seq + 1",
            "DELETE FROM audit_head",
            "TRUNCATE audit_head")) {
      assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).hasMessageContaining("audit_");
    }
    assertChainIntactAndGapless();
  }

  private void assertChainIntactAndGapless() {
    Verification result = trail.verify();
    assertThat(result.valid()).as("valid: %s", result.firstBroken()).isTrue();
    var counts =
        jdbc.sql(
                "SELECT count(*) AS rows, coalesce(min(seq), 1) AS first, coalesce(max(seq), 0) AS last FROM audit_event")
            .query((rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)})
            .single();
    assertThat(counts[1]).as("first seq").isEqualTo(1);
    assertThat(counts[2]).as("last seq").isEqualTo(counts[0]);
    assertThat(result.rowsChecked()).isGreaterThanOrEqualTo(counts[0]);
  }

  private List<AuditEvent> rowsFor(String entityId) {
    return trail
        .search(new AuditSearch(null, null, null, null, entityId, null, null, null, null, 500))
        .events()
        .reversed();
  }

  private static AuditSearch search(long before) {
    return new AuditSearch(null, null, null, null, null, null, null, null, before, 1);
  }

  private void inTransaction(Runnable work) {
    try {
      new TransactionTemplate(transactions).executeWithoutResult(s -> work.run());
    } catch (RolledBack expected) {
      // the work asked for the rollback
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  /** Thrown by a test's transaction to roll it back. */
  private static final class RolledBack extends RuntimeException {}
}
