package org.accueil.channels.email;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.accueil.channels.InboundMessage;
import org.accueil.platform.crypto.FieldCipher;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** What the channel stored in the inbox, read back from its sealed rows. */
record StoredMail(JdbcClient jdbc, FieldCipher cipher, JsonMapper json) {

  List<InboundMessage> byMessageId(String messageId) {
    return jdbc
        .sql("SELECT payload FROM channel_inbound WHERE channel = 'email' AND provider_key = :key")
        .param("key", messageId)
        .query((rs, n) -> rs.getBytes("payload"))
        .list()
        .stream()
        .map(
            payload ->
                json.readValue(
                    cipher
                        .decrypt(payload, "channel_inbound.payload")
                        .getBytes(StandardCharsets.UTF_8),
                    InboundMessage.class))
        .toList();
  }

  InboundMessage only(String messageId) {
    List<InboundMessage> stored = byMessageId(messageId);
    if (stored.size() != 1) {
      throw new AssertionError("Expected one stored mail " + messageId + ", found " + stored);
    }
    return stored.getFirst();
  }
}
