package org.accueil.audit;

import static org.accueil.testing.ProblemAssert.assertThatProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.accueil.platform.Audit;
import org.accueil.platform.AuditRecord.Outcome;
import org.accueil.platform.ProblemException;
import org.accueil.testing.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Audit writes never fail silently: when the row cannot be written, the action does not happen and
 * the caller is told. The audit table is made to refuse rows about notes, as a full disk or a lost
 * connection would refuse them all.
 */
@AuditSandbox
class AuditWriteFailureTests {

  @Autowired Api api;
  @Autowired JdbcClient jdbc;
  @Autowired AuditTrail trail;
  @Autowired ApplicationEventPublisher events;
  @Autowired PlatformTransactionManager transactions;
  @Autowired Environment environment;

  @BeforeEach
  void notes() {
    jdbc.sql(NotesEndpoints.TABLE_DDL).update();
    new Attacker(environment).wipesTheTrail();
  }

  @AfterEach
  void auditWritesWorkAgain() {
    jdbc.sql("ALTER TABLE audit_event DROP CONSTRAINT IF EXISTS test_refuses_notes").update();
  }

  @Test
  void aChangeWhoseAuditRowCannotBeWrittenIsNotMadeAndTheCallerIsTold() {
    String text = "note " + UUID.randomUUID();
    auditRefusesNotes();

    var refused = api.post("/api/v1/test-notes", Map.of("text", text));

    assertThatProblem(refused)
        .is(503, "audit-unavailable")
        .withDetailContaining("audit trail could not record it");
    assertThat(refused.string("incident")).isNotBlank();
    assertThat(notesWith(text)).as("the note was rolled back with its audit row").isZero();
    assertThat(trail.verify().valid()).isTrue();
  }

  @Test
  void theRefusalIsExplainedInTheCallersLanguage() {
    auditRefusesNotes();

    var refused =
        api.with("Accept-Language", "it").post("/api/v1/test-notes", Map.of("text", "nota"));

    assertThatProblem(refused)
        .is(503, "audit-unavailable")
        .titled("Registro di audit non disponibile")
        .withDetailContaining("registro di audit non ha potuto registrarlo");
  }

  @Test
  void aReadWhoseAuditRowCannotBeWrittenAnswersAnErrorNotTheData() {
    String text = "secret note " + UUID.randomUUID();
    var created = api.post("/api/v1/test-notes", Map.of("text", text));
    assertThat(created.status()).isEqualTo(201);
    auditRefusesNotes();

    var read = api.get("/api/v1/test-notes/" + created.string("id"));

    assertThatProblem(read).is(503, "audit-unavailable");
    assertThat(read.text()).doesNotContain(text);
  }

  @Test
  void theSameChangeGoesThroughOnceTheAuditTrailCanRecordItAgain() {
    String text = "note " + UUID.randomUUID();
    auditRefusesNotes();
    assertThat(api.post("/api/v1/test-notes", Map.of("text", text)).status()).isEqualTo(503);
    auditWritesWorkAgain();

    var created = api.post("/api/v1/test-notes", Map.of("text", text));
    var read = api.get("/api/v1/test-notes/" + created.string("id"));

    assertThat(created.status()).isEqualTo(201);
    assertThat(read.status()).isEqualTo(200);
    assertThat(notesWith(text)).isEqualTo(1);
    var page =
        trail.search(
            new AuditSearch(
                null, null, null, "note", created.string("id"), null, null, null, null, 10));
    assertThat(page.events())
        .extracting(AuditEvent::action)
        .containsExactly("note.view", "note.create");
    Verification result = trail.verify();
    assertThat(result.valid()).isTrue();
    assertThat(result.headSeq()).as("the refused attempt used no seq").isEqualTo(2);
  }

  @Test
  void aFailedWriteInsideATransactionRollsItBackForEveryCaller() {
    String text = "note " + UUID.randomUUID();
    auditRefusesNotes();
    var template = new TransactionTemplate(transactions);

    assertThatThrownBy(
            () ->
                template.executeWithoutResult(
                    s -> {
                      jdbc.sql("INSERT INTO audit_test_note (id, text) VALUES (:id, :text)")
                          .param("id", UUID.randomUUID())
                          .param("text", text)
                          .update();
                      events.publishEvent(
                          AuditRecords.of("note.create", "note", text, Outcome.SUCCESS));
                    }))
        .isInstanceOf(ProblemException.class);
    assertThat(notesWith(text)).isZero();
  }

  @Test
  void aFailedWriteOutsideATransactionIsThrownToThePublisher() {
    auditRefusesNotes();

    assertThatThrownBy(
            () ->
                events.publishEvent(AuditRecords.of("login.failure", "note", "x", Outcome.FAILED)))
        .isInstanceOf(ProblemException.class)
        .rootCause()
        .hasMessageContaining("test_refuses_notes");
  }

  private void auditRefusesNotes() {
    jdbc.sql(
            "ALTER TABLE audit_event ADD CONSTRAINT test_refuses_notes CHECK (entity_type <> 'note')"
                + " NOT VALID")
        .update();
  }

  private long notesWith(String text) {
    return jdbc.sql("SELECT count(*) FROM audit_test_note WHERE text = :text")
        .param("text", text)
        .query(Long.class)
        .single();
  }

  /**
   * A test-only feature audited the way the modules audit theirs: creating a note publishes {@code
   * note.create} in the creating transaction, reading one publishes {@code note.view} with no
   * transaction. Its table, {@code audit_test_note}, exists only in the sandbox database.
   */
  @RestController
  static class NotesEndpoints {

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
}
