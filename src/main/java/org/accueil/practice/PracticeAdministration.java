package org.accueil.practice;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.practice.Commands.AppointmentTypeDetails;
import org.accueil.practice.Commands.BookingRuleDetails;
import org.accueil.practice.Commands.ClosureDetails;
import org.accueil.practice.Commands.DayOverrideDetails;
import org.accueil.practice.Commands.LocationDetails;
import org.accueil.practice.Commands.ProfileDetails;
import org.accueil.practice.Commands.ProviderDetails;
import org.accueil.practice.Commands.RoomDetails;
import org.accueil.practice.Commands.TimeOffDetails;
import org.accueil.practice.Commands.WeeklyHoursDetails;
import org.accueil.practice.internal.PracticeRepository;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Changes to the configuration, each checked for meaning (the shape is checked by Bean Validation)
 * and written in one transaction. A refused change writes nothing.
 */
@Service
@Transactional
public class PracticeAdministration {

  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Duration LONGEST_TIME_OFF = Duration.ofDays(400);

  private final PracticeRepository repository;
  private final PracticeDirectory directory;
  private final Audit audit;

  PracticeAdministration(PracticeRepository repository, PracticeDirectory directory, Audit audit) {
    this.repository = repository;
    this.directory = directory;
    this.audit = audit;
  }

  public PracticeProfile updateProfile(ProfileDetails details) {
    repository.updateProfile(details);
    audit.success("practice.update", "practice", null);
    return directory.snapshot().profile();
  }

  public Location createLocation(LocationDetails details) {
    return saveLocation(Ids.newId(), details, true);
  }

  public Location updateLocation(LocationId id, LocationDetails details) {
    requireExists("location", id.value());
    return saveLocation(id.value(), details, false);
  }

  private Location saveLocation(UUID id, LocationDetails details, boolean create) {
    zone(details.timeZone());
    if (!COUNTRIES.contains(details.address().country())) {
      throw invalid("invalid-country", "address.country", details.address().country());
    }
    List<TimeWindow> opening = details.openingHours() == null ? List.of() : details.openingHours();
    checkWindows("openingHours", opening);
    repository.saveLocation(id, details, create);
    audit.success(create ? "location.create" : "location.update", "location", id);
    return directory.snapshot().location(LocationId.of(id)).orElseThrow();
  }

