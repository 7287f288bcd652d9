package org.accueil.integration.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.accueil.integration.outbox.internal.DeliveryLog;
import org.accueil.integration.outbox.internal.OutboxDispatcher;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.ScriptedDestination;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rows of one destination and key are delivered one at a time, in the order they were written,
 * however many workers claim at once; a retrying row holds its key back, a dead one does not.
 */
@AccueilTest
class OutboxOrderingTests {

  @Autowired Outbox outbox;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired DeliveryLog log;
  @Autowired ScriptedDestination peer;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired TestClock clock;

  TransactionTemplate transactions;
  OutboxRows rows;

  @BeforeEach
  void realTime() {
    clock.reset();
    transactions = new TransactionTemplate(transactionManager);
    rows = new OutboxRows(outbox, transactions, jdbc, dispatcher);
  }

  @Test
  void manyKeysWrittenAndDrainedConcurrentlyAreEachDeliveredOnceInTheOrderWritten()
      throws Exception {
    String destination = ScriptedDestination.fresh("ordered");
    int keys = 25;
    int perKey = 8;
    // Each key's deliveries as the peer sees them, and whether two of one key ever overlapped.
    Map<String, List<Integer>> seen = new ConcurrentHashMap<>();
    Map<String, Boolean> busy = new ConcurrentHashMap<>();
    AtomicBoolean overlapped = new AtomicBoolean();
    peer.script(
        destination,
        message -> {
          if (busy.put(message.key(), true) != null) {
            overlapped.set(true);
          }
          try {
            // Slow and uneven, as a real peer: a later row of another key often finishes first.
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 8));
            if (ThreadLocalRandom.current().nextInt(10) == 0 && message.attempt() == 1) {
              return Delivery.retry("HTTP 503 now and then");
            }
            seen.computeIfAbsent(
                    message.key(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(sequence(message));
            return Delivery.delivered();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Delivery.retry("interrupted");
          } finally {
            busy.remove(message.key());
          }
        });

    // Writers on four threads, each key's rows in sequence; the node's workers and three more
    // drainers (as other nodes) claim while the rows are written.
    ExecutorService threads = Executors.newFixedThreadPool(7);
    AtomicBoolean writing = new AtomicBoolean(true);
    List<Future<?>> drainers = new ArrayList<>();
    for (int d = 0; d < 3; d++) {
      drainers.add(
          threads.submit(
              () -> {
                while (writing.get() || pending(destination) > 0) {
                  dispatcher.drain();
                  OutboxRows.pause(Duration.ofMillis(5));
                }
                return null;
              }));
    }
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      writers.add(
          threads.submit(
              () -> {
                for (int s = 0; s < perKey; s++) {
                  for (int k = writer; k < keys; k += 4) {
                    int sequence = s;
                    String key = "appointment:" + k;
                    transactions.executeWithoutResult(
                        status ->
                            outbox.enqueue(
                                destination, key, "appointment.changed", Map.of("seq", sequence)));
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : writers) {
      f.get();
    }
    writing.set(false);
    Instant deadline = Instant.now().plusSeconds(60);
    for (Future<?> f : drainers) {
      f.get(
          Duration.between(Instant.now(), deadline).toMillis(),
          java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    threads.shutdown();

    assertThat(overlapped).as("two rows of one key delivered at once").isFalse();
    assertThat(seen).hasSize(keys);
    List<Integer> inOrder = new ArrayList<>();
    for (int s = 0; s < perKey; s++) {
      inOrder.add(s);
    }
    Map<String, List<Integer>> wrong = new LinkedHashMap<>();
    seen.forEach(
        (key, sequence) -> {
          if (!sequence.equals(inOrder)) {
            wrong.put(key, sequence);
          }
        });
    assertThat(wrong).as("keys delivered out of order or more than once").isEmpty();
  }

  @Test
  void aRetryingRowHoldsBackTheLaterRowsOfItsKeyButNotOtherKeys() {
    String destination = ScriptedDestination.fresh("held-back");
    List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.atomic.AtomicInteger firstCalls =
        new java.util.concurrent.atomic.AtomicInteger();
    peer.script(
        destination,
        message -> {
          if (message.kind().equals("appointment.booked")
              && message.key().equals("appointment:slow")
              && firstCalls.getAndIncrement() < 2) {
            return Delivery.retry("HTTP 503");
          }
          delivered.add(message.key() + " " + message.kind());
          return Delivery.delivered();
        });

    long booked = rows.write(destination, "appointment:slow", "appointment.booked");
    long cancelled = rows.write(destination, "appointment:slow", "appointment.cancelled");
    long other = rows.write(destination, "appointment:other", "appointment.booked");
    rows.awaitState(cancelled, "delivered");

    assertThat(rows.state(booked)).isEqualTo("delivered");
    assertThat(rows.state(other)).isEqualTo("delivered");
    assertThat(delivered)
        .containsSubsequence(
            "appointment:slow appointment.booked", "appointment:slow appointment.cancelled");
    assertThat(delivered.indexOf("appointment:other appointment.booked"))
        .as("the other key did not wait for the retries")
        .isLessThan(delivered.indexOf("appointment:slow appointment.booked"));
  }

  @Test
  void aDeadRowDoesNotHoldBackTheLaterRowsOfItsKey() {
    String destination = ScriptedDestination.fresh("dead-head");
    peer.script(
        destination,
        message ->
            message.kind().equals("appointment.booked")
                ? new Delivery.Failed("HTTP 422")
                : Delivery.delivered());

    long booked = rows.write(destination, "appointment:d", "appointment.booked");
    long cancelled = rows.write(destination, "appointment:d", "appointment.cancelled");
    rows.awaitState(cancelled, "delivered");

    assertThat(rows.state(booked)).isEqualTo("dead");
  }

  @Test
  void aReplayedRowHoldsBackTheRowsOfItsKeyStillPending() {
    String destination = ScriptedDestination.fresh("replayed-head");
    peer.script(destination, message -> new Delivery.Failed("HTTP 422"));
    long first = rows.write(destination, "appointment:r", "appointment.booked");
    rows.awaitState(first, "dead");
    // The peer is down now, and asks for a minute: the next row waits in its backoff.
    peer.script(destination, message -> new Delivery.Retry("HTTP 503", Duration.ofMinutes(1)));
    long second = rows.write(destination, "appointment:r", "appointment.rescheduled");
    Instant deadline = Instant.now().plusSeconds(10);
    // Its attempt recorded, not only claimed: a claim counts the attempt while it is delivering.
    while (rows.outcomes(second).isEmpty()) {
      assertThat(Instant.now()).as("the second row tried").isBefore(deadline);
      dispatcher.drain();
      OutboxRows.pause(Duration.ofMillis(20));
    }
    assertThat(rows.state(second)).isEqualTo("pending");

    List<String> delivered = java.util.Collections.synchronizedList(new ArrayList<>());
    peer.script(
        destination,
        message -> {
          delivered.add(message.kind());
          return Delivery.delivered();
        });
    log.replay(first);
    // The minute passes.
    jdbc.sql("UPDATE integration_outbox SET next_attempt_at = now() WHERE id = :id")
        .param("id", second)
        .update();
    rows.awaitState(second, "delivered");

    assertThat(delivered).containsExactly("appointment.booked", "appointment.rescheduled");
  }

  private int pending(String destination) {
    return jdbc.sql(
            "SELECT count(*) FROM integration_outbox WHERE destination = :d"
                + " AND state IN ('pending', 'delivering')")
        .param("d", destination)
        .query(Integer.class)
        .single();
  }

  private static int sequence(OutboxMessage message) {
    String payload = message.payload();
    return Integer.parseInt(payload.replaceAll("\\D", ""));
  }
}
