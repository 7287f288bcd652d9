package org.accueil.scheduling.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.ProviderId;
import org.accueil.practice.RoomId;

/**
 * The busy time of providers and rooms over a window, indexed for the question the engine asks
 * thousands of times per search: "is [from, until) free?". Overlapping entries are merged into
 * disjoint sorted intervals, so the answer is one binary search.
 */
public final class BusyTimes {

  private final Map<ProviderId, List<Busy>> byProvider = new HashMap<>();
  private final Map<RoomId, List<Busy>> byRoom = new HashMap<>();
  private final Map<Object, Intervals> merged = new HashMap<>();

  public BusyTimes(Collection<Busy> entries) {
    for (Busy busy : entries) {
      if (busy.provider() != null) {
        byProvider.computeIfAbsent(busy.provider(), k -> new ArrayList<>()).add(busy);
      }
      if (busy.room() != null) {
        byRoom.computeIfAbsent(busy.room(), k -> new ArrayList<>()).add(busy);
      }
    }
    byProvider.forEach((provider, list) -> merged.put(provider, Intervals.of(list)));
    byRoom.forEach((room, list) -> merged.put(room, Intervals.of(list)));
  }

  public static BusyTimes none() {
    return new BusyTimes(List.of());
  }

  public boolean providerFree(ProviderId provider, Instant from, Instant until) {
    Intervals intervals = merged.get(provider);
    return intervals == null || intervals.free(from, until);
  }

  public boolean roomFree(RoomId room, Instant from, Instant until) {
    Intervals intervals = merged.get(room);
    return intervals == null || intervals.free(from, until);
  }

  /** What is in the provider's way over [from, until), earliest first; empty when free. */
  public List<Busy> providerConflicts(ProviderId provider, Instant from, Instant until) {
    return byProvider.getOrDefault(provider, List.of()).stream()
        .filter(b -> b.overlaps(from, until))
        .sorted(Comparator.comparing(Busy::from))
        .toList();
  }

  /** What occupies the room over [from, until), earliest first; empty when free. */
  public List<Busy> roomConflicts(RoomId room, Instant from, Instant until) {
    return byRoom.getOrDefault(room, List.of()).stream()
        .filter(b -> b.overlaps(from, until))
        .sorted(Comparator.comparing(Busy::from))
        .toList();
  }

  /**
   * Appointments and holds of {@code type} with {@code provider} whose visit falls on {@code date}.
   */
  public int countOn(ProviderId provider, AppointmentTypeId type, LocalDate date, ZoneId zone) {
    int count = 0;
    for (Busy busy : byProvider.getOrDefault(provider, List.of())) {
      if (type.equals(busy.type())
          && busy.visitStart() != null
          && busy.visitStart().atZone(zone).toLocalDate().equals(date)) {
        count++;
      }
    }
    return count;
  }

  /** Disjoint, sorted [start, end) intervals in epoch milliseconds. */
  private record Intervals(long[] starts, long[] ends) {

    static Intervals of(List<Busy> entries) {
      long[][] raw =
          entries.stream()
              .map(b -> new long[] {b.from().toEpochMilli(), b.until().toEpochMilli()})
              .sorted(Comparator.comparingLong(a -> a[0]))
              .toArray(long[][]::new);
      long[] starts = new long[raw.length];
      long[] ends = new long[raw.length];
      int n = 0;
      for (long[] interval : raw) {
        if (n > 0 && interval[0] <= ends[n - 1]) {
          ends[n - 1] = Math.max(ends[n - 1], interval[1]);
        } else {
          starts[n] = interval[0];
          ends[n] = interval[1];
          n++;
        }
      }
      return new Intervals(Arrays.copyOf(starts, n), Arrays.copyOf(ends, n));
    }

    boolean free(Instant from, Instant until) {
      long f = from.toEpochMilli();
      long u = until.toEpochMilli();
      // The only interval that can overlap is the last one starting before `until`.
      int i = Arrays.binarySearch(starts, u);
      int last = i >= 0 ? i - 1 : -i - 2;
      return last < 0 || ends[last] <= f;
    }
  }
}
