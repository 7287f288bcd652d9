package org.accueil.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.ProviderId;
import org.jspecify.annotations.Nullable;

/**
 * A freed time offered to one waitlisted patient, held for them until {@code expiresAt}.
 *
 * @param hold the hold keeping the time while the offer is open
 * @param appointment the appointment once accepted
 * @param zone the location's zone, in which its times are shown
 */
public record WaitlistOffer(
    UUID id,
    UUID entry,
    PatientId patient,
    AppointmentTypeId type,
    ProviderId provider,
    LocationId location,
    Instant start,
    Instant end,
    ZoneId zone,
    Instant offeredAt,
    Instant expiresAt,
    Status status,
    @Nullable AppointmentId hold,
    @Nullable AppointmentId appointment,
    @Nullable Instant decidedAt) {

  public enum Status {
    OFFERED,
    ACCEPTED,
    DECLINED,
    EXPIRED,
    WITHDRAWN;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Status ofCode(String code) {
      return Arrays.stream(values())
          .filter(s -> s.code().equalsIgnoreCase(code))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException(code));
    }
  }
}
