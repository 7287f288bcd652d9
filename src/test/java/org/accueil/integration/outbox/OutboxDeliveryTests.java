package org.accueil.integration.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.accueil.integration.outbox.internal.DeliveryLog;
import org.accueil.integration.outbox.internal.OutboxDispatcher;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.ScriptedDestination;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outbox as a module uses it: a row written in the change's transaction is delivered once that
 * commits, retried along its destination's backoff, dead-lettered when that runs out, and replayed.
 */
@AccueilTest
class OutboxDeliveryTests {

  @Autowired Outbox outbox;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired DeliveryLog log;
  @Autowired ScriptedDestination peer;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired TestClock clock;
  @Autowired MeterRegistry meters;
  @Autowired JsonMapper json;

  TransactionTemplate transactions;
  OutboxRows rows;

  @BeforeEach
  void realTime() {
    // Backoff waits are real: retries fall due as time passes.
    clock.reset();
    transactions = new TransactionTemplate(transactionManager);
    rows = new OutboxRows(outbox, transactions, jdbc, dispatcher);
  }

  @Test
  void aRowWrittenInACommittedTransactionIsDeliveredOnceWithItsPayloadAndIdempotencyKey() {
    String destination = ScriptedDestination.fresh("once");

    long id = rows.write(destination, "appointment:a1", "appointment.booked");
    rows.awaitState(id, "delivered");

    List<ScriptedDestination.Call> calls = peer.calls(destination);
    assertThat(calls).hasSize(1);
    OutboxMessage message = calls.getFirst().message();
    assertThat(message.id()).isEqualTo(id);
    assertThat(message.attempt()).isEqualTo(1);
    assertThat(message.kind()).isEqualTo("appointment.booked");
    assertThat(json.readTree(message.payload()).get("key").asString()).isEqualTo("appointment:a1");
    assertThat(message.idempotencyKey())
        .isEqualTo(
            jdbc.sql("SELECT idempotency_key FROM integration_outbox WHERE id = :id")
                .param("id", id)
                .query(java.util.UUID.class)
                .single());
    assertThat(rows.outcomes(id)).containsExactly("delivered");
  }

  @Test
  void theNodesOwnWorkersDeliverACommittedRowWithoutBeingAsked() {
    String destination = ScriptedDestination.fresh("woken");

    long id = rows.write(destination, "appointment:w1", "appointment.booked");

    // No drain from the test: the commit woke the node's workers.
    Instant deadline = Instant.now().plusSeconds(5);
    while (!rows.state(id).equals("delivered")) {
      assertThat(Instant.now()).as("delivered by the workers within 5 s").isBefore(deadline);
      OutboxRows.pause(Duration.ofMillis(10));
    }
  }

  @Test
  void enqueuingOutsideATransactionFailsLoudly() {
    assertThatThrownBy(
            () ->
                outbox.enqueue(
                    ScriptedDestination.fresh("none"),
                    "appointment:x",
                    "appointment.booked",
                    Map.of()))
        .isInstanceOf(IllegalTransactionStateException.class);
  }

  @Test
  void aRolledBackTransactionLeavesNoRowAndNothingIsDelivered() {
    String destination = ScriptedDestination.fresh("rolled-back");

    transactions.executeWithoutResult(
        status -> {
          outbox.enqueue(destination, "appointment:r1", "appointment.booked", Map.of("a", 1));
          status.setRollbackOnly();
        });
    dispatcher.drain();

    assertThat(
            jdbc.sql("SELECT count(*) FROM integration_outbox WHERE destination = :d")
                .param("d", destination)
                .query(Long.class)
                .single())
        .isZero();
    assertThat(peer.calls(destination)).isEmpty();
  }

