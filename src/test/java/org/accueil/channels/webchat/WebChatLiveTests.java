package org.accueil.channels.webchat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.OutboundContent;
import org.accueil.channels.WebChatHistory;
import org.accueil.conversations.Conversations;
import org.accueil.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The visitor's conversation read back, and the practice's answers pushed to an open widget. */
@WebChatTest
class WebChatLiveTests {

  @Autowired Api api;
  @Autowired ChannelInbox inbox;
  @Autowired WebChatHistory history;
  @Autowired Conversations conversations;

  String token;
  Api visitor;

  @BeforeEach
  void aVisitorWithASession() {
    token = api.anonymous().post("/channels/webchat/sessions", Map.of()).string("visitorToken");
    visitor = api.anonymous().with("X-Visitor-Token", token);
  }

  @Test
  void theVisitorReadsBackTheirConversationWithTheChoicesOffered() {
    UUID conversation = write("Can I book for Tuesday?");
    conversations.answer(
        conversation,
        new OutboundContent.Buttons(
            "Morning or afternoon?",
            List.of(
                new OutboundContent.Choice("am", "Morning"),
                new OutboundContent.Choice("pm", "Afternoon"))));

    JsonNode lines = visitor.get("/channels/webchat/messages?after=0").body().path("messages");

    JsonNode asked = find(lines, l -> l.path("text").asString().equals("Can I book for Tuesday?"));
    JsonNode answered = find(lines, l -> l.path("text").asString().equals("Morning or afternoon?"));
    assertThat(asked.path("from").asString()).isEqualTo("patient");
    assertThat(asked.path("channel").asString()).isEqualTo("webchat");
    assertThat(answered.path("from").asString()).isEqualTo("assistant");
    assertThat(answered.path("choices").get(0).path("id").asString()).isEqualTo("am");
    assertThat(answered.path("choices").get(1).path("title").asString()).isEqualTo("Afternoon");
    long after = asked.path("seq").asLong();
    JsonNode later =
        visitor.get("/channels/webchat/messages?after=" + after).body().path("messages");
    assertThat(later.valueStream().map(l -> l.path("seq").asLong())).allMatch(seq -> seq > after);
  }

  @Test
  void anOpenStreamReceivesThePracticesAnswerAsItIsWrittenAndAHeartbeat() throws Exception {
    UUID conversation = write("Are you open on Saturday?");
    long seen =
        visitor
            .get("/channels/webchat/messages?after=0")
            .body()
            .path("messages")
            .valueStream()
            .mapToLong(l -> l.path("seq").asLong())
            .max()
            .orElse(0);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    // EventSource cannot set headers: the token comes in the query, as the widget sends it.
    CompletableFuture<HttpResponse<Stream<String>>> stream =
        HttpClient.newHttpClient()
            .sendAsync(
                HttpRequest.newBuilder(
                        URI.create(
                            api.baseUrl()
                                + "/channels/webchat/stream?token="
                                + token
                                + "&after="
                                + seen))
                    .header("Accept", "text/event-stream")
                    .build(),
                HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> response = stream.get(10, TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    Thread.ofVirtual().start(() -> response.body().forEach(events::add));

    conversations.answer(conversation, new OutboundContent.Text("Yes, from 9 to 12."));

    String data = awaitLine(events, l -> l.startsWith("data:") && l.contains("from 9 to 12"));
    assertThat(data).contains("\"from\":\"assistant\"");
    assertThat(awaitLine(events, l -> l.startsWith(":"))).contains("ping");
    response.body().close();
  }

  @Test
  void aStreamWithoutAKnownTokenIsUnauthorized() {
    assertThat(api.anonymous().get("/channels/webchat/stream?token=nope").status()).isEqualTo(401);
  }

  /** The visitor writes; returns their conversation once the message is on it. */
  private UUID write(String text) {
    var sent =
        visitor.post(
            "/channels/webchat/messages",
            Map.of("clientMessageId", UUID.randomUUID().toString(), "text", text));
    assertThat(sent.status()).isEqualTo(202);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(deadline)) {
      inbox.handlePending();
      var conversation = history.conversationOf(token);
      if (conversation.isPresent()) {
        return conversation.get();
      }
      sleep(50);
    }
    throw new AssertionError("The message did not reach a conversation within 15 s");
  }

  private static JsonNode find(JsonNode lines, Predicate<JsonNode> which) {
    return lines
        .valueStream()
        .filter(which)
        .findFirst()
        .orElseThrow(() -> new AssertionError("No such line in " + lines));
  }

  private static String awaitLine(BlockingQueue<String> events, Predicate<String> which)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(deadline)) {
      String line = events.poll(200, TimeUnit.MILLISECONDS);
      if (line != null && which.test(line)) {
        return line;
      }
    }
    throw new AssertionError("No such event within 15 s");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
