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

  private final Conflicts conflicts;
  private final DeliveryLog log;

  IntegrationReview(Conflicts conflicts, DeliveryLog log) {
    this.conflicts = conflicts;
    this.log = log;
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
