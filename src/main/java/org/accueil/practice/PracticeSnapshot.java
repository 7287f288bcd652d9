package org.accueil.practice;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The whole configuration at one revision, immutable and indexed for the availability engine. Time
 * off is not in it: it changes often and is read with the busy time of a search.
 */
public final class PracticeSnapshot {

  private final long revision;
  private final PracticeProfile profile;
  private final Map<LocationId, Location> locations;
  private final Map<RoomId, Room> rooms;
  private final Map<ProviderId, Provider> providers;
  private final Map<AppointmentTypeId, AppointmentType> appointmentTypes;
  private final Map<ProviderId, List<WeeklyHours>> weeklyHours;
  private final Map<ProviderId, Map<LocalDate, DayOverride>> overrides;
  private final List<Closure> closures;
  private final List<BookingRule> rules;

  public PracticeSnapshot(
      long revision,
      PracticeProfile profile,
      Collection<Location> locations,
      Collection<Room> rooms,
      Collection<Provider> providers,
      Collection<AppointmentType> appointmentTypes,
      Collection<WeeklyHours> weeklyHours,
      Collection<DayOverride> overrides,
      List<Closure> closures,
      List<BookingRule> rules) {
    this.revision = revision;
    this.profile = profile;
    this.locations = index(locations, Location::id);
    this.rooms = index(rooms, Room::id);
    this.providers = index(providers, Provider::id);
    this.appointmentTypes = index(appointmentTypes, AppointmentType::id);
    this.weeklyHours = weeklyHours.stream().collect(Collectors.groupingBy(WeeklyHours::provider));
    this.overrides =
        overrides.stream()
            .collect(
                Collectors.groupingBy(
                    DayOverride::provider,
                    Collectors.toMap(DayOverride::date, Function.identity())));
    this.closures = List.copyOf(closures);
    this.rules = List.copyOf(rules);
  }

  private static <K, V> Map<K, V> index(Collection<V> values, Function<V, K> key) {
    return values.stream()
        .collect(Collectors.toUnmodifiableMap(key, Function.identity(), (a, b) -> a));
  }

  public long revision() {
    return revision;
  }

  public PracticeProfile profile() {
    return profile;
  }

  /**
   * The practice's own time zone, for what belongs to no location (a report's days, a message about
   * no appointment): its first location's, else Europe/Paris.
   */
  public ZoneId zone() {
    return locations.values().stream()
        .findFirst()
        .map(Location::zone)
        .orElse(ZoneId.of("Europe/Paris"));
  }

  public Optional<Location> location(LocationId id) {
    return Optional.ofNullable(locations.get(id));
  }

  public Optional<Provider> provider(ProviderId id) {
    return Optional.ofNullable(providers.get(id));
  }

  public Optional<AppointmentType> appointmentType(AppointmentTypeId id) {
    return Optional.ofNullable(appointmentTypes.get(id));
  }

  public Optional<Room> room(RoomId id) {
    return Optional.ofNullable(rooms.get(id));
  }

  public Collection<Location> locations() {
    return locations.values();
  }

  public Collection<Provider> providers() {
    return providers.values();
  }

  public Collection<AppointmentType> appointmentTypes() {
    return appointmentTypes.values();
  }

  public Collection<Room> rooms() {
    return rooms.values();
  }

  /** Active rooms of {@code kind} at {@code location}, in a stable order. */
  public List<Room> rooms(LocationId location, String kind) {
    return rooms.values().stream()
        .filter(r -> r.active() && r.location().equals(location) && r.kind().equals(kind))
        .sorted(java.util.Comparator.comparing(Room::name))
        .toList();
  }

  public List<WeeklyHours> weeklyHours(ProviderId provider) {
    return weeklyHours.getOrDefault(provider, List.of());
  }

  public Optional<DayOverride> override(ProviderId provider, LocalDate date) {
    return Optional.ofNullable(overrides.getOrDefault(provider, Map.of()).get(date));
  }

  public List<DayOverride> overrides(ProviderId provider) {
    return overrides.getOrDefault(provider, Map.of()).values().stream()
        .sorted(java.util.Comparator.comparing(DayOverride::date))
        .toList();
  }

  public Optional<Closure> closure(LocationId location, LocalDate day) {
    return closures.stream().filter(c -> c.closes(location, day)).findFirst();
  }

  public List<Closure> closures() {
    return closures;
  }

  public List<BookingRule> rules() {
    return rules;
  }
}
