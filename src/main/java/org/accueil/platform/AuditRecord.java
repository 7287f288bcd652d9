package org.accueil.platform;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One fact for the audit trail, published as an application event by the module that acted. It
 * carries ids only, never health details: {@code refs} names related entities by id ({@code
 * "patient" -> <uuid>}).
 *
 * <p>The audit module writes it in the publisher's transaction, just before commit; if the row
 * cannot be written, the transaction rolls back and the action does not happen. Outside a
 * transaction (a read, a failed login), the row is written at once and a failure fails the call.
 * Publish after the change succeeded, not before.
 *
 * @param action dotted verb, e.g. {@code appointment.cancel}, {@code patient.view}, {@code
 *     login.failure}
 * @param entityType {@code appointment}, {@code patient}, {@code api-key}...
 * @param entityId the entity's id, or {@code null} for actions on no single entity
 * @param actor who acted
 * @param ip the caller's address when the action came through HTTP
 * @param channel {@code api}, {@code web}, {@code whatsapp}, {@code sms}, {@code hl7v2}...
 * @param sourceSystem the outside system behind the call, if any (an EHR's name)
 */
public record AuditRecord(
    String action,
    String entityType,
    @Nullable String entityId,
    Outcome outcome,
    Actor actor,
    @Nullable String ip,
    String channel,
    @Nullable String sourceSystem,
    Map<String, String> refs) {

  public enum Outcome {
    SUCCESS,
    DENIED,
    FAILED
  }

  public AuditRecord {
    refs = Map.copyOf(refs);
  }
}
