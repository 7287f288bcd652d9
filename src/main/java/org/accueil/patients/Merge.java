package org.accueil.patients;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One merge of a duplicate record into the record that survives, and what it moved.
 *
 * @param moved ids moved from the duplicate to the survivor, by kind ({@code identifiers}, {@code
 *     contacts}, {@code channelIdentities}, {@code relationships}, {@code tombstones}, and each
 *     participant's records, e.g. {@code appointments})
 * @param unmergeableUntil the end of the grace period in which it can be undone
 */
public record Merge(
    UUID id,
    PatientId survivor,
    PatientId duplicate,
    String reason,
    Map<String, List<String>> moved,
    Instant mergedAt,
    String mergedBy,
    Instant unmergeableUntil,
    @Nullable Instant unmergedAt,
    @Nullable String unmergedBy,
    @Nullable String unmergeReason) {

  public Merge {
    moved = Map.copyOf(moved);
  }

  public boolean undone() {
    return unmergedAt != null;
  }
}
