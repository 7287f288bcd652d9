package org.accueil.scheduling.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.accueil.practice.LocationId;
import org.accueil.practice.ProviderId;
import org.accueil.practice.RoomId;
import org.jspecify.annotations.Nullable;

/**
 * A free time for a visit: the visit itself is [start, end); the type's buffers around it are free
 * too.
 *
 * @param zone the location's zone, in which the slot is shown
 * @param room the room the visit would take, when its type needs one
 */
public record Slot(
    Instant start,
    Instant end,
    ProviderId provider,
    LocationId location,
    ZoneId zone,
    @Nullable RoomId room) {

  public OffsetDateTime localStart() {
    return start.atZone(zone).toOffsetDateTime();
  }

  public OffsetDateTime localEnd() {
    return end.atZone(zone).toOffsetDateTime();
  }
}
