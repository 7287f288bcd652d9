package org.accueil.integration.fhir;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Something the connector could not settle alone, for staff to decide.
 *
 * @param kind {@code double-booked} (the EHR booked a time one of ours holds: both are kept),
 *     {@code time-differs} (the EHR holds one of ours at another time), {@code unmapped} (an EHR
 *     appointment names a practitioner or patient we cannot tell), {@code not-applied} (a change
 *     kept failing)
 * @param appointment ours, when one is involved
 * @param remoteType the EHR's resource: {@code Appointment} or {@code Slot}
 * @param detail what happened, in words for staff; never clinical
 * @param resolution how staff settled it
 */
public record Conflict(
    UUID id,
    String kind,
    String status,
    @Nullable UUID appointment,
    @Nullable UUID provider,
    String remoteType,
    String remoteId,
    @Nullable String remoteVersion,
    @Nullable Instant start,
    @Nullable Instant end,
    String detail,
    Instant detectedAt,
    @Nullable String resolution,
    @Nullable Instant resolvedAt,
    @Nullable String resolvedBy,
    @Nullable String note) {

  public static final String DOUBLE_BOOKED = "double-booked";
  public static final String TIME_DIFFERS = "time-differs";
  public static final String UNMAPPED = "unmapped";
  public static final String NOT_APPLIED = "not-applied";
}
