package org.accueil.privacy.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.privacy.ConsentChannel;
import org.accueil.privacy.ConsentPurpose;
import org.accueil.privacy.ConsentRecord;
import org.accueil.privacy.ConsentSource;
import org.accueil.privacy.ConsentWording;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The append-only consent_record table (the database refuses updates and deletes). */
@Repository
public class ConsentRepository {

  private static final String COLUMNS =
      "id, patient_id, channel, purpose, granted, source, wording_text, wording_language,"
          + " wording_sha256, recorded_at, recorded_by";

  private final JdbcClient jdbc;

  ConsentRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * The latest decision for this channel or for every channel: one backward scan of
   * consent_record_latest_idx, answered from the index alone.
   */
  public Optional<Boolean> latestDecision(
      Collection<UUID> patient, ConsentChannel channel, ConsentPurpose purpose) {
    return jdbc.sql(
            """
            SELECT granted FROM consent_record
             WHERE patient_id IN (:patient) AND purpose = :purpose AND channel IN (:channel, 'any')
             ORDER BY seq DESC
             LIMIT 1
            """)
        .param("patient", patient)
        .param("purpose", purpose.code())
        .param("channel", channel.code())
        .query(Boolean.class)
        .optional();
  }

  public void insert(ConsentRecord record) {
    ConsentWording wording = record.wording();
    jdbc.sql(
            """
            INSERT INTO consent_record (id, patient_id, channel, purpose, granted, source,
                wording_text, wording_language, wording_sha256, recorded_at, recorded_by)
            VALUES (:id, :patient, :channel, :purpose, :granted, :source, :text, :language,
                :sha256, :recordedAt, :recordedBy)
            """)
        .param("id", record.id())
        .param("patient", record.patient().value())
        .param("channel", record.channel().code())
        .param("purpose", record.purpose().code())
        .param("granted", record.granted())
        .param("source", record.source().code())
        .param("text", wording == null ? null : wording.text())
        .param("language", wording == null ? null : wording.language())
        .param("sha256", wording == null ? null : HexFormat.of().parseHex(wording.sha256()))
        .param("recordedAt", record.recordedAt().atOffset(ZoneOffset.UTC))
        .param("recordedBy", record.recordedBy())
        .update();
  }

  /** The records of the patient's records (merged ones included) in the order they were written. */
  public List<ConsentRecord> history(Collection<UUID> patient) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM consent_record WHERE patient_id IN (:patient) ORDER BY seq")
        .param("patient", patient)
        .query(ConsentRepository::record)
        .list();
  }

  public Optional<ConsentRecord> find(Collection<UUID> patient, UUID id) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM consent_record WHERE patient_id IN (:patient) AND id = :id")
        .param("patient", patient)
        .param("id", id)
        .query(ConsentRepository::record)
        .optional();
  }

  /** For erasure: the wordings' texts go, their language and hash stay as proof. */
  public int forgetWordings(Collection<UUID> patient) {
    return jdbc.sql(
            "UPDATE consent_record SET wording_text = NULL"
                + " WHERE patient_id IN (:patient) AND wording_text IS NOT NULL")
        .param("patient", patient)
        .update();
  }

  private static ConsentRecord record(ResultSet rs, int n) throws SQLException {
    String language = rs.getString("wording_language");
    return new ConsentRecord(
        rs.getObject("id", UUID.class),
        PatientId.of(rs.getObject("patient_id", UUID.class)),
        ConsentChannel.ofCode(rs.getString("channel")).orElseThrow(),
        ConsentPurpose.ofCode(rs.getString("purpose")).orElseThrow(),
        rs.getBoolean("granted"),
        ConsentSource.ofCode(rs.getString("source")).orElseThrow(),
        language == null
            ? null
            : new ConsentWording(
                rs.getString("wording_text"),
                language,
                HexFormat.of().formatHex(rs.getBytes("wording_sha256"))),
        rs.getObject("recorded_at", OffsetDateTime.class).toInstant(),
        rs.getString("recorded_by"));
  }
}
