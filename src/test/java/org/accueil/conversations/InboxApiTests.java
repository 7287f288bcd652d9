package org.accueil.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.practice.PracticeAdministration;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.ClinicFixture;
import org.accueil.testing.Deliveries;
import org.accueil.testing.SecondNode;
import org.accueil.testing.StaffSessions;
import org.accueil.testing.Tags;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The staff's inbox over the API: replies, notes, assignment, states, read markers, live news. */
@AccueilTest
class InboxApiTests {

  @Autowired Api api;
  @Autowired ChannelInbox inbox;
  @Autowired ChannelOutbox outbox;
  @Autowired JdbcClient jdbc;
  @Autowired StaffSessions sessions;
  @Autowired TestClock clock;
  @Autowired Environment environment;
  @Autowired PracticeAdministration admin;

  Api frontDesk;

  @BeforeEach
  void aReceptionist() {
    clock.reset();
    frontDesk = sessions.signIn(List.of("FRONT_DESK"), null);
  }

  /** A visitor of the practice's site writes in the web chat, through its real endpoints. */
  record Visitor(String token, String conversation, String patient, String providerKey) {}

  Visitor visitorWrites(String text) {
    var session = api.anonymous().post("/channels/webchat/sessions", Map.of());
    assertThat(session.status()).as(session.toString()).isEqualTo(201);
    String token = session.string("visitorToken");
    String key = Deliveries.webChat(api, inbox, jdbc, token, text);
    var row =
        jdbc.sql(
                "SELECT c.id::text AS conversation, c.patient_id::text AS patient FROM conversation c"
                    + " JOIN conversation_entry e ON e.conversation_id = c.id"
                    + " WHERE e.provider_key = :key")
            .param("key", key)
            .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
            .single();
    return new Visitor(token, row[0], row[1], key);
  }

  JsonNode conversation(Visitor v) {
    return api.get("/api/v1/conversations/" + v.conversation()).body();
  }

  List<String> ids(JsonNode list) {
    List<String> ids = new ArrayList<>();
    list.forEach(c -> ids.add(c.path("id").asString()));
    return ids;
  }

  @Test
  void aReplyGoesWhereThePatientLastWroteAndTheVisitorReadsItBack() {
    Visitor v = visitorWrites("Bonjour, vous êtes ouverts samedi ? " + Tags.letters());
    assertThat(conversation(v).path("state").asString()).isEqualTo("waiting-for-staff");

    var reply =
        frontDesk.post(
            "/api/v1/conversations/" + v.conversation() + "/replies",
            Map.of("text", "Oui, de 9 h à 12 h."));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    assertThat(reply.string("channel")).isEqualTo("webchat");
    assertThat(reply.string("direction")).isEqualTo("outbound");
    assertThat(reply.string("author")).isEqualTo("staff");
    assertThat(reply.string("delivery")).isEqualTo("queued");
    JsonNode after = conversation(v);
    assertThat(after.path("state").asString()).isEqualTo("with-staff");
    assertThat(after.path("assignee").asString()).startsWith("user:");

    outbox.sendPending();
    JsonNode timeline = api.get("/api/v1/conversations/" + v.conversation() + "/timeline").body();
    for (int i = 0;
        i < 200
            && !timeline.get(timeline.size() - 1).path("delivery").asString().equals("delivered");
        i++) {
      // The node's own send workers may have claimed the message before this thread did.
      sleep(25);
      timeline = api.get("/api/v1/conversations/" + v.conversation() + "/timeline").body();
    }
    assertThat(timeline.get(timeline.size() - 1).path("delivery").asString())
        .isEqualTo("delivered");
    JsonNode readBack =
        api.anonymous()
            .with("X-Visitor-Token", v.token())
            .get("/channels/webchat/messages")
            .body()
            .path("messages");
    assertThat(readBack.get(readBack.size() - 1).path("text").asString())
        .isEqualTo("Oui, de 9 h à 12 h.");
  }

