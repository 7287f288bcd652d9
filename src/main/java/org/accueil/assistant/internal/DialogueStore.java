package org.accueil.assistant.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The dialogue state of each conversation, as JSON. */
@Repository
class DialogueStore {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  DialogueStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /** The state, locked until the transaction ends: two messages at once take turns. */
  DialogueState load(UUID conversation) {
    Optional<String> row =
        jdbc.sql(
                "SELECT state::text FROM assistant_dialogue WHERE conversation_id = :id FOR UPDATE")
            .param("id", conversation)
            .query(String.class)
            .optional();
    return row.map(s -> json.readValue(s, DialogueState.class)).orElseGet(DialogueState::new);
  }

  void save(UUID conversation, DialogueState state, Instant at) {
    state.updatedAt = at;
    jdbc.sql(
            """
            INSERT INTO assistant_dialogue (conversation_id, state, updated_at)
            VALUES (:id, :state::jsonb, :at)
            ON CONFLICT (conversation_id) DO UPDATE
               SET state = excluded.state, updated_at = excluded.updated_at
            """)
        .param("id", conversation)
        .param("state", json.writeValueAsString(state))
        .param("at", at.atOffset(ZoneOffset.UTC))
        .update();
  }
}
