package org.accueil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The hash encoding is a contract with auditors who recompute it with their own tools: the example
 * of docs/security/audit.md (computed there by its Python reference code) must hash here to the
 * same values, and no two different rows may share an encoding.
 */
class AuditHashTests {

  static final AuditEvent DOCUMENTED_ROW_1 =
      new AuditEvent(
          1,
          Instant.parse("2026-03-30T07:30:00.123456Z"),
          "api-key",
          "0193e8a4-5b7c-7d2e-9f10-1a2b3c4d5e6f",
          "Front desk tablet",
          List.of("FRONT_DESK", "CLINICIAN"),
          "appointment.cancel",
          "appointment",
          "0193e8a4-6000-7000-8000-000000000001",
          "success",
          "203.0.113.7",
          "api",
          null,
          new TreeMap<>(
              Map.of(
                  "provider", "0193e8a4-6000-7000-8000-0000000000a2",
                  "patient", "0193e8a4-6000-7000-8000-0000000000b3")),
          new byte[32],
          new byte[0]);

  static final AuditEvent DOCUMENTED_ROW_2 =
      new AuditEvent(
          2,
          Instant.parse("2026-03-30T07:31:05Z"),
          "anonymous",
          "anonymous",
          "Anonymous",
          List.of(),
          "login.failure",
          "user",
          null,
          "denied",
          "2001:db8::1",
          "web",
          null,
          new TreeMap<>(),
          new byte[0],
          new byte[0]);

  @Test
  void theDocumentedExampleRowsHashToTheDocumentedValues() {
    AuditEvent first = DOCUMENTED_ROW_1.chainedAt(1, AuditHash.genesis());
    AuditEvent second = DOCUMENTED_ROW_2.chainedAt(2, first.hash());

    assertThat(hex(first.hash()))
        .isEqualTo("721e08773d2cf2b12b7aec4e0e2f0126d881414916696f5df57c435e5021d9fd");
    assertThat(hex(second.hash()))
        .isEqualTo("1d2b5ba676d568b9f9a9cf0a81b0411e65f0304ec714a81301840438f9f32531");
    assertThat(first.hashMatches()).isTrue();
    assertThat(second.follows(first.hash())).isTrue();
  }

  @Test
  void theTimeIsHashedInUtcWithExactlySixFractionDigits() {
    AuditEvent whole = withTime("2026-03-30T07:31:05Z");
    AuditEvent micros = withTime("2026-03-30T07:31:05.000001Z");

    assertThat(new String(AuditHash.canonical(whole), java.nio.charset.StandardCharsets.UTF_8))
        .contains("2026-03-30T07:31:05.000000Z");
    assertThat(AuditHash.of(whole)).isNotEqualTo(AuditHash.of(micros));
  }

  @Test
  void everyFieldOfTheRowIsCoveredByTheHash() {
    AuditEvent row = DOCUMENTED_ROW_1.chainedAt(7, AuditHash.genesis());
    List<UnaryOperator<AuditEvent>> changes =
        List.of(
            e -> copy(e, 8, null, null, null, null, null, null),
            e ->
                copy(
                    e,
                    7,
                    Instant.parse("2026-03-30T07:30:00.123457Z"),
                    null,
                    null,
                    null,
                    null,
                    null),
            e -> copy(e, 7, null, "user", null, null, null, null),
            e -> copy(e, 7, null, null, "another-key", null, null, null),
            e -> copy(e, 7, null, null, null, "Front desk laptop", null, null),
            e -> copy(e, 7, null, null, null, null, List.of("FRONT_DESK"), null),
            e -> copy(e, 7, null, null, null, null, null, Map.of("patient", "someone-else")),
            e -> field(e, "action", "appointment.reschedule"),
            e -> field(e, "entityType", "hold"),
            e -> field(e, "entityId", "0193e8a4-6000-7000-8000-000000000002"),
            e -> field(e, "outcome", "denied"),
            e -> field(e, "ip", "203.0.113.8"),
            e -> field(e, "channel", "web"),
            e -> field(e, "sourceSystem", "ehr"));

    for (UnaryOperator<AuditEvent> change : changes) {
      AuditEvent changed = change.apply(row);
      assertThat(AuditHash.of(changed)).as(changed.toString()).isNotEqualTo(row.hash());
    }
    byte[] otherPrevious = new byte[32];
    otherPrevious[31] = 1;
    assertThat(row.chainedAt(7, otherPrevious).hash()).isNotEqualTo(row.hash());
  }

  @Test
  void movingCharactersFromOneFieldToTheNextChangesTheHash() {
    AuditEvent ab = copy(DOCUMENTED_ROW_1, 1, null, null, "ab", "c", null, null);
    AuditEvent bc = copy(DOCUMENTED_ROW_1, 1, null, null, "a", "bc", null, null);

    assertThat(AuditHash.of(ab)).isNotEqualTo(AuditHash.of(bc));
  }

  @Test
  void anAbsentValueAndAnEmptyOneHashDifferently() {
    AuditEvent absent = field(DOCUMENTED_ROW_1, "entityId", null);
    AuditEvent empty = field(DOCUMENTED_ROW_1, "entityId", "");

    assertThat(AuditHash.of(absent)).isNotEqualTo(AuditHash.of(empty));
  }

  @Test
  void refsSwappedBetweenNamesChangeTheHash() {
    AuditEvent one =
        copy(DOCUMENTED_ROW_1, 1, null, null, null, null, null, Map.of("a", "1", "b", "2"));
    AuditEvent other =
        copy(DOCUMENTED_ROW_1, 1, null, null, null, null, null, Map.of("a", "2", "b", "1"));
    AuditEvent joined = copy(DOCUMENTED_ROW_1, 1, null, null, null, null, null, Map.of("a", "1b2"));

    assertThat(AuditHash.of(one)).isNotEqualTo(AuditHash.of(other));
    assertThat(AuditHash.of(one)).isNotEqualTo(AuditHash.of(joined));
  }

  private static AuditEvent withTime(String instant) {
    return copy(DOCUMENTED_ROW_2, 2, Instant.parse(instant), null, null, null, null, null);
  }

  private static AuditEvent copy(
      AuditEvent e,
      long seq,
      Instant time,
      String kind,
      String id,
      String name,
      List<String> roles,
      Map<String, String> refs) {
    return new AuditEvent(
        seq,
        time != null ? time : e.occurredAt(),
        kind != null ? kind : e.actorKind(),
        id != null ? id : e.actorId(),
        name != null ? name : e.actorName(),
        roles != null ? roles : e.actorRoles(),
        e.action(),
        e.entityType(),
        e.entityId(),
        e.outcome(),
        e.ip(),
        e.channel(),
        e.sourceSystem(),
        new TreeMap<>(refs != null ? refs : e.refs()),
        e.prevHash(),
        e.hash());
  }

  private static AuditEvent field(AuditEvent e, String name, String value) {
    return new AuditEvent(
        e.seq(),
        e.occurredAt(),
        e.actorKind(),
        e.actorId(),
        e.actorName(),
        e.actorRoles(),
        name.equals("action") ? value : e.action(),
        name.equals("entityType") ? value : e.entityType(),
        name.equals("entityId") ? value : e.entityId(),
        name.equals("outcome") ? value : e.outcome(),
        name.equals("ip") ? value : e.ip(),
        name.equals("channel") ? value : e.channel(),
        name.equals("sourceSystem") ? value : e.sourceSystem(),
        new TreeMap<>(e.refs()),
        e.prevHash(),
        e.hash());
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
