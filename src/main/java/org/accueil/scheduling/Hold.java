package org.accueil.scheduling;

import java.time.Instant;
import java.time.ZoneId;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.LocationId;
import org.accueil.practice.ProviderId;
import org.accueil.practice.RoomId;
import org.jspecify.annotations.Nullable;

/** Time set aside for a patient who is deciding; nobody else can book it until it expires. */
public record Hold(
    AppointmentId id,
    AppointmentTypeId type,
    ProviderId provider,
    LocationId location,
    @Nullable RoomId room,
    Instant start,
    Instant end,
    ZoneId zone,
    Instant expiresAt) {}