  public Closure addClosure(ClosureDetails details) {
    if (details.locationId() != null) {
      requireReference("location", "locationId", details.locationId());
    }
    if (details.lastDay().isBefore(details.firstDay())) {
      throw invalid("last-day-before-first", "lastDay", details.lastDay(), details.firstDay());
    }
    UUID id = Ids.newId();
    repository.insertClosure(id, details);
    audit.success("closure.create", "closure", id);
    return directory.snapshot().closures().stream()
        .filter(c -> c.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  public void removeClosure(UUID id) {
    if (!repository.deleteClosure(id)) {
      throw ProblemException.notFound("closure", id);
    }
    audit.success("closure.delete", "closure", id);
  }

  public Room createRoom(RoomDetails details) {
    return saveRoom(Ids.newId(), details, true);
  }

  public Room updateRoom(RoomId id, RoomDetails details) {
    requireExists("room", id.value());
    return saveRoom(id.value(), details, false);
  }

  private Room saveRoom(UUID id, RoomDetails details, boolean create) {
    requireReference("location", "locationId", details.locationId());
    if (repository.roomNameTaken(details.locationId(), details.name(), id)) {
      throw roomNameTaken(details.name());
    }
    try {
      repository.saveRoom(id, details, create);
      audit.success(create ? "room.create" : "room.update", "room", id);
    } catch (DuplicateKeyException e) {
      // A concurrent request created the same name between our check and our write.
      throw roomNameTaken(details.name());
    }
    return directory.snapshot().room(RoomId.of(id)).orElseThrow();
  }

  public Provider createProvider(ProviderDetails details) {
    return saveProvider(Ids.newId(), details, true);
  }

  public Provider updateProvider(ProviderId id, ProviderDetails details) {
    requireExists("provider", id.value());
    for (UUID used : repository.locationsInProviderHours(id.value())) {
      if (!details.locationIds().contains(used)) {
        throw invalid("location-still-in-hours", "locationIds", used);
      }
    }
    return saveProvider(id.value(), details, false);
  }

  private Provider saveProvider(UUID id, ProviderDetails details, boolean create) {
    details.locationIds().forEach(l -> requireReference("location", "locationIds", l));
    repository.saveProvider(id, details, create);
    audit.success(create ? "provider.create" : "provider.update", "provider", id);
    return directory.snapshot().provider(ProviderId.of(id)).orElseThrow();
  }

  public AppointmentType createAppointmentType(AppointmentTypeDetails details) {
    return saveAppointmentType(Ids.newId(), details, true);
  }

  public AppointmentType updateAppointmentType(
      AppointmentTypeId id, AppointmentTypeDetails details) {
    requireExists("appointment_type", id.value());
    return saveAppointmentType(id.value(), details, false);
  }

  private AppointmentType saveAppointmentType(
      UUID id, AppointmentTypeDetails details, boolean create) {
    if (repository.codeTaken(details.code(), id)) {
      throw codeTaken(details.code());
    }
    for (String name : List.of(details.names().fr(), details.names().en(), details.names().it())) {
      if (name.isBlank()) {
        throw invalid("name-in-every-language", "names");
      }
    }
    if (details.mode() == VisitMode.VIDEO && details.requiredRoomKind() != null) {
      throw invalid("video-needs-no-room", "requiredRoomKind");
    }
    details.providerIds().forEach(p -> requireReference("provider", "providerIds", p));
    try {
      repository.saveAppointmentType(id, details, create);
      audit.success(
          create ? "appointment-type.create" : "appointment-type.update", "appointment-type", id);
    } catch (DuplicateKeyException e) {
      throw codeTaken(details.code());
    }
    return directory.snapshot().appointmentType(AppointmentTypeId.of(id)).orElseThrow();
  }

  public List<WeeklyHours> replaceWeeklyHours(ProviderId provider, List<WeeklyHoursDetails> hours) {
    Provider existing = requireProvider(provider);
    for (WeeklyHoursDetails h : hours) {
      requireServed(existing, h.locationId(), "locationId");
      if (!h.ends().isAfter(h.starts())) {
        throw invalid("ends-before-start", "ends", h.day(), h.starts(), h.ends());
      }
      if (h.validFrom() != null
          && h.validUntil() != null
          && h.validUntil().isBefore(h.validFrom())) {
        throw invalid("last-day-before-first", "validUntil", h.validUntil(), h.validFrom());
      }
    }
    for (int i = 0; i < hours.size(); i++) {
      for (int j = i + 1; j < hours.size(); j++) {
        WeeklyHoursDetails a = hours.get(i);
        WeeklyHoursDetails b = hours.get(j);
        if (a.day() == b.day()
            && a.starts().isBefore(b.ends())
            && b.starts().isBefore(a.ends())
            && datesOverlap(a.validFrom(), a.validUntil(), b.validFrom(), b.validUntil())) {
          throw invalid("hours-overlap", "hours", describe(a), describe(b));
        }
      }
    }
    repository.replaceWeeklyHours(provider.value(), hours);
    audit.success("provider.weekly-hours.replace", "provider", provider.value());
    return directory.snapshot().weeklyHours(provider);
  }

  public DayOverride setDayOverride(
      ProviderId provider, LocalDate date, DayOverrideDetails details) {
    Provider existing = requireProvider(provider);
    List<TimeWindow> windows = new ArrayList<>();
    for (DayOverrideDetails.Hours h : details.hours()) {
      requireServed(existing, h.locationId(), "hours");
      windows.add(new TimeWindow(date.getDayOfWeek(), h.starts(), h.ends()));
    }
    checkWindows("hours", windows);
    repository.replaceDayOverride(provider.value(), date, details);
    audit.success("provider.date-override.set", "provider", provider.value(), Map.of("date", date));
    return directory.snapshot().override(provider, date).orElseThrow();
  }

  public void removeDayOverride(ProviderId provider, LocalDate date) {
    requireProvider(provider);
    if (!repository.removeDayOverride(provider.value(), date)) {
      throw ProblemException.notFound("date-override", date);
    }
    audit.success(
        "provider.date-override.remove", "provider", provider.value(), Map.of("date", date));
  }

  public TimeOff addTimeOff(ProviderId provider, TimeOffDetails details) {
    requireProvider(provider);
    if (!details.end().isAfter(details.start())) {
      throw invalid("time-off-ends-before-start", "end");
    }
    if (Duration.between(details.start(), details.end()).compareTo(LONGEST_TIME_OFF) > 0) {
      throw invalid("time-off-too-long", "end", LONGEST_TIME_OFF.toDays());
    }
    UUID id = Ids.newId();
    repository.insertTimeOff(id, provider.value(), details);
    audit.success("time-off.create", "time-off", id, Map.of("provider", provider.value()));
    return new TimeOff(
        id,
        provider,
        details.start().toInstant(),
        details.end().toInstant(),
        details.reason() == null ? "" : details.reason().trim());
  }

  public void removeTimeOff(ProviderId provider, UUID id) {
    if (!repository.deleteTimeOff(provider.value(), id)) {
      throw ProblemException.notFound("time-off", id);
    }
    audit.success("time-off.delete", "time-off", id, Map.of("provider", provider.value()));
  }

  public BookingRule createRule(BookingRuleDetails details) {
    return saveRule(Ids.newId(), details, true);
  }

  public BookingRule updateRule(BookingRuleId id, BookingRuleDetails details) {
    requireExists("booking_rule", id.value());
    return saveRule(id.value(), details, false);
  }

  private BookingRule saveRule(UUID id, BookingRuleDetails details, boolean create) {
    if (details.appointmentTypeId() == null && details.patientCategory() == null) {
      throw invalid("rule-without-scope", "appointmentTypeId");
    }
    if (details.providerId() != null) {
      requireReference("provider", "providerId", details.providerId());
    }
    if (details.appointmentTypeId() != null) {
      requireReference("appointment_type", "appointmentTypeId", details.appointmentTypeId());
    }
    checkWindows("windows", details.windows());
    repository.saveRule(id, details, create);
    audit.success(create ? "booking-rule.create" : "booking-rule.update", "booking-rule", id);
    return directory.snapshot().rules().stream()
        .filter(r -> r.id().value().equals(id))
        .findFirst()
        .orElseThrow();
  }

  public void removeRule(BookingRuleId id) {
    if (!repository.deleteRule(id.value())) {
      throw ProblemException.notFound("booking-rule", id);
    }
    audit.success("booking-rule.delete", "booking-rule", id.value());
  }

  private static ProblemException roomNameTaken(String name) {
    return ProblemException.of(HttpStatus.CONFLICT, "room-name-taken")
        .detail("This location already has a room named {0}.", name)
        .with("field", "name")
        .build();
  }

  private static ProblemException codeTaken(String code) {
    return ProblemException.of(HttpStatus.CONFLICT, "code-taken")
        .detail("An appointment type with the code {0} already exists.", code)
        .with("field", "code")
        .build();
  }

  /** Validates an IANA region zone such as Europe/Paris; fixed offsets are refused. */
  static ZoneId zone(String name) {
    try {
      ZoneId zone = ZoneId.of(name);
      if (!(zone instanceof ZoneOffset)
          && java.time.zone.ZoneRulesProvider.getAvailableZoneIds().contains(name)) {
        return zone;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw invalid("invalid-time-zone", "timeZone", name);
  }

  private static void checkWindows(String field, List<TimeWindow> windows) {
    for (TimeWindow w : windows) {
      if (!w.ends().isAfter(w.starts())) {
        throw invalid("ends-before-start", field, w.day(), w.starts(), w.ends());
      }
    }
    List<TimeWindow> sorted =
        windows.stream()
            .sorted(Comparator.comparing(TimeWindow::day).thenComparing(TimeWindow::starts))
            .toList();
    for (int i = 1; i < sorted.size(); i++) {
      TimeWindow previous = sorted.get(i - 1);
      TimeWindow current = sorted.get(i);
      if (previous.day() == current.day() && current.starts().isBefore(previous.ends())) {
        throw invalid("hours-overlap", field, describe(previous), describe(current));
      }
    }
  }

  private static boolean datesOverlap(
      @Nullable LocalDate fromA,
      @Nullable LocalDate untilA,
      @Nullable LocalDate fromB,
      @Nullable LocalDate untilB) {
    LocalDate startA = fromA == null ? LocalDate.MIN : fromA;
    LocalDate endA = untilA == null ? LocalDate.MAX : untilA;
    LocalDate startB = fromB == null ? LocalDate.MIN : fromB;
    LocalDate endB = untilB == null ? LocalDate.MAX : untilB;
    return !startA.isAfter(endB) && !startB.isAfter(endA);
  }

  private static String describe(TimeWindow w) {
    return w.day() + " " + w.starts() + "-" + w.ends();
  }

  private static String describe(WeeklyHoursDetails h) {
    return h.day() + " " + h.starts() + "-" + h.ends();
  }

  private Provider requireProvider(ProviderId id) {
    return directory
        .snapshot()
        .provider(id)
        .orElseThrow(() -> ProblemException.notFound("provider", id));
  }

  private static void requireServed(Provider provider, UUID location, String field) {
    if (!provider.locations().contains(LocationId.of(location))) {
      throw invalid("location-not-served", field, provider.displayName(), location);
    }
  }

  private void requireExists(String table, UUID id) {
    if (!repository.exists(table, id)) {
      throw ProblemException.notFound(table.replace('_', '-'), id);
    }
  }

  private void requireReference(String table, String field, UUID id) {
    if (!repository.exists(table, id)) {
      throw invalid("unknown-" + table.replace('_', '-'), field, id);
    }
  }

  private static ProblemException invalid(String slug, String field, Object... args) {
    return ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, slug)
        .detail(Messages.ENGLISH.getOrDefault(slug, slug), args)
        .with("field", field)
        .build();
  }

  /** English wording of this module's problems; translations are in messages/practice. */
  private static final class Messages {
    static final java.util.Map<String, String> ENGLISH =
        java.util.Map.ofEntries(
            java.util.Map.entry(
                "invalid-time-zone",
                "\"{0}\" is not a time zone; use an IANA name such as Europe/Paris."),
            java.util.Map.entry(
                "invalid-country", "{0} is not an ISO 3166 country code; use e.g. FR, IT or GB."),
            java.util.Map.entry(
                "last-day-before-first", "The last day ({0}) is before the first day ({1})."),
            java.util.Map.entry(
                "ends-before-start", "The period on {0} must end after it starts ({1}-{2})."),
            java.util.Map.entry("hours-overlap", "These periods overlap: {0} and {1}."),
            java.util.Map.entry(
                "location-not-served",
                "{0} does not work at location {1}; add it to their locations first."),
            java.util.Map.entry(
                "location-still-in-hours",
                "The provider still has hours at location {0}; change their hours before removing"
                    + " the location."),
            java.util.Map.entry(
                "name-in-every-language", "Give the name in French, English and Italian."),
            java.util.Map.entry(
                "video-needs-no-room", "A video consultation cannot require a room."),
            java.util.Map.entry("time-off-ends-before-start", "Time off must end after it starts."),
            java.util.Map.entry(
                "time-off-too-long", "Time off may last at most {0} days; add several instead."),
            java.util.Map.entry(
                "rule-without-scope",
                "A booking rule must name an appointment type, a patient category, or both."),
            java.util.Map.entry("unknown-location", "There is no location {0}."),
            java.util.Map.entry("unknown-provider", "There is no provider {0}."),
            java.util.Map.entry("unknown-appointment-type", "There is no appointment type {0}."));
  }
}
