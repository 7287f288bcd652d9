package org.accueil.integration.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.accueil.integration.outbox.internal.OutboxDispatcher;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.AuditEvents;
import org.accueil.testing.ScriptedDestination;
import org.accueil.testing.StaffSessions;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/integration/deliveries}: the delivery log, one delivery, replays. */
@AccueilTest
class DeliveriesApiTests {

  @Autowired Api api;
  @Autowired StaffSessions sessions;
  @Autowired AuditEvents audit;
  @Autowired Outbox outbox;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired ScriptedDestination peer;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired TestClock clock;

  OutboxRows rows;

  @BeforeEach
  void realTime() {
    clock.reset();
    rows = new OutboxRows(outbox, new TransactionTemplate(transactionManager), jdbc, dispatcher);
  }

  @Test
  void theLogListsDeliveriesNewestFirstByDestinationAndStateInPages() {
    String destination = ScriptedDestination.fresh("listed");
    peer.script(
        destination,
        m ->
            m.kind().equals("appointment.cancelled")
                ? new Delivery.Failed("HTTP 422")
                : Delivery.delivered());
    long booked = rows.write(destination, "appointment:l1", "appointment.booked");
    long moved = rows.write(destination, "appointment:l1", "appointment.rescheduled");
    long cancelled = rows.write(destination, "appointment:l1", "appointment.cancelled");
    rows.awaitState(cancelled, "dead");
    rows.awaitState(moved, "delivered");

    var all = api.get("/api/v1/integration/deliveries?destination=" + destination);
    assertThat(all.status()).as(all.toString()).isEqualTo(200);
    assertThat(ids(all.body().get("deliveries"))).containsExactly(cancelled, moved, booked);
    assertThat(all.body().get("deliveries").get(0).get("payload")).isNull();

    var dead = api.get("/api/v1/integration/deliveries?state=dead&destination=" + destination);
    assertThat(ids(dead.body().get("deliveries"))).containsExactly(cancelled);
    JsonNode row = dead.body().get("deliveries").get(0);
    assertThat(row.get("lastError").asString()).isEqualTo("HTTP 422");
    assertThat(row.get("kind").asString()).isEqualTo("appointment.cancelled");
    assertThat(row.get("deliverable").asBoolean()).isTrue();

    var first = api.get("/api/v1/integration/deliveries?limit=2&destination=" + destination);
    assertThat(ids(first.body().get("deliveries"))).containsExactly(cancelled, moved);
    long next = first.body().get("nextBefore").asLong();
    var second =
        api.get(
            "/api/v1/integration/deliveries?limit=2&destination="
                + destination
                + "&before="
                + next);
    assertThat(ids(second.body().get("deliveries"))).containsExactly(booked);
    assertThat(second.body().get("nextBefore").isNull()).isTrue();

    var byKind =
        api.get(
            "/api/v1/integration/deliveries?kind=appointment.rescheduled&key=appointment:l1"
                + "&destination="
                + destination);
    assertThat(ids(byKind.body().get("deliveries"))).containsExactly(moved);
  }

  @Test
  void oneDeliveryShowsItsPayloadAttemptsAndLastError() {
    String destination = ScriptedDestination.fresh("one");
    peer.script(destination, ScriptedDestination.failing(1));
    long id = rows.write(destination, "appointment:o1", "appointment.booked");
    rows.awaitState(id, "delivered");

    var one = api.get("/api/v1/integration/deliveries/" + id);

    assertThat(one.status()).as(one.toString()).isEqualTo(200);
    assertThat(one.body().get("delivery").get("state").asString()).isEqualTo("delivered");
    assertThat(one.body().get("delivery").get("remoteReference").asString())
        .isEqualTo("remote-" + id);
    assertThat(one.body().get("payload").get("key").asString()).isEqualTo("appointment:o1");
    JsonNode attempts = one.body().get("attempts");
    assertThat(attempts).hasSize(2);
    assertThat(attempts.get(0).get("outcome").asString()).isEqualTo("delivered");
    assertThat(attempts.get(1).get("outcome").asString()).isEqualTo("retry");
    assertThat(attempts.get(1).get("error").asString()).isEqualTo("HTTP 503 from the test peer");
    assertThat(audit.of("integration.delivery.view", id)).hasSize(1);
  }

