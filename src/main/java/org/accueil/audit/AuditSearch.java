package org.accueil.audit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Which audit rows to list, newest first. Every filter is optional; {@code before} continues a
 * listing where its previous page ended.
 *
 * @param actorKind with {@code actorId}: rows by that actor ({@code api-key} and its id)
 * @param from rows recorded at or after this instant
 * @param to rows recorded before this instant
 * @param outcome {@code success}, {@code denied} or {@code failed}
 * @param before only rows whose seq is below this one
 * @param limit the page size, 1 to {@link #MAX_LIMIT}
 */
public record AuditSearch(
    @Nullable String actorKind,
    @Nullable String actorId,
    @Nullable String action,
    @Nullable String entityType,
    @Nullable String entityId,
    @Nullable Instant from,
    @Nullable Instant to,
    @Nullable String outcome,
    @Nullable Long before,
    int limit) {

  public static final int MAX_LIMIT = 500;

  public AuditSearch {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
  }

  /** Everything, newest first, {@code limit} at a time. */
  public static AuditSearch newest(int limit) {
    return new AuditSearch(null, null, null, null, null, null, null, null, null, limit);
  }
}
