package org.accueil.patients.imports;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.accueil.patients.imports.Counts.Outcome;
import org.accueil.platform.Ids;
import org.accueil.platform.crypto.FieldCipher;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The imports, their files (sealed, in pieces), the rows they refused (sealed: the reasons quote
 * the values) and what each registered row became.
 */
@Repository
class ImportStore {

  static final String CONTENT_CONTEXT = "patient_import_chunk.content";
  static final String ERRORS_CONTEXT = "patient_import_problem.errors";

  private static final String COLUMNS =
      "id, status, format, dry_run, on_error, file_size, total_rows, ignored_entries,"
          + " processed_rows, created_count, linked_count, possible_count, invalid_count, incident,"
          + " created_by, created_by_name, created_at, started_at, finished_at";

  private static final TypeReference<List<BadRow.Error>> ERRORS = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final FieldCipher cipher;
  private final JsonMapper json;

  ImportStore(JdbcClient jdbc, FieldCipher cipher, JsonMapper json) {
    this.jdbc = jdbc;
    this.cipher = cipher;
    this.json = json;
  }

  // ------------------------------------------------------------------------------ the import

  void insert(PatientImport n) {
    jdbc.sql(
            """
            INSERT INTO patient_import (id, status, format, dry_run, on_error, file_size,
                                        total_rows, ignored_entries, created_by, created_by_name,
                                        created_at)
            VALUES (:id, :status, :format, :dryRun, :onError, :size, :total, :ignored, :by,
                    :byName, :at)
            """)
        .param("id", n.id())
        .param("status", n.status().code())
        .param("format", n.format().code())
        .param("dryRun", n.dryRun())
        .param("onError", n.onError().code())
        .param("size", n.fileSize())
        .param("total", n.totalRows())
        .param("ignored", n.ignoredEntries())
        .param("by", n.createdBy())
        .param("byName", n.createdByName())
        .param("at", utc(n.createdAt()))
        .update();
  }

  Optional<PatientImport> find(UUID id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM patient_import WHERE id = :id")
        .param("id", id)
        .query(this::patientImport)
        .optional();
  }

