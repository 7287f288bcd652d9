package org.accueil.scheduling;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.Location;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.scheduling.Commands.JoinWaitlist;
import org.accueil.scheduling.Commands.WaitlistQuery;
import org.accueil.scheduling.jdbc.AppointmentRepository;
import org.accueil.scheduling.jdbc.AppointmentRow;
import org.accueil.scheduling.jdbc.WaitlistRepository;
import org.accueil.scheduling.jdbc.WaitlistRows.EntryRow;
import org.accueil.scheduling.jdbc.WaitlistRows.OfferRow;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Patients waiting for an earlier time. When time frees up (a cancellation or a move, here or in
 * the EHR), it is held and offered to the first waiting patient it suits; they accept, decline or
 * let the offer lapse ({@link WaitlistProperties#offerExpiry()}), and it passes to the next one.
 * Offers are decided in {@link WaitlistOffers}; the pass that makes and expires them in {@link
 * WaitlistPass}.
 */
@Service
public class Waitlist {

  /** The longest window one entry may cover: beyond a year, nobody is still waiting. */
  static final int MAX_WINDOW_DAYS = 366;

  private final WaitlistRepository repository;
  private final AppointmentRepository appointments;
  private final WaitlistOffers offers;
  private final WaitlistPass pass;
  private final PracticeDirectory practice;
  private final Patients patients;
  private final CalendarWrites writes;
  private final Audit audit;

  Waitlist(
      WaitlistRepository repository,
      AppointmentRepository appointments,
      WaitlistOffers offers,
      WaitlistPass pass,
      PracticeDirectory practice,
      Patients patients,
      CalendarWrites writes,
      Audit audit) {
    this.repository = repository;
    this.appointments = appointments;
    this.offers = offers;
    this.pass = pass;
    this.practice = practice;
    this.patients = patients;
    this.writes = writes;
    this.audit = audit;
  }

  /**
   * Puts the patient on the list. A patient waits once for a type with a provider (or with anyone);
   * joining again while waiting is refused, naming the entry.
   */
  @Transactional
  public WaitlistEntry join(JoinWaitlist command) {
    Instant now = writes.now();
    PracticeSnapshot snapshot = practice.snapshot();
    PatientId patient = patientOf(command.patient());
    AppointmentType type =
        snapshot
            .appointmentType(command.type())
            .filter(AppointmentType::active)
            .orElseThrow(
                () ->
                    CalendarWrites.unprocessable(
                        "unknown-appointment-type",
                        "There is no appointment type {0} that can be booked.",
                        command.type()));
    if (command.provider() != null) {
      Provider provider =
          snapshot
              .provider(command.provider())
              .orElseThrow(
                  () ->
                      CalendarWrites.unprocessable(
                          "unknown-provider", "There is no provider {0}.", command.provider()));
      if (!type.offeredBy(provider.id())) {
        throw CalendarWrites.unprocessable(
            "not-offered",
            "{0} does not offer {1}.",
            provider.displayName(),
            type.name().in(org.springframework.context.i18n.LocaleContextHolder.getLocale()));
      }
    }
    if (command.location() != null && snapshot.location(command.location()).isEmpty()) {
      throw CalendarWrites.unprocessable(
          "unknown-location", "There is no location {0}.", command.location());
    }
    LocalDate today = today(snapshot, command.location(), now);
    LocalDate earliest =
        command.earliestDate() == null || command.earliestDate().isBefore(today)
            ? today
            : command.earliestDate();
    checkWindow(command, earliest, today);
    AppointmentId before = command.before();
    if (before != null) {
      checkLaterAppointment(before, patient, type);
    }
    Optional<UUID> waiting =
        repository.activeEntryLike(
            patient.value(),
            type.id().value(),
            command.provider() == null ? null : command.provider().value());
    if (waiting.isPresent()) {
      throw alreadyWaiting(waiting.get());
    }
    EntryRow row =
        new EntryRow(
            Ids.newId(),
            patient.value(),
            type.id().value(),
            command.provider() == null ? null : command.provider().value(),
            command.location() == null ? null : command.location().value(),
            earliest,
            command.latestDate(),
            command.days().stream().sorted().map(DayOfWeek::getValue).toList(),
            command.earliestTime(),
            command.latestTime(),
            before == null ? null : before.value(),
            WaitlistEntry.Status.ACTIVE.code(),
            null,
            command.by(),
            now,
            null);
    try {
      repository.insertEntry(row);
    } catch (DuplicateKeyException e) {
      // Joined twice at once: the other request's entry won.
      throw alreadyWaiting(
          repository
              .activeEntryLike(row.patientId(), row.typeId(), row.providerId())
              .orElseThrow());
    }
    audit.success("waitlist.join", "waitlist-entry", row.id(), Map.of("patient", row.patientId()));
    return entry(row);
  }

  public Optional<WaitlistEntry> find(UUID id) {
    return repository.entry(id).map(Waitlist::entry);
  }

  /** Entries in the order they joined (the order offers follow). */
  public List<WaitlistEntry> list(WaitlistQuery query) {
    return repository
        .entries(
            query.status() == null ? null : query.status().code(),
            query.patient() == null ? null : query.patient().value(),
            query.provider() == null ? null : query.provider().value(),
            query.limit())
        .stream()
        .map(Waitlist::entry)
        .toList();
  }

  /**
   * Takes the patient off the list; an offer they were deciding about passes to the next patient.
   * Withdrawing an entry that is no longer active changes nothing.
   */
  @Transactional
  public WaitlistEntry withdraw(UUID entry, String by) {
    EntryRow current =
        repository
            .entry(entry)
            .orElseThrow(() -> ProblemException.notFound("waitlist-entry", entry));
    if (!current.status().equals(WaitlistEntry.Status.ACTIVE.code())) {
      return entry(current);
    }
    offers.withdrawOpenOffer(current.id(), writes.now());
    repository.lockEntry(entry);
    repository.endEntry(entry, WaitlistEntry.Status.WITHDRAWN.code(), null, writes.now());
    audit.success(
        "waitlist.withdraw",
        "waitlist-entry",
        entry,
        Map.of("patient", current.patientId(), "by", by));
    return entry(repository.entry(entry).orElseThrow());
  }

  /**
   * Takes the patient off every list they are on (their erasure): open offers pass on.
   *
   * @return how many entries were withdrawn
   */
  @Transactional
  public int withdrawAll(PatientId patient, String by) {
    List<EntryRow> active =
        repository.entries(WaitlistEntry.Status.ACTIVE.code(), patient.value(), null, 5000);
    active.forEach(entry -> withdraw(entry.id(), by));
    return active.size();
  }

  /**
   * Books the offered time for the patient: their later appointment of the entry ({@link
   * WaitlistEntry#before()}) is moved there when it still stands, otherwise the hold becomes the
   * appointment. 409 when the offer is no longer open (accepted already, declined, lapsed).
   */
  public Appointment accept(UUID offer, Source source, String by) {
    return offers.accept(offer, source, by);
  }

  /** The patient does not want this time: it passes to the next waiting patient at once. */
  public WaitlistOffer decline(UUID offer, String by) {
    return offers.decline(offer, by);
  }

  /** The offer the patient is deciding about now, if any: what a "yes" from them accepts. */
  public Optional<WaitlistOffer> openOfferFor(PatientId patient) {
    return repository
        .openOfferOfPatient(patient.value(), writes.now())
        .map(row -> offer(row, practice.snapshot()));
  }

  public Optional<WaitlistOffer> findOffer(UUID offer) {
    return repository.offer(offer).map(row -> offer(row, practice.snapshot()));
  }

  /** Every time offered to the entry, in the order offered. */
  public List<WaitlistOffer> offersOf(UUID entry) {
    PracticeSnapshot snapshot = practice.snapshot();
    return repository.offersOfEntry(entry).stream().map(row -> offer(row, snapshot)).toList();
  }

  /**
   * One pass, now: offers the time freed since the last one and passes on offers that lapsed. A
   * recurring task runs it every {@link WaitlistProperties#passInterval()}; any node may run it at
   * any time, alongside others.
   *
   * @return how many freed times it looked at
   */
  public int offerFreedTime() {
    return pass.run();
  }

  private PatientId patientOf(PatientId id) {
    if (patients.find(id).isEmpty()) {
      throw CalendarWrites.unprocessable("unknown-patient", "There is no patient {0}.", id);
    }
    if (patients.isErased(id)) {
      throw CalendarWrites.unprocessable(
          "patient-erased",
          "The patient {0} was erased at their request; they can no longer be booked.",
          id);
    }
    return patients.current(id).orElseThrow().id();
  }

  private static void checkWindow(JoinWaitlist command, LocalDate earliest, LocalDate today) {
    if (command.latestDate().isBefore(today)) {
      throw badWindow(
          "past", "latestDate", "The last day ({0}) has already passed.", command.latestDate());
    }
    if (command.latestDate().isBefore(earliest)) {
      throw badWindow(
          "reversed",
          "latestDate",
          "The last day ({0}) is before the first ({1}).",
          command.latestDate(),
          earliest);
    }
    long days = ChronoUnit.DAYS.between(earliest, command.latestDate()) + 1;
    if (days > MAX_WINDOW_DAYS) {
      throw badWindow(
          "too-long",
          "latestDate",
          "Wait for at most {0} days at a time ({1} were asked).",
          MAX_WINDOW_DAYS,
          days);
    }
    if (command.earliestTime() != null
        && command.latestTime() != null
        && !command.earliestTime().isBefore(command.latestTime())) {
      throw badWindow(
          "times",
          "latestTime",
          "The latest time ({0}) must come after the earliest ({1}).",
          command.latestTime(),
          command.earliestTime());
    }
  }

  private static ProblemException badWindow(
      String variant, String field, String english, Object... args) {
    return ProblemException.of(HttpStatus.BAD_REQUEST, "invalid-waitlist-window")
        .messageCode("problem.invalid-waitlist-window." + variant)
        .detail(english, args)
        .with("field", field)
        .build();
  }

  /** The appointment to move earlier must be this patient's, of this type, and still booked. */
  private void checkLaterAppointment(AppointmentId id, PatientId patient, AppointmentType type) {
    AppointmentRow later =
        appointments
            .find(id.value())
            .filter(row -> !row.isHold())
            .orElseThrow(
                () ->
                    CalendarWrites.unprocessable(
                        "unknown-appointment", "There is no appointment {0}.", id));
    if (!patient.value().equals(later.patientId())
        || !type.id().value().equals(later.typeId())
        || !WaitlistMatching.stands(later)) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "not-a-later-appointment")
          .detail(
              "Appointment {0} is not a booked {1} of this patient; give the patient's own"
                  + " appointment of the same type, or none.",
              id, type.name().in(org.springframework.context.i18n.LocaleContextHolder.getLocale()))
          .with("field", "beforeAppointmentId")
          .build();
    }
  }

  private static ProblemException alreadyWaiting(UUID entry) {
    return ProblemException.of(HttpStatus.CONFLICT, "already-on-waitlist")
        .detail(
            "The patient is already waiting for this type and provider (entry {0}); change or"
                + " withdraw that entry instead.",
            entry)
        .with("entryId", entry)
        .build();
  }

  /** Today where the patient waits: at the location, else the earliest among the practice's. */
  private static LocalDate today(
      PracticeSnapshot snapshot,
      @org.jspecify.annotations.Nullable LocationId location,
      Instant now) {
    if (location != null) {
      return now.atZone(snapshot.location(location).orElseThrow().zone()).toLocalDate();
    }
    return snapshot.locations().stream()
        .map(Location::zone)
        .map(zone -> now.atZone(zone).toLocalDate())
        .min(LocalDate::compareTo)
        .orElse(now.atZone(java.time.ZoneOffset.UTC).toLocalDate());
  }

  static WaitlistEntry entry(EntryRow row) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    row.daysOfWeek().forEach(day -> days.add(DayOfWeek.of(day)));
    return new WaitlistEntry(
        row.id(),
        PatientId.of(row.patientId()),
        AppointmentTypeId.of(row.typeId()),
        row.providerId() == null ? null : ProviderId.of(row.providerId()),
        row.locationId() == null ? null : LocationId.of(row.locationId()),
        row.earliestDate(),
        row.latestDate(),
        Set.copyOf(days),
        row.earliestTime(),
        row.latestTime(),
        row.beforeAppointmentId() == null ? null : AppointmentId.of(row.beforeAppointmentId()),
        WaitlistEntry.Status.ofCode(row.status()),
        row.appointmentId() == null ? null : AppointmentId.of(row.appointmentId()),
        row.createdBy(),
        row.createdAt(),
        row.endedAt());
  }

  static WaitlistOffer offer(OfferRow row, PracticeSnapshot snapshot) {
    ZoneId zone =
        snapshot
            .location(LocationId.of(row.locationId()))
            .map(Location::zone)
            .orElse(java.time.ZoneOffset.UTC);
    return new WaitlistOffer(
        row.id(),
        row.entryId(),
        PatientId.of(row.patientId()),
        AppointmentTypeId.of(row.typeId()),
        ProviderId.of(row.providerId()),
        LocationId.of(row.locationId()),
        row.start(),
        row.end(),
        zone,
        row.offeredAt(),
        row.expiresAt(),
        WaitlistOffer.Status.ofCode(row.status()),
        row.holdId() == null ? null : AppointmentId.of(row.holdId()),
        row.appointmentId() == null ? null : AppointmentId.of(row.appointmentId()),
        row.decidedAt());
  }
}
