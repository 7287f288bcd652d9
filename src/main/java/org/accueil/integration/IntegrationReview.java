package org.accueil.integration;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.accueil.integration.fhir.Conflict;
import org.accueil.integration.fhir.Conflicts;
import org.accueil.integration.outbox.internal.DeliveryLog;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What staff review of the integration, for the web application's review screen: the EHR conflicts
 * still open and the deliveries that went to the dead-letter list, with the actions the API offers
 * on them (resolve, replay). The same calls as {@code /api/v1/integration/conflicts} and {@code
 * /api/v1/integration/deliveries}.
 */
@Component
public class IntegrationReview {

  /** An open conflict between Accueil and the EHR, and what staff may answer. */
  public record ConflictItem(
      UUID id,
      String kind,
      String remote,
      @Nullable Instant start,
      String detail,
      Instant detectedAt,
      List<String> resolutions) {}

  /** A delivery given up after its retries, to replay once its cause is fixed. */
  public record DeadLetter(
      long id,
      String destination,
      String kind,
      String key,
      int attempts,
      @Nullable String lastError,
      @Nullable Instant deadAt) {}

  /**
   * A delivery to the EHR (FHIR or HL7 v2; webhooks are not counted) on {@code day} (local), and
   * how long after the change it was written it reached the EHR.
   */
  public record Delivered(java.time.LocalDate day, java.time.Duration lag) {}

  private final Conflicts conflicts;
  private final DeliveryLog log;
  private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

  IntegrationReview(
      Conflicts conflicts, DeliveryLog log, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
    this.conflicts = conflicts;
    this.log = log;
    this.jdbc = jdbc;
  }

  /** The EHR deliveries of the local days from {@code from} to {@code to} inclusive. */
  public List<Delivered> ehrDeliveries(
      java.time.LocalDate from, java.time.LocalDate to, java.time.ZoneId zone) {
    return jdbc.sql(
            """
            SELECT (created_at AT TIME ZONE :zone)::date AS day,
                   EXTRACT(EPOCH FROM (delivered_at - created_at)) * 1000 AS lag_ms
              FROM integration_outbox
             WHERE state = 'delivered' AND destination NOT LIKE 'webhook:%'
               AND created_at >= :start AND created_at < :end
            """)
        .param("zone", zone.getId())
        .param("start", java.sql.Timestamp.from(from.atStartOfDay(zone).toInstant()))
        .param("end", java.sql.Timestamp.from(to.plusDays(1).atStartOfDay(zone).toInstant()))
        .query(
            (rs, n) ->
                new Delivered(
                    rs.getObject("day", java.time.LocalDate.class),
                    java.time.Duration.ofMillis(Math.round(rs.getDouble("lag_ms")))))
        .list();
  }

  public List<ConflictItem> openConflicts(int limit) {
    return conflicts.list("open", limit).stream().map(IntegrationReview::item).toList();
  }

  public void resolve(UUID conflict, String resolution, @Nullable String note) {
    conflicts.resolve(conflict, resolution, note);
  }

  public List<DeadLetter> deadLetters(int limit) {
    return log
        .list(new DeliveryLog.Filter(null, DeliveryLog.State.DEAD, null, null, null, null, limit))
        .entries()
        .stream()
        .map(
            e ->
                new DeadLetter(
                    e.id(),
                    e.destination(),
                    e.kind(),
                    e.key(),
                    e.attempts(),
                    e.lastError(),
                    e.deadAt()))
        .toList();
  }

  /** Whether the delivery was dead and is queued again. */
  public boolean replay(long delivery) {
    return log.replay(delivery) == DeliveryLog.Replay.REPLAYED;
  }

  private static ConflictItem item(Conflict c) {
    return new ConflictItem(
        c.id(),
        c.kind(),
        c.remoteType() + "/" + c.remoteId(),
        c.start(),
        c.detail(),
        c.detectedAt(),
        Conflicts.resolutionsOf(c.kind()).stream().sorted().toList());
  }
}
