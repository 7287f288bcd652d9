package org.accueil.satisfaction;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.AppointmentId;
import org.jspecify.annotations.Nullable;

/**
 * One question put (or to be put) to a patient, and its answer.
 *
 * @param occasion {@code visit} or {@code conversation}
 * @param day the practice-local day of the visit or of the resolution
 * @param status {@code planned}, {@code asked}, {@code answered} or {@code withdrawn}
 * @param answeredChannel a channel's code, or {@code web} for the page of the e-mail's link
 */
public record RatingRequest(
    UUID id,
    PatientId patient,
    String occasion,
    @Nullable AppointmentId appointment,
    @Nullable UUID conversation,
    @Nullable ProviderId provider,
    LocalDate day,
    String status,
    Instant createdAt,
    @Nullable Instant askedAt,
    @Nullable String askedChannel,
    @Nullable Integer score,
    @Nullable Instant answeredAt,
    @Nullable String answeredChannel,
    boolean commented) {

  public boolean answered() {
    return score != null;
  }
}