  @Test
  void aReplyThatIsOnlyANumberPicksThatChoiceOfTheLastMessage() {
    Visitor v = visitorWrites("Je voudrais un rendez-vous " + Tags.letters());
    var offered =
        frontDesk.post(
            "/api/v1/conversations/" + v.conversation() + "/replies",
            Map.of(
                "text",
                "Quel créneau vous convient ?",
                "choices",
                List.of(
                    Map.of("id", "slot-tuesday-10", "title", "Mardi 10 h"),
                    Map.of("id", "slot-wednesday-9", "title", "Mercredi 9 h"))));
    assertThat(offered.status()).as(offered.toString()).isEqualTo(201);

    JsonNode two = answer(v, "2");
    assertThat(two.path("data").path("choice").asString()).isEqualTo("slot-wednesday-9");
    assertThat(two.path("data").path("choiceBy").asString()).isEqualTo("number");
    // A number beyond the choices, or a sentence with a number in it, is just text.
    assertThat(answer(v, "3").path("data").path("choice").isMissingNode()).isTrue();
    assertThat(answer(v, "2 personnes").path("data").path("choice").isMissingNode()).isTrue();
  }

  /** The visitor writes; the entry as it is on the timeline. */
  private JsonNode answer(Visitor v, String text) {
    Deliveries.webChat(api, inbox, jdbc, v.token(), text);
    JsonNode timeline = api.get("/api/v1/conversations/" + v.conversation() + "/timeline").body();
    return timeline.get(timeline.size() - 1);
  }

