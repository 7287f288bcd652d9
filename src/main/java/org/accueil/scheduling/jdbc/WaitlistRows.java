package org.accueil.scheduling.jdbc;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Rows of the waitlist tables, as {@link WaitlistRepository} reads and writes them. */
public final class WaitlistRows {

  private WaitlistRows() {}

  /**
   * @param daysOfWeek ISO day numbers (1 = Monday); empty for every day
   */
  public record EntryRow(
      UUID id,
      UUID patientId,
      UUID typeId,
      @Nullable UUID providerId,
      @Nullable UUID locationId,
      LocalDate earliestDate,
      LocalDate latestDate,
      List<Integer> daysOfWeek,
      @Nullable LocalTime earliestTime,
      @Nullable LocalTime latestTime,
      @Nullable UUID beforeAppointmentId,
      String status,
      @Nullable UUID appointmentId,
      String createdBy,
      Instant createdAt,
      @Nullable Instant endedAt) {}

  public record OfferRow(
      UUID id,
      UUID entryId,
      UUID freedTimeId,
      @Nullable UUID holdId,
      @Nullable UUID appointmentId,
      UUID patientId,
      UUID typeId,
      UUID providerId,
      UUID locationId,
      Instant start,
      Instant end,
      Instant offeredAt,
      Instant expiresAt,
      String status,
      @Nullable Instant decidedAt) {}

  /**
   * @param locationId where the time was, when known (a move's old location is not kept)
   */
  public record FreedTimeRow(
      UUID id,
      UUID appointmentId,
      UUID providerId,
      @Nullable UUID locationId,
      Instant start,
      Instant end,
      String reason,
      Instant freedAt,
      Instant dueAt,
      int attempts,
      @Nullable Instant doneAt) {}
}
