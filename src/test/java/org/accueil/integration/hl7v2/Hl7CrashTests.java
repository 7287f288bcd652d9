package org.accueil.integration.hl7v2;

import static org.accueil.testing.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.accueil.testing.AccueilProcess;
import org.accueil.testing.RestClinic;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Accueil killed with SIGKILL while SIU messages are on the wire to a HAPI MLLP peer that is slow
 * to acknowledge: after a restart on the same database every booking and cancellation reaches the
 * peer, those whose ACK was lost a second time with the same MSH-10, and a peer that deduplicates
 * on MSH-10 (the contract) applies each exactly once, in order per appointment. Accueil runs in a
 * JVM of its own ({@link AccueilProcess}); bookings go through its REST API.
 */
@Tag("slow")
class Hl7CrashTests {

  static final int BOOKINGS = 30;
  static final int CANCELLED = 5;

  /** Long enough that the kill lands while several messages wait for their ACK. */
  static final Duration ACK_DELAY = Duration.ofMillis(1500);

  TestPeer peer;
  AccueilProcess node;

  @BeforeEach
  void aSlowPeerAndAnAccueilSendingToIt() {
    peer = TestPeer.startNew();
    peer.ackDelay(ACK_DELAY);
    node =
        AccueilProcess.onNewDatabase(
            "--accueil.integration.hl7v2.outbound.host=127.0.0.1",
            "--accueil.integration.hl7v2.outbound.port=" + peer.port(),
            "--accueil.integration.hl7v2.outbound.ack-timeout=5s",
            "--accueil.integration.hl7v2.outbound.backoff=200ms,500ms,1s,2s,2s,2s,2s,2s,2s,2s",
            // A killed node's claims are taken over after the lease: 2 s rather than 15.
            "--accueil.integration.outbox.lease=2s");
  }

  @AfterEach
  void stopBoth() throws Exception {
    node.close();
    peer.close();
  }

  @Test
  void killedWhileMessagesAwaitTheirAckEveryBookingReachesThePeerOnceAfterARestart() {
    Instant t0 = Instant.now();
    node.start();
    Duration firstStart = node.lastStart();
    RestClinic clinic = RestClinic.create(node.api());
    List<String> booked = new ArrayList<>();
    for (ZonedDateTime start : RestClinic.starts(BOOKINGS)) {
      booked.add(clinic.book(node.api(), start, "Kim" + Tags.letters(), "Crash"));
    }
    List<String> cancelled = booked.subList(0, CANCELLED);
    cancelled.forEach(id -> clinic.cancel(node.api(), id));
    int rows = BOOKINGS + CANCELLED;

    // Messages applied by the peer, their ACK not written yet: the kill loses those ACKs.
    await(() -> peer.awaitingAck() > 0, Duration.ofSeconds(60), "a message awaiting its ACK");
    JdbcClient db = node.database();
    int awaitingAck = peer.awaitingAck();
    node.kill();
    Map<String, Object> atTheKill = states(db);
    int receivedAtTheKill = peer.received().size();
    assertThat(delivered(db)).as("rows delivered before the kill").isLessThan(rows);
    Instant killed = Instant.now();
    peer.ackDelay(Duration.ZERO);

    node.start();
    Duration restart = node.lastStart();
    await(
        () -> delivered(db) == rows,
        Duration.ofSeconds(90),
        "every row delivered after the restart");
    Duration recovery = Duration.between(killed, Instant.now());

    for (String id : booked) {
      List<String> expected = cancelled.contains(id) ? List.of("S12", "S15") : List.of("S12");
      assertThat(peer.appliedOf(id))
          .as("what the peer applied of appointment %s", id)
          .extracting(TestPeer.Received::event)
          .isEqualTo(expected);
    }
    assertThat(peer.applied()).hasSize(rows);
    int redelivered = peer.received().size() - peer.applied().size();
    assertThat(redelivered)
        .as("messages whose ACK the kill lost, sent again with the same MSH-10")
        .isPositive();
    assertThat(
            db.sql("SELECT count(*) FROM integration_outbox WHERE attempts > 1")
                .query(Integer.class)
                .single())
        .isGreaterThanOrEqualTo(redelivered);
    System.out.printf(
        "Hl7CrashTests: %d rows; at the kill %s, %d received by the peer, %d awaiting their ACK;"
            + " %d sent again after the restart (same MSH-10, not applied twice). First start %d"
            + " ms, restart %d ms, kill to all delivered %d ms, whole test %d ms.%n",
        rows,
        atTheKill,
        receivedAtTheKill,
        awaitingAck,
        redelivered,
        firstStart.toMillis(),
        restart.toMillis(),
        recovery.toMillis(),
        Duration.between(t0, Instant.now()).toMillis());
  }

  private static int delivered(JdbcClient db) {
    return db.sql(
            "SELECT count(*) FROM integration_outbox WHERE destination = 'hl7v2'"
                + " AND state = 'delivered'")
        .query(Integer.class)
        .single();
  }

  private static Map<String, Object> states(JdbcClient db) {
    Map<String, Object> states = new java.util.TreeMap<>();
    db.sql("SELECT state, count(*) AS n FROM integration_outbox GROUP BY state")
        .query()
        .listOfRows()
        .forEach(r -> states.put((String) r.get("state"), r.get("n")));
    return states;
  }
}