  @Test
  void aRetriedReplyWithTheSameIdempotencyKeyIsSentOnce() {
    Visitor v = visitorWrites("Puis-je venir avec mon fils ? " + Tags.letters());
    String key = UUID.randomUUID().toString();
    Api once = frontDesk.with("Idempotency-Key", key);

    var first =
        once.post("/api/v1/conversations/" + v.conversation() + "/replies", Map.of("text", "Oui."));
    var second =
        once.post("/api/v1/conversations/" + v.conversation() + "/replies", Map.of("text", "Oui."));

    assertThat(first.status()).isEqualTo(201);
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.string("id")).isEqualTo(first.string("id"));
    assertThat(api.get("/api/v1/conversations/" + v.conversation() + "/timeline").body())
        .hasSize(2);
  }

  @Test
  void aReplyOnAChannelThePatientCannotBeReachedOnIsRefusedAndWritesNothing() {
    Visitor v = visitorWrites("Merci de me rappeler " + Tags.letters());

    var refused =
        frontDesk.post(
            "/api/v1/conversations/" + v.conversation() + "/replies",
            Map.of("text", "Nous vous rappelons.", "channel", "sms"));

    assertThat(refused.status()).as(refused.toString()).isIn(409);
    assertThat(refused.string("type"))
        .isIn("/problems/channel-not-configured", "/problems/no-address-on-channel");
    assertThat(refused.string("detail")).isNotBlank();
    assertThat(api.get("/api/v1/conversations/" + v.conversation() + "/timeline").body())
        .hasSize(1);
  }

  @Test
  void aNoteIsOnTheTimelineButNeverReachesThePatient() {
    Visitor v = visitorWrites("J'ai mal au dos " + Tags.letters());

    var note =
        frontDesk.post(
            "/api/v1/conversations/" + v.conversation() + "/notes",
            Map.of("text", "Patient déjà vu pour lombalgie en 2024"));

    assertThat(note.status()).as(note.toString()).isEqualTo(201);
    assertThat(note.string("kind")).isEqualTo("note");
    assertThat(note.body().path("channel").isNull()).isTrue();
    JsonNode readBack =
        api.anonymous()
            .with("X-Visitor-Token", v.token())
            .get("/channels/webchat/messages")
            .body()
            .path("messages");
    assertThat(readBack.toString()).doesNotContain("lombalgie");
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM channel_outbound WHERE created_at > now() - interval '1 minute'"
                        + " AND reference IN (SELECT reference FROM conversation_delivery WHERE entry_id = :e::uuid)")
                .param("e", note.string("id"))
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void assignedResolvedAndSnoozedConversationsShowInTheRightViews() {
    Visitor v = visitorWrites("Une question administrative " + Tags.letters());
    String path = "/api/v1/conversations/" + v.conversation();
    var unassigned = api.get("/api/v1/conversations?unassigned=true&limit=200");
    assertThat(unassigned.status()).as(unassigned.toString()).isEqualTo(200);
    assertThat(ids(unassigned.body())).contains(v.conversation());

    var mine = frontDesk.post(path + "/assign", Map.of("assignee", "me"));
    assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
    assertThat(mine.string("state")).isEqualTo("with-staff");
    assertThat(ids(frontDesk.get("/api/v1/conversations?mine=true&limit=200").body()))
        .contains(v.conversation());
    assertThat(ids(api.get("/api/v1/conversations?unassigned=true&limit=200").body()))
        .doesNotContain(v.conversation());
    assertThat(ids(api.get("/api/v1/conversations?channel=webchat&limit=200").body()))
        .contains(v.conversation());
    assertThat(ids(api.get("/api/v1/conversations?channel=sms&limit=200").body()))
        .doesNotContain(v.conversation());

    assertThat(frontDesk.post(path + "/resolve", Map.of()).string("state")).isEqualTo("resolved");
    assertThat(ids(api.get("/api/v1/conversations?limit=200").body()))
        .doesNotContain(v.conversation());
    assertThat(ids(api.get("/api/v1/conversations?state=resolved&limit=200").body()))
        .contains(v.conversation());

    var past =
        frontDesk.post(
            path + "/snooze", Map.of("until", Instant.now().minusSeconds(60).toString()));
    assertThat(past.status()).isEqualTo(400);
    var snoozed =
        frontDesk.post(
            path + "/snooze", Map.of("until", Instant.now().plus(Duration.ofDays(1)).toString()));
    assertThat(snoozed.string("state")).isEqualTo("snoozed");

    // The patient writes again: back in the queue, with the staff member who had it.
    var again =
        api.anonymous()
            .with("X-Visitor-Token", v.token())
            .post(
                "/channels/webchat/messages",
                Map.of("clientMessageId", UUID.randomUUID().toString(), "text", "Et lundi ?"));
    assertThat(again.status()).isEqualTo(202);
    awaitState(v, "waiting-for-staff");

    assertThat(frontDesk.post(path + "/hand-back", Map.of()).string("state"))
        .isEqualTo("with-assistant");
    assertThat(frontDesk.post(path + "/priority", Map.of("priority", "urgent")).string("priority"))
        .isEqualTo("urgent");
    JsonNode timeline = api.get(path + "/timeline").body();
    List<String> events = new ArrayList<>();
    timeline.forEach(e -> events.add(e.path("event").asString("")));
    assertThat(events)
        .contains(
            "conversation.assigned",
            "conversation.resolved",
            "conversation.snoozed",
            "conversation.handed-back");
  }

  @Test
  void whatWasAddedSinceTheReaderLastReadIsUnread() {
    Visitor v = visitorWrites("Bonjour " + Tags.letters());
    String path = "/api/v1/conversations/" + v.conversation();
    long seq = frontDesk.get(path).body().path("lastSeq").asLong();

    assertThat(unread(frontDesk, v)).isTrue();
    assertThat(frontDesk.post(path + "/read", Map.of("seq", seq)).status()).isEqualTo(204);
    assertThat(unread(frontDesk, v)).isFalse();
    frontDesk.post(path + "/notes", Map.of("text", "à rappeler"));
    assertThat(unread(frontDesk, v)).isTrue();
  }

  boolean unread(Api who, Visitor v) {
    for (JsonNode c : who.get("/api/v1/conversations?limit=200").body()) {
      if (c.path("id").asString().equals(v.conversation())) {
        return c.path("unread").asBoolean();
      }
    }
    throw new AssertionError("not in the inbox");
  }

  @Test
  void aClinicianDoesNotSeeTheConversationOfSomeoneNotBookedWithThem() {
    Visitor v = visitorWrites("Je ne suis pas encore patient " + Tags.letters());
    Api clinician =
        sessions.signIn(List.of("CLINICIAN"), ClinicFixture.create(admin).provider.id().value());

    assertThat(clinician.get("/api/v1/conversations/" + v.conversation()).status()).isEqualTo(404);
    assertThat(clinician.get("/api/v1/patients/" + v.patient() + "/timeline").status())
        .isEqualTo(404);
    assertThat(ids(clinician.get("/api/v1/conversations?limit=200").body()))
        .doesNotContain(v.conversation());
  }

  @Test
  void aPatientsExportHoldsTheirConversationAndTheirErasureRemovesIt() {
    String text = "Mon numéro de sécurité sociale est le 1 85 12 " + Tags.letters();
    Visitor v = visitorWrites(text);

    assertThat(
            jdbc.sql("SELECT count(*) FROM channel_inbound WHERE provider_key = :key")
                .param("key", v.providerKey())
                .query(Long.class)
                .single())
        .isEqualTo(1);
    var export = api.get("/api/v1/patients/" + v.patient() + "/export");
    assertThat(export.status()).as(export.toString()).isEqualTo(200);
    assertThat(export.body().path("conversations").toString()).contains(text);

    var erased =
        api.post(
            "/api/v1/patients/" + v.patient() + "/erasure",
            Map.of("reason", "The patient asked", "requestedVia", "email"));
    assertThat(erased.status()).as(erased.toString()).isIn(200, 201);

    assertThat(api.get("/api/v1/patients/" + v.patient() + "/timeline").body()).isEmpty();
    assertThat(
            jdbc.sql(
                    "SELECT count(*) FROM channel_inbound WHERE channel = 'webchat'"
                        + " AND provider_key = :key")
                .param("key", v.providerKey())
                .query(Long.class)
                .single())
        .isZero();
    assertThat(
            jdbc.sql("SELECT count(*) FROM conversation WHERE id = :id::uuid")
                .param("id", v.conversation())
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void anInboxOpenOnAnotherNodeHearsOfANewMessageAtOnce() throws Exception {
    try (var second = SecondNode.start(environment)) {
      int port = ((WebServerApplicationContext) second).getWebServer().getPort();
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<java.io.InputStream> stream =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/api/v1/conversations/stream"))
                  .header("Authorization", "Bearer " + Api.ADMIN_KEY)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofInputStream());
      assertThat(stream.statusCode()).isEqualTo(200);
      BufferedReader lines =
          new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
      CompletableFuture<List<String>> heard =
          CompletableFuture.supplyAsync(
              () -> {
                List<String> got = new ArrayList<>();
                try {
                  String line;
                  while ((line = lines.readLine()) != null) {
                    got.add(line);
                    if (line.startsWith("data:") && got.size() > 4 && line.contains("seq")) {
                      return got;
                    }
                  }
                } catch (java.io.IOException e) {
                  got.add(e.toString());
                }
                return got;
              });
      Thread.sleep(500);

      // Written on this node, heard on the other.
      Visitor v = visitorWrites("Vous m'entendez ? " + Tags.letters());

      List<String> got = heard.get(20, TimeUnit.SECONDS);
      assertThat(String.join("\n", got)).contains("event:entry").contains(v.conversation());
      stream.body().close();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitState(Visitor v, String state) {
    Instant deadline = Instant.now().plusSeconds(15);
    while (!conversation(v).path("state").asString().equals(state)) {
      inbox.handlePending();
      assertThat(Instant.now()).isBefore(deadline);
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
