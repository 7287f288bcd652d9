package org.accueil.conversations.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.accueil.channels.ChannelInbox;
import org.accueil.channels.ChannelOutbox;
import org.accueil.conversations.Conversation;
import org.accueil.conversations.TimelineEntry;
import org.accueil.patients.Channel;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.privacy.PersonalDataContributor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A patient's conversations in their data export, and gone with their erasure: the timeline, the
 * raw copies the channels kept of what they wrote, and whatever was still waiting to be sent.
 */
@Component
class ConversationsPersonalData implements PersonalDataContributor {

  private final ConversationRepository conversations;
  private final EntryRepository entries;
  private final Patients patients;
  private final ChannelInbox inbox;
  private final ChannelOutbox outbox;
  private final JdbcClient jdbc;

  ConversationsPersonalData(
      ConversationRepository conversations,
      EntryRepository entries,
      Patients patients,
      ChannelInbox inbox,
      ChannelOutbox outbox,
      JdbcClient jdbc) {
    this.conversations = conversations;
    this.entries = entries;
    this.patients = patients;
    this.inbox = inbox;
    this.outbox = outbox;
    this.jdbc = jdbc;
  }

  @Override
  public String section() {
    return "conversations";
  }

  @Override
  public Object export(PatientId patient) {
    List<Map<String, Object>> timeline = new ArrayList<>();
    for (Conversation c : conversationsOf(patient)) {
      Long before = null;
      while (true) {
        List<TimelineEntry> page = entries.page(c.id(), before, null, 1000);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TimelineEntry e : page) {
          if (e.kind() == TimelineEntry.Kind.NOTE) {
            continue;
          }
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("at", e.at());
          row.put("kind", e.kind().code());
          row.put("channel", e.channel() == null ? null : e.channel().code());
          row.put("direction", e.direction() == null ? null : e.direction().code());
          row.put("author", e.author().code());
          row.put("text", e.text());
          row.put("event", e.event());
          row.put("delivery", e.delivery() == null ? null : e.delivery().code());
          rows.add(row);
        }
        timeline.addAll(0, rows);
        if (page.size() < 1000) {
          break;
        }
        before = page.getFirst().seq();
      }
    }
    return timeline;
  }

  @Override
  public void erase(PatientId patient) {
    for (Conversation c : conversationsOf(patient)) {
      List<UUID> references =
          jdbc.sql(
                  "SELECT d.reference FROM conversation_delivery d JOIN conversation_entry e"
                      + " ON e.id = d.entry_id WHERE e.conversation_id = :c")
              .param("c", c.id())
              .query(UUID.class)
              .list();
      outbox.forget(references);
      Map<Channel, List<String>> keys = new LinkedHashMap<>();
      jdbc.sql(
              "SELECT channel, provider_key FROM conversation_entry WHERE conversation_id = :c"
                  + " AND provider_key IS NOT NULL AND channel IS NOT NULL")
          .param("c", c.id())
          .query(
              (rs, n) -> {
                keys.computeIfAbsent(
                        Channel.ofCode(rs.getString(1)).orElseThrow(), k -> new ArrayList<>())
                    .add(rs.getString(2));
                return null;
              })
          .list();
      keys.forEach(inbox::forget);
      conversations.delete(c.id());
    }
  }

  private List<Conversation> conversationsOf(PatientId patient) {
    List<Conversation> found = new ArrayList<>();
    for (PatientId record : patients.recordsOf(patient)) {
      conversations.byPatient(record).ifPresent(found::add);
    }
    return found;
  }
}