  @Test
  void namesOutsideTheirGrammarAreRefusedBeforeAnythingIsWritten() {
    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    status -> outbox.enqueue("Test:Upper", "k", "kind", Map.of())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    status -> outbox.enqueue("test:x", "a key with spaces", "kind", Map.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aDestinationThatKeepsFailingIsRetriedAlongItsBackoffThenDelivered() {
    String destination = ScriptedDestination.fresh("flaky");
    peer.script(destination, ScriptedDestination.failing(2));

    long id = rows.write(destination, "appointment:f1", "appointment.booked");
    rows.awaitState(id, "delivered");

    assertThat(rows.outcomes(id)).containsExactly("retry", "retry", "delivered");
    assertThat(rows.attempts(id)).isEqualTo(3);
    List<Instant> starts = rows.attemptStarts(id);
    // 100 ms, then 200 ms (plus up to a fifth of jitter): never earlier.
    assertThat(Duration.between(starts.get(0), starts.get(1)))
        .isGreaterThanOrEqualTo(ScriptedDestination.BACKOFF.get(0));
    assertThat(Duration.between(starts.get(1), starts.get(2)))
        .isGreaterThanOrEqualTo(ScriptedDestination.BACKOFF.get(1));
    assertThat(
            jdbc.sql("SELECT remote_reference FROM integration_outbox WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single())
        .isEqualTo("remote-" + id);
  }

  @Test
  void aDestinationBackFromAnOutageHasItsWaitingRowsDueAtOnce() throws Exception {
    String destination = ScriptedDestination.fresh("probed");
    String stillDown = ScriptedDestination.fresh("still-down");
    java.util.concurrent.atomic.AtomicBoolean down =
        new java.util.concurrent.atomic.AtomicBoolean(true);
    peer.script(
        destination,
        message ->
            down.get()
                ? new Delivery.Retry("HTTP 503", Duration.ofHours(1))
                : Delivery.delivered());
    peer.script(stillDown, message -> new Delivery.Retry("HTTP 503", Duration.ofHours(1)));
    long first = rows.write(destination, "appointment:p1", "appointment.booked");
    long second = rows.write(destination, "appointment:p2", "appointment.booked");
    long other = rows.write(stillDown, "appointment:p3", "appointment.booked");
    for (long id : List.of(first, second, other)) {
      awaitAttempts(id, 1);
    }

    // Not answering yet: the probe leaves the rows on their schedule.
    assertThat(dispatcher.probeWaitingDestinations()).doesNotContain(destination, stillDown);
    assertThat(nextAttempt(first)).isAfter(Instant.now().plus(Duration.ofMinutes(59)));

    down.set(false);
    peer.answering(destination, true);
    // (The node's own probe, every 10 s, may be the one that finds it back: either resumes it.)
    assertThat(dispatcher.probeWaitingDestinations()).doesNotContain(stillDown);

    rows.awaitState(first, "delivered");
    rows.awaitState(second, "delivered");
    assertThat(rows.outcomes(first)).containsExactly("retry", "delivered");
    assertThat(rows.state(other)).isEqualTo("pending");
    assertThat(nextAttempt(other)).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
  }

  @Test
  void aRowFailingOnItsOwnWhileItsDestinationAnswersKeepsItsSchedule() throws Exception {
    String destination = ScriptedDestination.fresh("answering");
    peer.script(destination, message -> new Delivery.Retry("HTTP 409", Duration.ofHours(1)));
    peer.answering(destination, true);
    long id = rows.write(destination, "appointment:q1", "appointment.booked");
    awaitAttempts(id, 1);

    // The destination answers at every probe: nothing says it was away, so nothing is resumed
    // (else the row would spend its attempts at the probe's pace).
    assertThat(dispatcher.probeWaitingDestinations()).doesNotContain(destination);
    assertThat(dispatcher.probeWaitingDestinations()).doesNotContain(destination);
    assertThat(rows.outcomes(id)).containsExactly("retry");
    assertThat(nextAttempt(id)).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
  }

  private void awaitAttempts(long id, int attempts) {
    Instant deadline = Instant.now().plusSeconds(10);
    while (rows.outcomes(id).size() < attempts) {
      assertThat(Instant.now()).as("row %d tried within 10 s", id).isBefore(deadline);
      OutboxRows.pause(Duration.ofMillis(10));
    }
  }

  private Instant nextAttempt(long id) {
    return jdbc.sql("SELECT next_attempt_at FROM integration_outbox WHERE id = :id")
        .param("id", id)
        .query(java.time.OffsetDateTime.class)
        .single()
        .toInstant();
  }

  @Test
  void aPeerAskingForALongerWaitIsObeyed() {
    String destination = ScriptedDestination.fresh("retry-after");
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    peer.script(
        destination,
        message ->
            calls.getAndIncrement() == 0
                ? new Delivery.Retry("HTTP 429", Duration.ofMillis(1500))
                : Delivery.delivered());

    long id = rows.write(destination, "appointment:ra", "appointment.booked");
    rows.awaitState(id, "delivered");

    List<Instant> starts = rows.attemptStarts(id);
    assertThat(Duration.between(starts.get(0), starts.get(1)))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void whenTheBackoffRunsOutTheRowIsDeadTheDestinationAndListenersAreToldAndAReplayDeliversIt() {
    String destination = ScriptedDestination.fresh("down");
    peer.script(destination, message -> Delivery.retry("connect timed out"));

    long id = rows.write(destination, "appointment:d1", "appointment.booked");
    rows.awaitState(id, "dead");

    // Three waits in the backoff: four attempts.
    assertThat(rows.outcomes(id)).containsExactly("retry", "retry", "retry", "retry");
    assertThat(peer.deadLetters(destination)).extracting(OutboxMessage::id).containsExactly(id);
    assertThat(peer.deadLetterEvents(destination))
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.id()).isEqualTo(id);
              assertThat(event.attempts()).isEqualTo(4);
              assertThat(event.lastError()).isEqualTo("connect timed out");
              assertThat(event.key()).isEqualTo("appointment:d1");
            });

    peer.script(destination, message -> Delivery.delivered());
    assertThat(log.replay(id)).isEqualTo(DeliveryLog.Replay.REPLAYED);
    rows.awaitState(id, "delivered");

    assertThat(rows.outcomes(id)).containsExactly("retry", "retry", "retry", "retry", "delivered");
    assertThat(rows.attempts(id)).as("attempts start again at a replay").isEqualTo(1);
    assertThat(log.replay(id)).isEqualTo(DeliveryLog.Replay.NOT_DEAD);
  }

  @Test
  void aRefusalIsDeadAtOnceWithoutRetries() {
    String destination = ScriptedDestination.fresh("refused");
    peer.script(destination, message -> new Delivery.Failed("HTTP 422: Appointment.start missing"));

    long id = rows.write(destination, "appointment:x1", "appointment.booked");
    rows.awaitState(id, "dead");

    assertThat(rows.outcomes(id)).containsExactly("failed");
    assertThat(
            jdbc.sql("SELECT last_error FROM integration_outbox WHERE id = :id")
                .param("id", id)
                .query(String.class)
                .single())
        .isEqualTo("HTTP 422: Appointment.start missing");
  }

  @Test
  void aDestinationThatThrowsIsRetriedAndTheLogKeepsOnlyTheFirstLineOfItsMessage() {
    String destination = ScriptedDestination.fresh("throws");
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    peer.script(
        destination,
        message -> {
          if (calls.getAndIncrement() == 0) {
            throw new IllegalStateException("HTTP 500\n{\"name\":\"Jeanne Martin\"}");
          }
          return Delivery.delivered();
        });

    long id = rows.write(destination, "appointment:t1", "appointment.booked");
    rows.awaitState(id, "delivered");

    assertThat(
            jdbc.sql(
                    "SELECT error FROM integration_delivery_attempt WHERE outbox_id = :id"
                        + " AND outcome = 'retry'")
                .param("id", id)
                .query(String.class)
                .single())
        .isEqualTo("IllegalStateException: HTTP 500");
  }

  @Test
  void aDeliveryThatOutlastsItsTimeoutCountsAsAFailedAttempt() {
    String destination = ScriptedDestination.fresh("hangs");
    java.util.concurrent.atomic.AtomicInteger calls =
        new java.util.concurrent.atomic.AtomicInteger();
    peer.script(
        destination,
        message ->
            calls.getAndIncrement() == 0
                ? ScriptedDestination.slow(Duration.ofSeconds(30)).apply(message)
                : Delivery.delivered());

    long id = rows.write(destination, "appointment:h1", "appointment.booked");
    rows.awaitState(id, "delivered", Duration.ofSeconds(20));

    assertThat(rows.outcomes(id)).containsExactly("timeout", "delivered");
  }

  @Test
  void aRowNoDestinationDeliversStaysPendingAndUntouched() {
    String destination = "nobody:" + java.util.UUID.randomUUID();

    long id = rows.write(destination, "appointment:n1", "appointment.booked");
    dispatcher.drain();
    dispatcher.drain();

    assertThat(rows.state(id)).isEqualTo("pending");
    assertThat(rows.attempts(id)).isZero();
    assertThat(log.detail(id)).isPresent();
    assertThat(log.deliverable(destination)).isFalse();
    jdbc.sql("DELETE FROM integration_outbox WHERE id = :id").param("id", id).update();
  }

  @Test
  void deliveriesAreMeasured() {
    String destination = ScriptedDestination.fresh("measured");
    peer.script(destination, ScriptedDestination.failing(1));
    double failuresBefore = failures();

    long id = rows.write(destination, "appointment:m1", "appointment.booked");
    rows.awaitState(id, "delivered");

    var lag = meters.find("accueil.integration.outbox.lag").tag("destination", "test").timer();
    assertThat(lag).isNotNull();
    assertThat(lag.count()).isPositive();
    assertThat(failures()).isGreaterThan(failuresBefore);
    assertThat(meters.find("accueil.integration.outbox.pending").gauge()).isNotNull();
    assertThat(meters.find("accueil.integration.outbox.dead.letters").gauge().value())
        .isGreaterThanOrEqualTo(0);
  }

  private double failures() {
    var counter =
        meters
            .find("accueil.integration.outbox.failures")
            .tag("destination", "test")
            .tag("outcome", "retry")
            .counter();
    return counter == null ? 0 : counter.count();
  }
}
