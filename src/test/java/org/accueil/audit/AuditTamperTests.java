package org.accueil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.accueil.audit.Verification.Kind;
import org.accueil.platform.AuditRecord.Outcome;
import org.accueil.testing.Api;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Someone with full access to the database changes the trail behind Accueil's back, bypassing the
 * append-only triggers as a superuser can; verification names the first row that is not as it was
 * written. Each test starts from an empty trail and writes rows 1 to 10.
 */
@AuditSandbox
class AuditTamperTests {

  static final int ROWS = 10;

  @Autowired AuditTrail trail;
  @Autowired ApplicationEventPublisher events;
  @Autowired Environment environment;
  @Autowired Api api;
  @Autowired JdbcClient jdbc;

  Attacker attacker;

  @BeforeEach
  void tenRows() {
    attacker = new Attacker(environment);
    attacker.wipesTheTrail();
    for (int i = 1; i <= ROWS; i++) {
      events.publishEvent(
          AuditRecords.of(
              "appointment.cancel", "appointment", "appointment-" + i, Outcome.SUCCESS));
    }
    Verification intact = trail.verify();
    assertThat(intact.valid()).isTrue();
    assertThat(intact.rowsChecked()).isEqualTo(ROWS);
    assertThat(intact.headSeq()).isEqualTo(ROWS);
  }

  @Test
  void aChangedFieldIsDetectedAtItsRow() {
    attacker.runs("UPDATE audit_event SET actor_id = 'someone-else' WHERE seq = 4");

    assertBrokenAt(4, Kind.MODIFIED, 3);
  }

  @Test
  void aChangedRefIsDetectedAtItsRow() {
    attacker.runs(
        "UPDATE audit_event SET refs = '{\"patient\": \"another-patient\"}' WHERE seq = 9");

    assertBrokenAt(9, Kind.MODIFIED, 8);
  }

  @Test
  void aDeletedRowInTheMiddleIsDetectedAsMissing() {
    attacker.runs("DELETE FROM audit_event WHERE seq = 5");

    Verification result = assertBrokenAt(5, Kind.MISSING, 4);
    assertThat(result.firstBroken().arguments()).containsExactly(5L, 5L, 6L);
  }

  @Test
  void severalDeletedRowsAreNamedAsOneRange() {
    attacker.runs("DELETE FROM audit_event WHERE seq BETWEEN 3 AND 6");

    Verification result = assertBrokenAt(3, Kind.MISSING, 2);
    assertThat(result.firstBroken().arguments()).containsExactly(3L, 6L, 7L);
  }

  @Test
  void aDeletedFirstRowIsDetected() {
    attacker.runs("DELETE FROM audit_event WHERE seq = 1");

    assertBrokenAt(1, Kind.MISSING, 0);
  }

  @Test
  void deletingTheNewestRowIsDetectedThroughTheHead() {
    attacker.runs("DELETE FROM audit_event WHERE seq = " + ROWS);

    Verification result = assertBrokenAt(ROWS, Kind.TRUNCATED, ROWS - 1);
    assertThat(result.firstBroken().arguments()).containsExactly(10L, 10L, 9L);
  }

  @Test
  void deletingTheNewestRowsAndSettingTheHeadBackIsDetectedAtTheRowThatNamesIt() {
    // The head row's trigger refuses to move back; the attacker bypasses it like the others.
    attacker.runs(
        "DELETE FROM audit_event WHERE seq > 7",
        "UPDATE audit_head SET last_seq = 7, last_hash = (SELECT hash FROM audit_event WHERE seq"
            + " = 7)");

    // Undetectable from the database alone: what is left is a shorter, intact chain. The head's
    // hash, kept elsewhere, is what gives it away (docs/security/audit.md, "Anchoring").
    Verification result = trail.verify();
    assertThat(result.valid()).isTrue();
    assertThat(result.headSeq()).isEqualTo(7);
  }

  @Test
  void aRowAddedBehindTheWritersBackIsDetectedEvenWithAValidHash() {
    AuditEvent last = newest();
    AuditEvent forged =
        new AuditEvent(
                0,
                last.occurredAt(),
                last.actorKind(),
                last.actorId(),
                last.actorName(),
                last.actorRoles(),
                "patient.merge",
                "patient",
                "forged",
                "success",
                null,
                "api",
                null,
                last.refs(),
                new byte[0],
                new byte[0])
            .chainedAt(ROWS + 1, last.hash());
    // INSERT is all the triggers allow: no bypass needed, only the head stays where it was.
    jdbc.sql(
            """
            INSERT INTO audit_event (seq, occurred_at, actor_kind, actor_id, actor_name,
                                     actor_roles, action, entity_type, entity_id, outcome, ip,
                                     channel, source_system, refs, prev_hash, hash)
            SELECT :seq, occurred_at, actor_kind, actor_id, actor_name, actor_roles,
                   'patient.merge', 'patient', 'forged', outcome, NULL, channel, NULL, refs,
                   hash, :hash
              FROM audit_event WHERE seq = :last
            """)
        .param("seq", ROWS + 1)
        .param("hash", forged.hash())
        .param("last", ROWS)
        .update();

    assertBrokenAt(ROWS + 1, Kind.UNACCOUNTED, ROWS);
  }

