package org.accueil.channels.email;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The Message-IDs of each conversation's mail, ours and the patient's, by the conversation's reply
 * token: what our next message's In-Reply-To and References say, and which conversation a reply
 * without our reply address answers.
 */
@Repository
class EmailThreads {

  /**
   * References grow by one id per message; a long conversation keeps the first id (the thread's
   * root, which clients thread on) and the latest ones, as RFC 5322 §3.6.4 allows.
   */
  private static final int MAX_REFERENCES = 20;

  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,998}>");

  private final JdbcClient jdbc;

  EmailThreads(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * A thread as far as we know it.
   *
   * @param lastMessageId the In-Reply-To of our next message
   * @param messageIds its References, oldest first, ending with {@code lastMessageId}
   */
  record MailThread(String token, String lastMessageId, List<String> messageIds) {}

  Optional<MailThread> find(String token) {
    return jdbc.sql("SELECT token, last_message_id, message_ids FROM email_thread WHERE token = :t")
        .param("t", token)
        .query(
            (rs, n) ->
                new MailThread(
                    rs.getString("token"),
                    rs.getString("last_message_id"),
                    Arrays.asList(rs.getString("message_ids").split(" "))))
        .optional();
  }

  /**
   * Adds a message to the token's thread: it becomes the one our next message answers.
   *
   * @param references the message's own References (else In-Reply-To), oldest first; empty for a
   *     message that starts or joins the thread without them (ours, a new mail to the reply
   *     address), which then follows what the thread had
   */
  void add(String token, String messageId, List<String> references, Instant at) {
    // Two writers of one thread at once (the poller and a send) may each extend the list they
    // read: the last one wins, and the other's id is still in email_thread_message, where a reply
    // to it is found. Clients thread on the first id and In-Reply-To, which stay right.
    List<String> ids = new ArrayList<>(references);
    if (ids.isEmpty()) {
      find(token).ifPresent(t -> ids.addAll(t.messageIds()));
    }
    ids.remove(messageId);
    ids.add(messageId);
    String chain = String.join(" ", capped(new ArrayList<>(new LinkedHashSet<>(ids))));
    jdbc.sql(
            """
            INSERT INTO email_thread (token, last_message_id, message_ids, updated_at)
            VALUES (:token, :id, :chain, :at)
            ON CONFLICT (token) DO UPDATE
               SET last_message_id = excluded.last_message_id,
                   message_ids = excluded.message_ids,
                   updated_at = excluded.updated_at
            """)
        .param("token", token)
        .param("id", messageId)
        .param("chain", chain)
        .param("at", at.atOffset(ZoneOffset.UTC))
        .update();
    jdbc.sql(
            """
            INSERT INTO email_thread_message (message_id, token, at) VALUES (:id, :token, :at)
            ON CONFLICT (message_id) DO NOTHING
            """)
        .param("id", messageId)
        .param("token", token)
        .param("at", at.atOffset(ZoneOffset.UTC))
        .update();
  }

  /** The thread one of these Message-IDs belongs to; the latest one named wins. */
  Optional<String> tokenOf(List<String> messageIds) {
    for (String id : messageIds.reversed()) {
      Optional<String> token =
          jdbc.sql("SELECT token FROM email_thread_message WHERE message_id = :id")
              .param("id", id)
              .query(String.class)
              .optional();
      if (token.isPresent()) {
        return token;
      }
    }
    return Optional.empty();
  }

  /** The {@code <id>}s in a Message-ID, In-Reply-To or References field, in order. */
  static List<String> messageIds(Collection<String> fields) {
    List<String> ids = new ArrayList<>();
    for (String field : fields) {
      Matcher m = MESSAGE_ID.matcher(field);
      while (m.find()) {
        ids.add(m.group());
      }
    }
    return ids;
  }

  private static List<String> capped(List<String> ids) {
    if (ids.size() <= MAX_REFERENCES) {
      return ids;
    }
    List<String> kept = new ArrayList<>();
    kept.add(ids.getFirst());
    kept.addAll(ids.subList(ids.size() - (MAX_REFERENCES - 1), ids.size()));
    return kept;
  }
}
