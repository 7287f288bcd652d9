package org.accueil.integration.fhir;

import ca.uhn.fhir.parser.IParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Slot;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the EHR told us, stored before we answer it and applied afterwards ({@link InboxWorker}): a
 * notification that was acknowledged is never lost, and one received twice (a redelivery, the
 * poller seeing what the subscription sent) is stored once, by resource and version.
 */
@Component
class FhirInbox {

  enum Source {
    SUBSCRIPTION,
    POLL,
    RECONCILIATION,
    PUSH;

    String code() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** One stored change, claimed for applying. */
  record Item(
      long id,
      String resourceType,
      String resourceId,
      @Nullable String versionId,
      @Nullable Resource resource,
      Source source,
      int attempts) {}

  private final JdbcClient jdbc;
  private final Clock clock;
  private final ObjectProvider<InboxWorker> worker;

  FhirInbox(JdbcClient jdbc, Clock clock, ObjectProvider<InboxWorker> worker) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.worker = worker;
  }

  /**
   * Stores the resource as received (minimised); false when this version was stored before. Applied
   * after the caller's transaction commits (at once when there is none).
   */
  boolean store(Resource resource, Source source) {
    String type = resource.fhirType();
    String id = resource.getIdElement().getIdPart();
    String version =
        resource.getMeta().hasVersionId()
            ? resource.getMeta().getVersionId()
            : resource.getIdElement().getVersionIdPart();
    return insert(type, id, version, parser().encodeResourceToString(minimised(resource)), source);
  }

  /** Stores a notification that named the resource without giving it: it is read when applied. */
  boolean storeChanged(String type, String id, Source source) {
    return insert(type, id, null, null, source);
  }

  private boolean insert(
      String type, String id, @Nullable String version, @Nullable String payload, Source source) {
    Instant now = clock.instant();
    boolean stored =
        jdbc.sql(
                    """
                INSERT INTO fhir_inbox (resource_type, resource_id, version_id, payload, source,
                                        received_at, next_attempt_at)
                VALUES (:type, :id, :version, CAST(:payload AS jsonb), :source, :now, :now)
                ON CONFLICT DO NOTHING
                """)
                .param("type", type)
                .param("id", id)
                .param("version", version)
                .param("payload", payload)
                .param("source", source.code())
                .param("now", now.atOffset(ZoneOffset.UTC))
                .update()
            == 1;
    if (stored) {
      wakeAfterCommit();
    }
    return stored;
  }

  private void wakeAfterCommit() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              worker.getObject().wake();
            }
          });
    } else {
      worker.getObject().wake();
    }
  }

  /**
   * Claims the oldest change due whose resource has no older change still waiting, locking its row
   * until the caller's transaction ends: one resource's changes are applied one at a time and in
   * the order received, whatever the number of workers and nodes.
   */
  Optional<Item> claimNext() {
    return jdbc.sql(
            """
            SELECT i.id, i.resource_type, i.resource_id, i.version_id, i.payload::text AS payload,
                   i.source, i.attempts
              FROM fhir_inbox i
             WHERE i.applied_at IS NULL AND i.next_attempt_at <= :now
               AND NOT EXISTS (SELECT 1 FROM fhir_inbox o
                                WHERE o.resource_type = i.resource_type
                                  AND o.resource_id = i.resource_id
                                  AND o.applied_at IS NULL AND o.id < i.id)
             ORDER BY i.id
             LIMIT 1 FOR UPDATE SKIP LOCKED
            """)
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .query(
            (rs, n) -> {
              String payload = rs.getString("payload");
              return new Item(
                  rs.getLong("id"),
                  rs.getString("resource_type"),
                  rs.getString("resource_id"),
                  rs.getString("version_id"),
                  payload == null ? null : (Resource) parser().parseResource(payload),
                  Source.valueOf(rs.getString("source").toUpperCase(Locale.ROOT)),
                  rs.getInt("attempts"));
            })
        .optional();
  }

  void applied(long id, String outcome) {
    jdbc.sql(
            "UPDATE fhir_inbox SET applied_at = :now, outcome = :outcome, last_error = NULL"
                + " WHERE id = :id")
        .param("id", id)
        .param("outcome", outcome)
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .update();
  }

  void failed(long id, Instant next, String error) {
    jdbc.sql(
            """
            UPDATE fhir_inbox SET attempts = attempts + 1, next_attempt_at = :next,
                                  last_error = :error
             WHERE id = :id AND applied_at IS NULL
            """)
        .param("id", id)
        .param("next", next.atOffset(ZoneOffset.UTC))
        .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
        .update();
  }

  /** How many changes wait to be applied: the backlog a health check can watch. */
  long pending() {
    return jdbc.sql("SELECT count(*) FROM fhir_inbox WHERE applied_at IS NULL")
        .query(Long.class)
        .single();
  }

  private static IParser parser() {
    return FhirEhr.context().newJsonParser();
  }

  /** The resource without what we must not keep: narrative, comments, reasons, display names. */
  static Resource minimised(Resource resource) {
    Resource copy = resource.copy();
    if (copy instanceof Appointment a) {
      a.setText(null);
      a.setComment(null);
      a.setPatientInstruction(null);
      a.setDescription(null);
      a.getReasonCode().clear();
      a.getReasonReference().clear();
      a.getSupportingInformation().clear();
      a.getContained().clear();
      a.getParticipant().forEach(p -> p.getActor().setDisplay(null));
    } else if (copy instanceof Slot s) {
      s.setText(null);
      s.setComment(null);
      s.getContained().clear();
    }
    return copy;
  }
}
