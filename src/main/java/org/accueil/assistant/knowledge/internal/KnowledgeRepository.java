package org.accueil.assistant.knowledge.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.assistant.knowledge.KnowledgeEntry;
import org.accueil.assistant.knowledge.KnowledgeEntryDetails;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocalizedText;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** The entries in PostgreSQL, and the revision every write moves (V23). */
@Repository
public class KnowledgeRepository {

  private static final String COLUMNS =
      """
      id, topic, appointment_type_id, question_fr, question_en, question_it, answer_fr,
      answer_en, answer_it, keywords_fr, keywords_en, keywords_it, map_url, active, updated_at
      """;

  /** The entries at one revision. */
  public record Revision(long revision, List<KnowledgeEntry> entries) {}

  private final JdbcClient jdbc;

  KnowledgeRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public long currentRevision() {
    return jdbc.sql("SELECT revision FROM assistant_knowledge_revision").query(Long.class).single();
  }

  /** The revision and the entries it counts, read in one snapshot. */
  @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
  public Revision load() {
    long revision = currentRevision();
    return new Revision(revision, all());
  }

  public List<KnowledgeEntry> all() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM assistant_knowledge_entry ORDER BY topic, id")
        .query(KnowledgeRepository::entry)
        .list();
  }

  public Optional<KnowledgeEntry> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM assistant_knowledge_entry WHERE id = :id")
        .param("id", id)
        .query(KnowledgeRepository::entry)
        .optional();
  }

  public void insert(UUID id, KnowledgeEntryDetails details, Instant now) {
    jdbc.sql(
            """
            INSERT INTO assistant_knowledge_entry (
              id, topic, appointment_type_id, question_fr, question_en, question_it, answer_fr,
              answer_en, answer_it, keywords_fr, keywords_en, keywords_it, map_url, active,
              updated_at)
            VALUES (:id, :topic, :type, :qfr, :qen, :qit, :afr, :aen, :ait, :kfr, :ken, :kit,
                    :map, :active, :now)
            """)
        .param("id", id)
        .params(values(details, now))
        .update();
  }

  public boolean update(UUID id, KnowledgeEntryDetails details, Instant now) {
    return jdbc.sql(
                """
                UPDATE assistant_knowledge_entry
                   SET topic = :topic, appointment_type_id = :type, question_fr = :qfr,
                       question_en = :qen, question_it = :qit, answer_fr = :afr,
                       answer_en = :aen, answer_it = :ait, keywords_fr = :kfr,
                       keywords_en = :ken, keywords_it = :kit, map_url = :map,
                       active = :active, updated_at = :now
                 WHERE id = :id
                """)
            .param("id", id)
            .params(values(details, now))
            .update()
        == 1;
  }

  public boolean delete(UUID id) {
    return jdbc.sql("DELETE FROM assistant_knowledge_entry WHERE id = :id").param("id", id).update()
        == 1;
  }

  private static java.util.Map<String, Object> values(KnowledgeEntryDetails d, Instant now) {
    LocalizedText keywords = d.keywords() == null ? LocalizedText.EMPTY : d.keywords();
    var values = new java.util.HashMap<String, Object>();
    values.put("topic", d.topic());
    values.put("type", d.appointmentTypeId());
    values.put("qfr", d.question().fr().strip());
    values.put("qen", d.question().en().strip());
    values.put("qit", d.question().it().strip());
    values.put("afr", d.answer().fr().strip());
    values.put("aen", d.answer().en().strip());
    values.put("ait", d.answer().it().strip());
    values.put("kfr", keywords.fr().strip());
    values.put("ken", keywords.en().strip());
    values.put("kit", keywords.it().strip());
    values.put("map", d.mapUrl() == null || d.mapUrl().isBlank() ? null : d.mapUrl().strip());
    values.put("active", d.active() == null || d.active());
    values.put("now", Timestamp.from(now));
    return values;
  }

  private static KnowledgeEntry entry(ResultSet rs, int row) throws SQLException {
    UUID type = rs.getObject("appointment_type_id", UUID.class);
    return new KnowledgeEntry(
        rs.getObject("id", UUID.class),
        rs.getString("topic"),
        type == null ? null : AppointmentTypeId.of(type),
        new LocalizedText(
            rs.getString("question_fr"), rs.getString("question_en"), rs.getString("question_it")),
        new LocalizedText(
            rs.getString("answer_fr"), rs.getString("answer_en"), rs.getString("answer_it")),
        new LocalizedText(
            rs.getString("keywords_fr"), rs.getString("keywords_en"), rs.getString("keywords_it")),
        rs.getString("map_url"),
        rs.getBoolean("active"),
        rs.getTimestamp("updated_at").toInstant());
  }
}