  /** The latest imports, newest first. */
  List<PatientImport> recent(int limit) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM patient_import ORDER BY created_at DESC, id DESC LIMIT :n")
        .param("n", limit)
        .query(this::patientImport)
        .list();
  }

  /**
   * Starts a run of the import's task: the run's number, which every later write of the run names.
   * A run still going on another node sees its number superseded and stops.
   */
  int begin(UUID id, Instant at) {
    return jdbc.sql(
            """
            UPDATE patient_import SET run = run + 1, started_at = coalesce(started_at, :at)
             WHERE id = :id
            RETURNING run
            """)
        .param("id", id)
        .param("at", utc(at))
        .query(Integer.class)
        .single();
  }

  /**
   * Starts a step from its first row.
   *
   * @return false when the run was superseded, or another run finished the import meanwhile
   */
  boolean step(UUID id, int run, ImportStatus status) {
    return jdbc.sql(
                """
                UPDATE patient_import
                   SET status = :status, processed_rows = 0, created_count = 0, linked_count = 0,
                       possible_count = 0, invalid_count = 0
                 WHERE id = :id AND run = :run AND finished_at IS NULL
                """)
            .param("status", status.code())
            .param("id", id)
            .param("run", run)
            .update()
        == 1;
  }

  /**
   * Where the import is, its row locked until the transaction ends: a batch holds it while it
   * registers its rows, so a run revived elsewhere waits, then sees its predecessor's progress.
   */
  Optional<PatientImport> lock(UUID id, int run) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM patient_import WHERE id = :id AND run = :run"
                + " FOR UPDATE")
        .param("id", id)
        .param("run", run)
        .query(this::patientImport)
        .optional();
  }

  /**
   * Records how far the step is and what its rows came to.
   *
   * @return false when the run was superseded
   */
  boolean progress(UUID id, int run, int processed, Counts counts) {
    return jdbc.sql(
                """
                UPDATE patient_import
                   SET processed_rows = :processed, created_count = :created,
                       linked_count = :linked, possible_count = :possible, invalid_count = :invalid
                 WHERE id = :id AND run = :run
                """)
            .param("processed", processed)
            .param("created", counts.created())
            .param("linked", counts.linked())
            .param("possible", counts.possibleDuplicates())
            .param("invalid", counts.invalid())
            .param("id", id)
            .param("run", run)
            .update()
        == 1;
  }

  /**
   * Ends the import and forgets its file: the patients it held are in the registry, or were
   * refused.
   *
   * @param run the run ending it, or null for whoever runs it (the task giving up)
   */
  boolean finish(
      UUID id, @Nullable Integer run, ImportStatus status, @Nullable String incident, Instant at) {
    int updated =
        jdbc.sql(
                """
                UPDATE patient_import SET status = :status, incident = :incident, finished_at = :at
                 WHERE id = :id AND (CAST(:run AS int) IS NULL OR run = :run)
                   AND finished_at IS NULL
                """)
            .param("status", status.code())
            .param("incident", incident)
            .param("at", utc(at))
            .param("id", id)
            .param("run", run)
            .update();
    jdbc.sql("DELETE FROM patient_import_chunk WHERE import_id = :id").param("id", id).update();
    return updated == 1;
  }

  /** Forgets the imports that ended before {@code cutoff}, their reports and rows with them. */
  int forgetFinishedBefore(Instant cutoff) {
    return jdbc.sql("DELETE FROM patient_import WHERE finished_at < :cutoff")
        .param("cutoff", utc(cutoff))
        .update();
  }

  // ------------------------------------------------------------------------------ its file

  void addChunk(UUID id, int seq, String text) {
    jdbc.sql(
            """
            INSERT INTO patient_import_chunk (id, import_id, seq, content_sealed)
            VALUES (:id, :import, :seq, :sealed)
            """)
        .param("id", Ids.newId())
        .param("import", id)
        .param("seq", seq)
        .param("sealed", cipher.encrypt(text, CONTENT_CONTEXT))
        .update();
  }

  /** The piece {@code seq} of the file, or empty past its end. */
  Optional<String> chunk(UUID id, int seq) {
    return jdbc.sql(
            "SELECT content_sealed FROM patient_import_chunk WHERE import_id = :id AND seq = :seq")
        .param("id", id)
        .param("seq", seq)
        .query((rs, n) -> cipher.decrypt(rs.getBytes(1), CONTENT_CONTEXT))
        .optional();
  }

  // ------------------------------------------------------------------------ its refused rows

  void addBadRows(UUID id, List<BadRow> rows) {
    for (BadRow row : rows) {
      jdbc.sql(
              """
              INSERT INTO patient_import_problem (id, import_id, row_number, line, errors_sealed)
              VALUES (:id, :import, :row, :line, :sealed)
              ON CONFLICT (import_id, row_number) DO NOTHING
              """)
          .param("id", Ids.newId())
          .param("import", id)
          .param("row", row.row())
          .param("line", row.line())
          .param("sealed", cipher.encrypt(json.writeValueAsString(row.errors()), ERRORS_CONTEXT))
          .update();
    }
  }

  void clearBadRows(UUID id) {
    jdbc.sql("DELETE FROM patient_import_problem WHERE import_id = :id").param("id", id).update();
  }

  /** The first {@code limit} refused rows, in file order. */
  List<BadRow> badRows(UUID id, int limit) {
    return jdbc.sql(
            """
            SELECT row_number, line, errors_sealed FROM patient_import_problem
             WHERE import_id = :id ORDER BY row_number LIMIT :limit
            """)
        .param("id", id)
        .param("limit", limit)
        .query(
            (rs, n) ->
                new BadRow(
                    rs.getInt("row_number"),
                    (Integer) rs.getObject("line"),
                    json.readValue(
                        cipher.decrypt(rs.getBytes("errors_sealed"), ERRORS_CONTEXT), ERRORS)))
        .list();
  }

  int badRowCount(UUID id) {
    return jdbc.sql("SELECT count(*) FROM patient_import_problem WHERE import_id = :id")
        .param("id", id)
        .query(Integer.class)
        .single();
  }

  BitSet badRowNumbers(UUID id) {
    BitSet rows = new BitSet();
    jdbc.sql("SELECT row_number FROM patient_import_problem WHERE import_id = :id")
        .param("id", id)
        .query(
            rs -> {
              rows.set(rs.getInt(1));
            });
    return rows;
  }

  // ---------------------------------------------------------------- what registered rows became

  record RegisteredRow(int row, Outcome outcome, UUID patient) {}

  void addRows(UUID id, List<RegisteredRow> rows) {
    if (rows.isEmpty()) {
      return;
    }
    List<Object[]> values = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO patient_import_row (import_id, row_number, outcome, patient_id) VALUES ");
    for (int i = 0; i < rows.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?)");
      RegisteredRow row = rows.get(i);
      values.add(new Object[] {id, row.row(), row.outcome().code(), row.patient()});
    }
    List<Object> flat = new ArrayList<>();
    values.forEach(v -> flat.addAll(List.of(v)));
    jdbc.sql(sql.toString()).params(flat).update();
  }

  /** The record each row registered so far created or was linked to, by row number. */
  Map<Integer, UUID> patientsOf(UUID id) {
    Map<Integer, UUID> patients = new HashMap<>();
    jdbc.sql("SELECT row_number, patient_id FROM patient_import_row WHERE import_id = :id")
        .param("id", id)
        .query(
            rs -> {
              patients.put(rs.getInt(1), rs.getObject(2, UUID.class));
            });
    return patients;
  }

  private PatientImport patientImport(ResultSet rs, int n) throws SQLException {
    return new PatientImport(
        rs.getObject("id", UUID.class),
        ImportStatus.ofCode(rs.getString("status")),
        ImportFormat.ofCode(rs.getString("format")),
        rs.getBoolean("dry_run"),
        OnError.ofCode(rs.getString("on_error")),
        rs.getLong("file_size"),
        rs.getInt("total_rows"),
        rs.getInt("ignored_entries"),
        rs.getInt("processed_rows"),
        new Counts(
            rs.getInt("created_count"),
            rs.getInt("linked_count"),
            rs.getInt("possible_count"),
            rs.getInt("invalid_count")),
        rs.getString("incident"),
        rs.getString("created_by"),
        rs.getString("created_by_name"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"));
  }

  private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
