package org.accueil.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.accueil.channels.ChannelInbox;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.Deliveries;
import org.accueil.testing.Tags;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** A red flag in the web chat: the numbers to call at once, and the staff alerted. */
@AccueilTest
class TriageFirstTests {

  @Autowired Api api;
  @Autowired ChannelInbox inbox;
  @Autowired JdbcClient jdbc;

  @Test
  void aVisitorDescribingAStrokeGetsTheEmergencyNumbersAndTheConversationGoesToStaffUrgent() {
    String token =
        api.anonymous().post("/channels/webchat/sessions", Map.of()).string("visitorToken");
    String text = "Je crois que ma mère fait un AVC, elle a la bouche de travers " + Tags.letters();
    String key = Deliveries.webChat(api, inbox, jdbc, token, text);
    String conversation =
        jdbc.sql("SELECT conversation_id::text FROM conversation_entry WHERE provider_key = :key")
            .param("key", key)
            .query(String.class)
            .single();

    JsonNode timeline = api.get("/api/v1/conversations/" + conversation + "/timeline").body();
    JsonNode advice = timeline.get(1);
    assertThat(advice.path("author").asString()).isEqualTo("assistant");
    assertThat(advice.path("channel").asString()).isEqualTo("webchat");
    assertThat(advice.path("text").asString()).contains("112").contains("urgence");
    assertThat(timeline.toString()).contains("conversation.handed-over");
    JsonNode state = api.get("/api/v1/conversations/" + conversation).body();
    assertThat(state.path("priority").asString()).isEqualTo("urgent");
    assertThat(state.path("state").asString()).isEqualTo("waiting-for-staff");
    // The visitor reads the advice in the chat window.
    assertThat(
            api.anonymous()
                .with("X-Visitor-Token", token)
                .get("/channels/webchat/messages")
                .body()
                .toString())
        .contains("112");
  }
}
