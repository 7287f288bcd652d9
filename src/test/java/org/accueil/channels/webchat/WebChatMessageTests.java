package org.accueil.channels.webchat;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.channels.InboundMessage;
import org.accueil.patients.Channel;
import org.accueil.platform.crypto.FieldCipher;
import org.accueil.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** What a visitor writes is stored once, before the widget is told it was received. */
@WebChatTest
class WebChatMessageTests {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired FieldCipher cipher;
  @Autowired JsonMapper json;

  String token;
  Api visitor;

  @BeforeEach
  void aVisitorWithASession() {
    token = api.anonymous().post("/channels/webchat/sessions", Map.of()).string("visitorToken");
    visitor = api.anonymous().with("X-Visitor-Token", token);
  }

  @Test
  void aMessageIsStoredBeforeItIsAcknowledged() {
    String id = UUID.randomUUID().toString();

    var sent =
        visitor.post(
            "/channels/webchat/messages",
            Map.of("clientMessageId", id, "text", "  Bonjour, êtes-vous ouverts samedi ?  "));

    assertThat(sent.status()).as(sent.toString()).isEqualTo(202);
    assertThat(sent.body().path("duplicate").asBoolean()).isFalse();
    InboundMessage message = stored(id).getFirst();
    assertThat(message.channel()).isEqualTo(Channel.WEBCHAT);
    assertThat(message.providerId()).isEqualTo(tokenHash() + ":" + id);
    assertThat(message.from()).isEqualTo(token);
    assertThat(message.text()).isEqualTo("Bonjour, êtes-vous ouverts samedi ?");
    assertThat(message.verifiedPatient()).isNull();
  }

  @Test
  void aRetriedPostIsStoredOnce() {
    String id = UUID.randomUUID().toString();
    var body = Map.of("clientMessageId", id, "text", "Hello?");

    visitor.post("/channels/webchat/messages", body);
    var retried = visitor.post("/channels/webchat/messages", body);

    assertThat(retried.status()).isEqualTo(202);
    assertThat(retried.body().path("duplicate").asBoolean()).isTrue();
    assertThat(stored(id)).hasSize(1);
  }

  @Test
  void aTappedChoiceIsStoredWithItsId() {
    String id = UUID.randomUUID().toString();

    visitor.post(
        "/channels/webchat/messages",
        Map.of("clientMessageId", id, "text", "Keep it", "choice", "keep"));

    assertThat(stored(id).getFirst().choice()).isEqualTo("keep");
  }

  @Test
  void aVerifiedPatientsMessagesCarryTheirIdentifier() {
    api.anonymous()
        .post(
            "/channels/webchat/sessions",
            Map.of(
                "visitorToken",
                token,
                "identifier",
                "patient-42",
                "identityHash",
                WebChatIdentityHashTests.T13));
    String id = UUID.randomUUID().toString();

    visitor.post("/channels/webchat/messages", Map.of("clientMessageId", id, "text", "Hi"));

    assertThat(stored(id).getFirst().verifiedPatient()).isEqualTo("patient-42");
  }

  @Test
  void anUnknownOrMissingTokenIsUnauthorized() {
    var body = Map.of("clientMessageId", "m1", "text", "Hello");

    assertThatProblem(
            api.anonymous()
                .with("X-Visitor-Token", VisitorTokens.newToken())
                .post("/channels/webchat/messages", body))
        .is(401, "webchat-unknown-visitor");
    assertThatProblem(api.anonymous().post("/channels/webchat/messages", body))
        .is(401, "webchat-unknown-visitor");
    assertThatProblem(api.anonymous().get("/channels/webchat/messages?after=0"))
        .is(401, "webchat-unknown-visitor");
  }

  @Test
  void aTextOfNoneOrMoreThan4000CharactersIsRefusedInTheVisitorsLanguage() {
    var empty =
        visitor
            .with("Accept-Language", "fr")
            .post("/channels/webchat/messages", Map.of("clientMessageId", "m2", "text", "   "));
    var tooLong =
        visitor.post(
            "/channels/webchat/messages",
            Map.of("clientMessageId", "m3", "text", "a".repeat(4001)));
    var justRight =
        visitor.post(
            "/channels/webchat/messages",
            Map.of("clientMessageId", "m4", "text", "é".repeat(4000)));

    assertThatProblem(empty)
        .is(400, "invalid-webchat-message")
        .withDetailContaining("text doit avoir de 1 à 4000 caractères");
    assertThatProblem(tooLong).is(400, "invalid-webchat-message");
    assertThat(justRight.status()).isEqualTo(202);
  }

  @Test
  void aMessageWithoutClientMessageIdIsRefused() {
    assertThatProblem(visitor.post("/channels/webchat/messages", Map.of("text", "Hello")))
        .is(400, "invalid-webchat-message")
        .withDetailContaining("clientMessageId");
  }

  private String tokenHash() {
    return HexFormat.of().formatHex(VisitorTokens.hash(token));
  }

  private List<InboundMessage> stored(String clientMessageId) {
    return jdbc
        .sql(
            "SELECT payload FROM channel_inbound WHERE channel = 'webchat' AND provider_key = :key")
        .param("key", tokenHash() + ":" + clientMessageId)
        .query((rs, n) -> rs.getBytes("payload"))
        .list()
        .stream()
        .map(
            p ->
                json.readValue(
                    cipher.decrypt(p, "channel_inbound.payload").getBytes(StandardCharsets.UTF_8),
                    InboundMessage.class))
        .toList();
  }
}