  @Test
  void swappingTwoRowsIsDetectedAtTheFirstOfThem() {
    attacker.runs(
        "UPDATE audit_event SET seq = 1000003 WHERE seq = 3",
        "UPDATE audit_event SET seq = 3 WHERE seq = 8",
        "UPDATE audit_event SET seq = 8 WHERE seq = 1000003");

    assertBrokenAt(3, Kind.REORDERED, 2);
  }

  @Test
  void aChangeHiddenByRecomputingTheRowsHashIsDetectedAtTheNextLink() {
    AuditEvent row6 =
        trail
            .search(new AuditSearch(null, null, null, null, null, null, null, null, 7L, 1))
            .events()
            .getFirst();
    AuditEvent forged =
        new AuditEvent(
                row6.seq(),
                row6.occurredAt(),
                row6.actorKind(),
                "someone-else",
                row6.actorName(),
                row6.actorRoles(),
                row6.action(),
                row6.entityType(),
                row6.entityId(),
                row6.outcome(),
                row6.ip(),
                row6.channel(),
                row6.sourceSystem(),
                row6.refs(),
                row6.prevHash(),
                row6.hash())
            .chainedAt(6, row6.prevHash());
    attacker.runs(
        "UPDATE audit_event SET actor_id = 'someone-else', hash = '\\x"
            + java.util.HexFormat.of().formatHex(forged.hash())
            + "' WHERE seq = 6");

    Verification result = assertBrokenAt(7, Kind.RELINKED, 6);
    assertThat(result.firstBroken().arguments()).containsExactly(7L, 6L);
  }

  @Test
  void rewritingTheLastRowWithItsHashIsDetectedThroughTheHead() {
    attacker.runs("UPDATE audit_event SET hash = sha256(hash) WHERE seq = " + ROWS);

    // Its own hash no longer matches first; had the attacker recomputed it, the head would.
    assertBrokenAt(ROWS, Kind.MODIFIED, ROWS - 1);
  }

  @Test
  void theHeadNamingAnotherHashIsDetected() {
    attacker.runs("UPDATE audit_head SET last_hash = sha256(last_hash)");

    assertBrokenAt(ROWS, Kind.HEAD_MISMATCH, ROWS - 1);
  }

  @Test
  void aDeletedHeadIsDetected() {
    attacker.runs("DELETE FROM audit_head");

    Verification result = trail.verify();
    assertThat(result.valid()).isFalse();
    assertThat(result.firstBroken().kind()).isEqualTo(Kind.HEAD_MISSING);
    assertThat(result.headSeq()).isNull();
    attacker.runs(
        "INSERT INTO audit_head SELECT true, seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1");
  }

  @Test
  void theApiAnswersWhereTheChainBreaksAndWhy() {
    attacker.runs("UPDATE audit_event SET action = 'appointment.view' WHERE seq = 2");

    var answer = api.with("Accept-Language", "fr").get("/api/v1/audit/verify");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.body().get("valid").asBoolean()).isFalse();
    assertThat(answer.body().get("rowsChecked").asLong()).isEqualTo(1);
    assertThat(answer.body().get("firstBrokenSeq").asLong()).isEqualTo(2);
    assertThat(answer.body().get("breakKind").asString()).isEqualTo("modified");
    assertThat(answer.string("problem"))
        .isEqualTo(
            "La ligne 2 a été modifiée après son écriture : son contenu ne correspond plus à son"
                + " empreinte.");
    assertThat(answer.body().get("headSeq").asLong()).isEqualTo(ROWS);
  }

  @Test
  void rowsWrittenAfterATamperingDoNotHideIt() {
    attacker.runs("DELETE FROM audit_event WHERE seq = " + ROWS);
    events.publishEvent(AuditRecords.viewed("patient", UUID.randomUUID().toString()));

    // Row 11 links to the deleted row 10, as the head said: the gap is still there.
    Verification result = assertBrokenAt(ROWS, Kind.MISSING, ROWS - 1);
    assertThat(result.firstBroken().arguments()).containsExactly(10L, 10L, 11L);
  }

  private AuditEvent newest() {
    return rowBefore(Long.MAX_VALUE);
  }

  private AuditEvent rowBefore(long seq) {
    return trail
        .search(new AuditSearch(null, null, null, null, null, null, null, null, seq, 1))
        .events()
        .getFirst();
  }

  private Verification assertBrokenAt(long seq, Kind kind, long rowsChecked) {
    Verification result = trail.verify();
    assertThat(result.valid()).as("valid").isFalse();
    assertThat(result.firstBrokenSeq()).as("first broken seq").isEqualTo(seq);
    assertThat(result.firstBroken().kind()).as("kind").isEqualTo(kind);
    assertThat(result.rowsChecked()).as("rows checked").isEqualTo(rowsChecked);
    return result;
  }
}
