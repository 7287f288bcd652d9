package org.accueil.audit;

import java.util.Map;
import java.util.UUID;
import org.accueil.platform.Audit;
import org.accueil.platform.ProblemException;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A test-only feature audited the way the modules audit theirs: creating a note publishes {@code
 * note.create} in the creating transaction, reading one publishes {@code note.view} with no
 * transaction. Its table, {@code audit_test_note}, exists only in the sandbox database.
 *
 * <p>A test component: only {@link AuditSandbox} imports it, so the other contexts (whose
 * authorization matrix must name every endpoint) do not serve it.
 */
@TestComponent
@RestController
class NotesEndpoints {

  static final String TABLE_DDL =
      "CREATE TABLE IF NOT EXISTS audit_test_note (id uuid PRIMARY KEY, text text NOT NULL)";

  record Note(UUID id, String text) {}

  private final JdbcClient jdbc;
  private final Audit audit;

  NotesEndpoints(JdbcClient jdbc, Audit audit) {
    this.jdbc = jdbc;
    this.audit = audit;
  }

  @PostMapping("/api/v1/test-notes")
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  Note create(@RequestBody Map<String, String> body) {
    Note note = new Note(UUID.randomUUID(), body.get("text"));
    jdbc.sql("INSERT INTO audit_test_note (id, text) VALUES (:id, :text)")
        .param("id", note.id())
        .param("text", note.text())
        .update();
    audit.success("note.create", "note", note.id());
    return note;
  }

  @GetMapping("/api/v1/test-notes/{id}")
  Note read(@PathVariable UUID id) {
    Note note =
        jdbc.sql("SELECT id, text FROM audit_test_note WHERE id = :id")
            .param("id", id)
            .query(Note.class)
            .optional()
            .orElseThrow(() -> ProblemException.notFound("note", id));
    audit.success("note.view", "note", id);
    return note;
  }
}
