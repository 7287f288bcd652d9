package org.accueil.audit;

import java.util.Map;
import java.util.Set;
import org.accueil.platform.Actor;
import org.accueil.platform.AuditRecord;
import org.accueil.platform.AuditRecord.Outcome;

/** Audit records as the modules publish them, for tests that publish their own. */
final class AuditRecords {

  static final Actor FRONT_DESK_KEY =
      new Actor(
          Actor.Kind.API_KEY,
          "0193e8a4-5b7c-7d2e-9f10-1a2b3c4d5e6f",
          "Front desk tablet",
          Set.of("FRONT_DESK"),
          Set.of("appointments:read"),
          null,
          null);

  private AuditRecords() {}

  static AuditRecord viewed(String entityType, String entityId) {
    return of("%s.view".formatted(entityType), entityType, entityId, Outcome.SUCCESS);
  }

  static AuditRecord of(String action, String entityType, String entityId, Outcome outcome) {
    return by(FRONT_DESK_KEY, action, entityType, entityId, outcome);
  }

  static AuditRecord by(
      Actor actor, String action, String entityType, String entityId, Outcome outcome) {
    return new AuditRecord(
        action,
        entityType,
        entityId,
        outcome,
        actor,
        "203.0.113.7",
        "api",
        null,
        Map.of("patient", "0193e8a4-6000-7000-8000-0000000000b3"));
  }
}
