package org.accueil.integration.fhir;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One comparison of a window of days between Accueil and the EHR.
 *
 * @param counts how many appointments each side had and how many of each drift were found
 * @param drift each difference and what was done: {@code re-sent} (ours sent to the EHR again),
 *     {@code re-applied} (the EHR's state applied to ours again), {@code flagged} (a conflict for
 *     staff)
 */
public record ReconciliationReport(
    UUID id,
    String requestedBy,
    LocalDate from,
    LocalDate to,
    String status,
    Instant startedAt,
    @Nullable Instant finishedAt,
    Map<String, Integer> counts,
    List<Drift> drift,
    @Nullable String error) {

  /**
   * @param kind {@code missing-there} (ours, not in the EHR), {@code missing-here} (the EHR's, not
   *     in Accueil), {@code cancelled-there}, {@code cancelled-here}, {@code time-differs}, {@code
   *     moved-there} (the EHR moved its own appointment)
   */
  public record Drift(
      String kind,
      @Nullable UUID appointment,
      @Nullable String remoteId,
      String action,
      String detail) {}
}
