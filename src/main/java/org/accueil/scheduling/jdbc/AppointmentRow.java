package org.accueil.scheduling.jdbc;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** One row of the appointment table, holds included. */
public record AppointmentRow(
    UUID id,
    UUID typeId,
    UUID providerId,
    UUID locationId,
    @Nullable UUID roomId,
    @Nullable UUID patientId,
    String status,
    Instant start,
    Instant end,
    Instant blockedFrom,
    Instant blockedUntil,
    @Nullable Instant holdExpiresAt,
    @Nullable Boolean newPatient,
    String source,
    String createdBy,
    @Nullable String cancellationReason,
    @Nullable String cancelledBy,
    @Nullable Instant cancelledAt,
    Instant createdAt,
    Instant updatedAt,
    int version) {

  public boolean isHold() {
    return holdExpiresAt != null;
  }
}
