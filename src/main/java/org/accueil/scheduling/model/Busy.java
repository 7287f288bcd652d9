package org.accueil.scheduling.model;

import java.time.Instant;
import java.util.UUID;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.ProviderId;
import org.accueil.practice.RoomId;
import org.jspecify.annotations.Nullable;

/**
 * Time someone or something is not free: an appointment or a hold (its blocked range, buffers
 * included), or a provider's time off.
 *
 * @param appointment the appointment or hold, for appointments and holds
 * @param type the appointment type, for appointments and holds (daily caps count them)
 * @param visitStart start of the visit itself, for appointments and holds
 */
public record Busy(
    Kind kind,
    @Nullable UUID appointment,
    @Nullable ProviderId provider,
    @Nullable RoomId room,
    @Nullable AppointmentTypeId type,
    @Nullable Instant visitStart,
    Instant from,
    Instant until) {

  public enum Kind {
    APPOINTMENT,
    HOLD,
    TIME_OFF
  }

  public boolean overlaps(Instant otherFrom, Instant otherUntil) {
    return from.isBefore(otherUntil) && until.isAfter(otherFrom);
  }

  public static Busy timeOff(ProviderId provider, Instant from, Instant until) {
    return new Busy(Kind.TIME_OFF, null, provider, null, null, null, from, until);
  }
}