  @Test
  void aDeadDeliveryIsReplayedAndAudited() {
    String destination = ScriptedDestination.fresh("replay");
    peer.script(destination, m -> new Delivery.Failed("HTTP 401: token expired"));
    long id = rows.write(destination, "appointment:p1", "appointment.booked");
    rows.awaitState(id, "dead");
    peer.script(destination, m -> Delivery.delivered());

    var replayed = api.post("/api/v1/integration/deliveries/" + id + "/replay", "");

    assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
    // Pending again with its attempts reset, and due at once: the dispatcher may already hold its
    // first new attempt when the answer is read back.
    assertThat(replayed.body().get("delivery").get("state").asString()).isNotEqualTo("dead");
    assertThat(replayed.body().get("delivery").get("attempts").asInt()).isLessThanOrEqualTo(1);
    rows.awaitState(id, "delivered");
    assertThat(audit.of("integration.delivery.replay", id)).hasSize(1);

    var again = api.post("/api/v1/integration/deliveries/" + id + "/replay", "");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.string("type")).isEqualTo("/problems/delivery-not-dead");
    assertThat(again.string("detail")).contains("delivered");

    var unknown = api.post("/api/v1/integration/deliveries/999999999/replay", "");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.string("type")).isEqualTo("/problems/not-found");
  }

  @Test
  void everyDeadDeliveryOfADestinationIsReplayedAtOnce() {
    String destination = ScriptedDestination.fresh("replay-all");
    peer.script(destination, m -> new Delivery.Failed("HTTP 403"));
    long a = rows.write(destination, "appointment:a", "appointment.booked");
    long b = rows.write(destination, "appointment:b", "appointment.booked");
    rows.awaitState(a, "dead");
    rows.awaitState(b, "dead");
    peer.script(destination, m -> Delivery.delivered());

    var replayed = api.post("/api/v1/integration/deliveries/replay?destination=" + destination, "");

    assertThat(replayed.status()).as(replayed.toString()).isEqualTo(200);
    assertThat(ids(replayed.body().get("replayed"))).containsExactly(a, b);
    rows.awaitState(a, "delivered");
    rows.awaitState(b, "delivered");
  }

  @Test
  void badFiltersAreRefusedWithAProblem() {
    var state = api.get("/api/v1/integration/deliveries?state=lost");
    assertThat(state.status()).isEqualTo(400);
    assertThat(state.string("type")).isEqualTo("/problems/invalid-value");
    assertThat(state.string("detail")).contains("pending, delivering, delivered, dead");

    assertThat(api.get("/api/v1/integration/deliveries?destination=FHIR%20x").status())
        .isEqualTo(400);
    assertThat(api.get("/api/v1/integration/deliveries?limit=501").status()).isEqualTo(400);
    assertThat(api.get("/api/v1/integration/deliveries?since=yesterday").status()).isEqualTo(400);
    assertThat(api.get("/api/v1/integration/deliveries/not-a-number").status()).isEqualTo(400);
  }

  @Test
  void theFrontDeskAndCliniciansNeitherReadNorReplayTheLog() {
    Api frontDesk = sessions.signIn(List.of("FRONT_DESK"), null);
    Api clinician = sessions.signIn(List.of("CLINICIAN"), null);

    for (Api staff : List.of(frontDesk, clinician)) {
      assertThat(staff.get("/api/v1/integration/deliveries").status()).isEqualTo(403);
      assertThat(staff.get("/api/v1/integration/deliveries/1").status()).isEqualTo(403);
      var replay = staff.post("/api/v1/integration/deliveries/1/replay", "");
      assertThat(replay.status()).isEqualTo(403);
      assertThat(replay.string("type")).isEqualTo("/problems/forbidden");
    }
  }

  private static List<Long> ids(JsonNode array) {
    List<Long> ids = new java.util.ArrayList<>();
    array.forEach(node -> ids.add(node.isNumber() ? node.asLong() : node.get("id").asLong()));
    return ids;
  }
}
