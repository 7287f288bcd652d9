package org.accueil.scheduling;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.RoomId;
import org.jspecify.annotations.Nullable;

/** What a hold, booking or move is judged by: the configuration, the type and the provider. */
record Booking(PracticeSnapshot snapshot, AppointmentType type, Provider provider) {

  /** Every room the visit could take (none when its type needs no room). */
  Set<RoomId> rooms(@Nullable LocationId location) {
    return Availability.roomsFor(snapshot, type, List.of(provider), location);
  }

  Instant blockedFrom(Instant start) {
    return start.minus(type.bufferBefore());
  }

  Instant blockedUntil(Instant start) {
    return start.plus(type.duration()).plus(type.bufferAfter());
  }
}
