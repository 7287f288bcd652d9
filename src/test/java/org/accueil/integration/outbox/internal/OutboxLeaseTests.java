package org.accueil.integration.outbox.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.accueil.integration.outbox.Delivery;
import org.accueil.integration.outbox.Outbox;
import org.accueil.integration.outbox.OutboxDestination;
import org.accueil.integration.outbox.OutboxMessage;
import org.accueil.platform.LiveNotifications;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leases: a node that dies mid-delivery loses its rows to another node once its lease runs out (the
 * peer then sees the row twice, with the same idempotency key: at least once), and a node alive on
 * a slow delivery keeps its lease with its heartbeat.
 *
 * <p>Each test runs a second dispatcher, as another node would, with a short lease and a
 * destination of its own ({@code lease-test:*}), which the application's own dispatcher does not
 * deliver and so leaves alone.
 */
@AccueilTest
class OutboxLeaseTests {

  static final Duration LEASE = Duration.ofMillis(600);

  @Autowired Outbox outbox;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired ApplicationEventPublisher events;
  @Autowired OutboxMetrics metrics;
  @Autowired LiveNotifications live;
  @Autowired TestClock clock;

  /** The other node's peer: counts calls, and may hold a call as long as a test says. */
  static final class Peer implements OutboxDestination {
    final List<OutboxMessage> calls = new CopyOnWriteArrayList<>();
    volatile Duration hold = Duration.ZERO;

    @Override
    public boolean handles(String destination) {
      return destination.startsWith("lease-test:");
    }

    @Override
    public Delivery deliver(OutboxMessage message) throws Exception {
      calls.add(message);
      Thread.sleep(hold);
      return Delivery.delivered();
    }

    @Override
    public Duration timeout() {
      return Duration.ofSeconds(10);
    }
  }

  Peer peer;
  OutboxStore store;
  OutboxDispatcher otherNode;
  TransactionTemplate transactions;
  String destination;

  @BeforeEach
  void anotherNode() {
    clock.reset();
    transactions = new TransactionTemplate(transactionManager);
    peer = new Peer();
    store = new OutboxStore(jdbc, Clock.systemUTC());
    otherNode =
        new OutboxDispatcher(
            store,
            List.of(peer),
            transactionManager,
            events,
            metrics,
            live,
            new OutboxProperties(
                0, Duration.ofSeconds(1), 10, LEASE, Duration.ofDays(1), Duration.ofSeconds(10)),
            Clock.systemUTC());
    destination = "lease-test:" + UUID.randomUUID();
  }

  @AfterEach
  void stopTheOtherNode() {
    otherNode.stop();
    otherNode.destroy();
  }

  @Test
  void aRowWhoseNodeDiedMidDeliveryIsTakenOverAfterItsLeaseAndDeliveredAgainWithTheSameKey() {
    long id = write("appointment:k1");
    // A node claims the row, calls the peer, and is killed before it records the outcome.
    OutboxStore.Claimed dying = null;
    for (int i = 0; i < 50 && dying == null; i++) {
      // The application's dispatcher may hold the new row for an instant (a destination it does
      // not deliver, seen for the first time).
      dying = claimFor("dead-node#1", Duration.ofMillis(300));
    }
    assertThat(dying).isNotNull();
    peer.calls.add(dying.message());

    // Within its lease, nobody else may take it.
    assertThat(claimFor("too-early#1", LEASE)).isNull();
    pause(Duration.ofMillis(400));
    Instant deadline = Instant.now().plusSeconds(5);
    while (!state(id).equals("delivered") && Instant.now().isBefore(deadline)) {
      otherNode.drain();
    }

    assertThat(state(id)).isEqualTo("delivered");
    assertThat(peer.calls).hasSize(2);
    assertThat(peer.calls.get(1).idempotencyKey()).isEqualTo(peer.calls.get(0).idempotencyKey());
    assertThat(peer.calls.get(1).attempt()).isEqualTo(2);
    // The dead node, were it only paused, finds its claim lost: its outcome is not recorded.
    assertThat(store.delivered(dying, null, Instant.now())).isFalse();
    assertThat(store.retryAt(dying, Instant.now(), "late")).isFalse();
    assertThat(state(id)).isEqualTo("delivered");
  }

  @Test
  void theHeartbeatKeepsASlowDeliveryFromBeingTakenOver() throws Exception {
    long id = write("appointment:k2");
    peer.hold = LEASE.multipliedBy(4);
    otherNode.start(); // its heartbeat; it has no worker threads
    Thread delivering = deliveringOnTheOtherNode();
    AtomicBoolean stolen = new AtomicBoolean();
    Instant until = Instant.now().plus(LEASE.multipliedBy(3));
    while (Instant.now().isBefore(until)) {
      if (claimFor("intruder#" + UUID.randomUUID(), LEASE) != null) {
        stolen.set(true);
      }
      pause(Duration.ofMillis(50));
    }
    delivering.join(Duration.ofSeconds(10));

    assertThat(stolen).as("another node took a row whose node was alive").isFalse();
    assertThat(peer.calls).hasSize(1);
    assertThat(state(id)).isEqualTo("delivered");
  }

  @Test
  void withoutAHeartbeatASlowDeliveryIsTakenOverAfterOneLease() throws Exception {
    long id = write("appointment:k3");
    peer.hold = LEASE.multipliedBy(3);
    // Not started: no heartbeat, as a node frozen in a long pause.
    Thread delivering = deliveringOnTheOtherNode();
    pause(LEASE.plus(Duration.ofMillis(300)));

    // A long lease for the intruder: the first node's drain, once its call returns, must not
    // take the row back from it.
    OutboxStore.Claimed intruder = null;
    for (int i = 0; i < 10 && intruder == null; i++) {
      intruder = claimFor("intruder#1", Duration.ofSeconds(30));
      pause(Duration.ofMillis(20));
    }
    delivering.join(Duration.ofSeconds(10));

    assertThat(intruder).isNotNull();
    assertThat(intruder.message().idempotencyKey())
        .isEqualTo(peer.calls.getFirst().idempotencyKey());
    assertThat(state(id)).as("the first node's late outcome did not count").isEqualTo("delivering");
  }

  /**
   * The other node drains until it has called the peer (the application's own dispatcher may hold
   * the new row locked for an instant, the first time it sees a destination it does not deliver);
   * returns once the call began.
   */
  private Thread deliveringOnTheOtherNode() {
    Thread delivering =
        Thread.ofVirtual()
            .start(
                () -> {
                  Instant deadline = Instant.now().plusSeconds(5);
                  while (peer.calls.isEmpty() && Instant.now().isBefore(deadline)) {
                    otherNode.drain();
                  }
                });
    Instant deadline = Instant.now().plusSeconds(5);
    while (peer.calls.isEmpty()) {
      assertThat(Instant.now()).as("the other node called the peer").isBefore(deadline);
      pause(Duration.ofMillis(5));
    }
    return delivering;
  }

  private long write(String key) {
    Long id =
        transactions.execute(
            status -> outbox.enqueue(destination, key, "appointment.booked", Map.of("k", key)));
    return id == null ? -1 : id;
  }

  private OutboxStore.Claimed claimFor(String token, Duration lease) {
    var claim =
        transactions.execute(
            status -> store.claim(token, 10, lease, Set.of(), d -> d.equals(destination)));
    return claim == null || claim.claimed().isEmpty() ? null : claim.claimed().getFirst();
  }

  private String state(long id) {
    return jdbc.sql("SELECT state FROM integration_outbox WHERE id = :id")
        .param("id", id)
        .query(String.class)
        .single();
  }

  private static void pause(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
