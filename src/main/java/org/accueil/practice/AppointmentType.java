package org.accueil.practice;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What can be booked, and its rules.
 *
 * @param bufferBefore time kept free before the visit (preparation); with {@code bufferAfter} it is
 *     blocked for the provider and the room but is not part of the visit
 * @param slotStep distance between two offered start times, counted from the start of each working
 *     period in local time
 * @param minimumNotice how long before its start a visit can still be booked
 * @param maxDaysAhead the furthest day, counted in the location's calendar from today, that can be
 *     booked (0: today only)
 * @param requiredRoomKind the kind of room the visit needs, or {@code null} for none
 * @param dailyCapPerProvider at most this many visits of this type per provider and day
 * @param providers who offers it
 */
public record AppointmentType(
    AppointmentTypeId id,
    String code,
    LocalizedText name,
    Duration duration,
    Duration bufferBefore,
    Duration bufferAfter,
    Duration slotStep,
    Duration minimumNotice,
    int maxDaysAhead,
    VisitMode mode,
    boolean newPatientsOnly,
    @Nullable String requiredRoomKind,
    @Nullable Integer dailyCapPerProvider,
    @Nullable String billingCode,
    LocalizedText preparation,
    List<ProviderId> providers,
    boolean active) {

  public boolean offeredBy(ProviderId provider) {
    return providers.contains(provider);
  }
}
