package org.accueil.disruptions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import org.accueil.conversations.Conversations;
import org.accueil.disruptions.AffectedPatient.OfferedTime;
import org.accueil.disruptions.AffectedPatient.State;
import org.accueil.disruptions.Disruption.Action;
import org.accueil.disruptions.Disruption.Reason;
import org.accueil.disruptions.internal.Alternatives;
import org.accueil.disruptions.internal.DisruptionStore;
import org.accueil.patients.Channel;
import org.accueil.patients.Patient;
import org.accueil.patients.PatientId;
import org.accueil.patients.Patients;
import org.accueil.platform.Actor;
import org.accueil.platform.AfterCommit;
import org.accueil.platform.Audit;
import org.accueil.platform.Ids;
import org.accueil.platform.ProblemException;
import org.accueil.practice.Commands.TimeOffDetails;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.ProviderId;
import org.accueil.practice.TimeOff;
import org.accueil.privacy.ConsentChannel;
import org.accueil.privacy.ConsentPurpose;
import org.accueil.privacy.Consents;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Holds;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The disruptions facade: block a provider's time, list who is booked in it, reach each patient
 * with held alternatives, take their answers, and put whoever has not answered in time on the
 * staff's call list.
 *
 * <p>Blocking and listing happen in one transaction, behind the provider's booking lock: a booking
 * under way either committed first, and is listed, or finds the block and is refused. Patients are
 * contacted by a pass (right after the block commits, then every {@code pass-interval} on any
 * node): one row per transaction, claimed with SKIP LOCKED, so a crash loses nobody and two nodes
 * never contact a patient twice.
 */
@Service
public class Disruptions {

  private static final Logger log = LoggerFactory.getLogger(Disruptions.class);

  /** Who the rows' changes are by, in the audit trail and on appointments. */
  public static final String BY = "disruption";

  private final DisruptionStore store;
  private final Alternatives alternatives;
  private final Appointments appointments;
  private final Holds holds;
  private final PracticeAdministration administration;
  private final PracticeDirectory practice;
  private final Patients patients;
  private final Consents consents;
  private final Conversations conversations;
  private final DisruptionsProperties properties;
  private final ApplicationEventPublisher events;
  private final Audit audit;
  private final Clock clock;
  private final TransactionTemplate transaction;
  private final TransactionTemplate separately;

  private final ReentrantLock pass = new ReentrantLock();
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private final ExecutorService waker =
      Executors.newSingleThreadExecutor(Thread.ofVirtual().name("disruptions-pass").factory());

  Disruptions(
      DisruptionStore store,
      Alternatives alternatives,
      Appointments appointments,
      Holds holds,
      PracticeAdministration administration,
      PracticeDirectory practice,
      Patients patients,
      Consents consents,
      Conversations conversations,
      DisruptionsProperties properties,
      ApplicationEventPublisher events,
      Audit audit,
      Clock clock,
      PlatformTransactionManager transactions) {
    this.store = store;
    this.alternatives = alternatives;
    this.appointments = appointments;
    this.holds = holds;
    this.administration = administration;
    this.practice = practice;
    this.patients = patients;
    this.consents = consents;
    this.conversations = conversations;
    this.properties = properties;
    this.events = events;
    this.audit = audit;
    this.clock = clock;
    this.transaction = new TransactionTemplate(transactions);
    this.separately = new TransactionTemplate(transactions);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * What staff ask for.
   *
   * @param action what each patient is offered; null: {@code accueil.disruptions.default-action}
   * @param contact reach the patients at once; false lists them for staff to adjust, then {@link
   *     #contact}
   */
  public record Block(
      ProviderId provider,
      OffsetDateTime start,
      OffsetDateTime end,
      Reason reason,
      @Nullable String note,
      @Nullable Action action,
      boolean contact,
      String by) {}

  /** A disruption and where each of its patients is. */
  public record Progress(Disruption disruption, Counts counts, List<AffectedPatient> patients) {}

  /**
   * @param reached the message with the alternatives went out (or the cancellation was told)
   * @param waiting offered, no answer yet
   */
  public record Counts(
      int affected,
      int reached,
      int waiting,
      int rebooked,
      int cancelled,
      int unanswered,
      int settled) {

    static Counts of(List<AffectedPatient> rows) {
      return new Counts(
          rows.size(),
          (int) rows.stream().filter(r -> r.reachedAt() != null).count(),
          count(rows, State.OFFERED) + count(rows, State.PENDING) + count(rows, State.PLANNED),
          count(rows, State.REBOOKED),
          count(rows, State.CANCELLED),
          count(rows, State.UNANSWERED),
          count(rows, State.SETTLED));
    }

    private static int count(List<AffectedPatient> rows, State state) {
      return (int) rows.stream().filter(r -> r.state() == state).count();
    }
  }

  /** A patient to call, with the disruption they are part of. */
  public record ToCall(Disruption disruption, AffectedPatient patient) {}

  // ------------------------------------------------------------------------------- blocking

  /** Blocks the time (a time off of the provider) and lists every appointment inside it. */
  @Transactional
  public Progress block(Block command) {
    Action action = command.action() == null ? properties.action() : command.action();
    String note = command.note() == null ? "" : command.note().strip();
    if (note.length() > 500) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-disruption")
          .detail("The note is {0} characters long; 500 at most.", note.length())
          .with("field", "note")
          .build();
    }
    TimeOff off =
        administration.addTimeOff(
            command.provider(),
            new TimeOffDetails(
                command.start(), command.end(), "Disruption (" + command.reason().code() + ")"));
    Disruption d =
        Objects.requireNonNull(
            create(
                off.provider(),
                off.start(),
                off.end(),
                command.reason(),
                note,
                action,
                off.id(),
                "staff",
                command.by(),
                command.contact()));
    return progress(d.id());
  }

  /**
   * The EHR blocked a provider's time (SIU S23, a Slot {@code busy-unavailable}); the integration
   * has added the time off already. A block with nobody booked in it is only time off: no
   * disruption is recorded.
   *
   * @param reasonText what the EHR said of the block, read for a reason kind
   * @param source "hl7v2" or "fhir"
   */
  @Transactional
  public Optional<Disruption> blockedInEhr(
      ProviderId provider,
      Instant start,
      Instant end,
      @Nullable String reasonText,
      UUID timeOff,
      String source) {
    if (appointments.standingWithin(provider, start, end).isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        create(
            provider,
            start,
            end,
            reasonOf(reasonText),
            // The EHR's own words are read for the reason kind, not kept: a block's comment may
            // name patients, and the note is staff's.
            "",
            properties.action(),
            timeOff,
            source,
            source,
            properties.contactFromEhr()));
  }

  /** "Dr Johnson is ill", "retard", "formazione": the reason kind an EHR's free text names. */
  static Reason reasonOf(@Nullable String text) {
    if (text == null) {
      return Reason.OTHER;
    }
    String t =
        java.text.Normalizer.normalize(
                text.toLowerCase(java.util.Locale.ROOT), java.text.Normalizer.Form.NFD)
            .replaceAll("\\p{M}", "");
    if (t.matches(".*\\b(ill|sick|illness|malade|maladie|malattia|malato|arret)\\b.*")) {
      return Reason.ILL;
    }
    if (t.matches(".*\\b(late|delay|delayed|retard|ritardo|ritardi)\\b.*")) {
      return Reason.LATE;
    }
    if (t.matches(".*\\b(emergency|urgence|urgenza|emergenza)\\b.*")) {
      return Reason.EMERGENCY;
    }
    if (t.matches(".*\\b(training|conference|formation|congres|formazione|congresso)\\b.*")) {
      return Reason.TRAINING;
    }
    return Reason.OTHER;
  }

  /** The disruption recorded; null for an EHR block with nobody new in it. */
  private @Nullable Disruption create(
      ProviderId provider,
      Instant start,
      Instant end,
      Reason reason,
      String note,
      Action action,
      @Nullable UUID timeOff,
      String source,
      String by,
      boolean contact) {
    Instant now = clock.instant();
    Disruption d =
        new Disruption(
            Ids.newId(), provider, start, end, reason, note, action, timeOff, source, by, now);
    store.insert(d);
    // A visit already over is nobody's to reach (a block made at 11:00 for the whole day).
    List<Appointment> inside =
        appointments.standingWithin(provider, start, end).stream()
            .filter(a -> a.end().isAfter(now))
            .toList();
    int listed = 0;
    for (Appointment a : inside) {
      Optional<Patient> patient = patients.find(a.patient());
      Reach reach = patient.map(this::reach).orElse(new Reach(null, false));
      boolean inserted =
          store.insertPatient(
              d.id(),
              a.id(),
              a.patient(),
              a.start(),
              a.end(),
              action,
              contact ? State.PENDING : State.PLANNED,
              reach.channel(),
              reach.consent(),
              now);
      listed += inserted ? 1 : 0;
    }
    if (listed == 0 && !source.equals("staff")) {
      // An EHR block over appointments all worked on by other disruptions already (a block
      // moved): nothing new to do, and no second record of it.
      store.delete(d.id());
      return null;
    }
    audit.success(
        "disruption.create",
        "disruption",
        d.id(),
        Map.of(
            "provider",
            provider.value(),
            "reason",
            reason.code(),
            "appointments",
            listed,
            "source",
            source));
    if (contact) {
      wakeAfterCommit();
    }
    return d;
  }

  /** Where a notice would reach the patient: as the conversations module chooses, and consent. */
  private record Reach(@Nullable String channel, boolean consent) {}

  private Reach reach(Patient p) {
    List<Channel> order = new ArrayList<>();
    if (p.preferredChannel() != null && p.preferredChannel() != Channel.WEBCHAT) {
      order.add(p.preferredChannel() == Channel.PHONE ? Channel.SMS : p.preferredChannel());
    }
    order.addAll(List.of(Channel.WHATSAPP, Channel.SMS, Channel.EMAIL));
    Reach fallback = new Reach(null, false);
    for (Channel c : order.stream().distinct().toList()) {
      boolean address = c == Channel.EMAIL ? p.email() != null : p.phone() != null;
      if (!address) {
        continue;
      }
      boolean consent =
          consents.permits(
              p.id(),
              ConsentChannel.ofCode(c.code()).orElseThrow(),
              ConsentPurpose.APPOINTMENT_MESSAGES);
      if (consent) {
        return new Reach(c.code(), true);
      }
      if (fallback.channel() == null) {
        fallback = new Reach(c.code(), false);
      }
    }
    return fallback;
  }

  // -------------------------------------------------------------------------------- reading

  public Optional<Disruption> find(UUID id) {
    return store.find(id);
  }

  /**
   * The disruption's progress if the caller may see it (a clinician: only their own calendar's);
   * else 404, as if it did not exist. The API and the staff's screens answer alike.
   */
  public Progress visible(UUID id) {
    Optional<Disruption> d = store.find(id);
    UUID own = Actor.current().ownCalendarOnly();
    if (d.isEmpty() || own != null && !own.equals(d.get().provider().value())) {
      throw ProblemException.notFound("disruption", id);
    }
    return progress(id);
  }

  public Progress progress(UUID id) {
    Disruption d = store.find(id).orElseThrow(() -> ProblemException.notFound("disruption", id));
    List<AffectedPatient> rows = store.patients(id);
    return new Progress(d, Counts.of(rows), rows);
  }

  /** Disruptions created in the last {@code days} days or whose blocked time is still to end. */
  public List<Disruption> recent(int days) {
    Instant now = clock.instant();
    return store.recent(now.minus(Duration.ofDays(days)), now, 200);
  }

  /** Every patient not reached in time (or not reachable), soonest visit first. */
  public List<ToCall> callList() {
    Map<UUID, Disruption> byId = new LinkedHashMap<>();
    List<ToCall> list = new ArrayList<>();
    for (AffectedPatient p : store.callList(clock.instant())) {
      Disruption d = byId.computeIfAbsent(p.disruption(), id -> store.find(id).orElseThrow());
      list.add(new ToCall(d, p));
    }
    return list;
  }

  // ---------------------------------------------------------------------------- staff's say

  /** Another action for one patient, before they are contacted. */
  @Transactional
  public AffectedPatient choose(UUID disruption, AppointmentId appointment, Action action) {
    AffectedPatient row = locked(disruption, appointment);
    if (row.state() != State.PLANNED && row.state() != State.PENDING) {
      throw ProblemException.of(HttpStatus.CONFLICT, "disruption-patient-contacted")
          .detail(
              "The patient of appointment {0} has been contacted already ({1}); the choice can"
                  + " no longer change.",
              appointment, row.state().code())
          .with("state", row.state().code())
          .build();
    }
    store.setAction(disruption, appointment, action, clock.instant());
    audit.success(
        "disruption.choose",
        "disruption",
        disruption,
        Map.of("appointment", appointment.value(), "action", action.code()));
    return store.patient(disruption, appointment).orElseThrow();
  }

  /** Reaches every patient still only listed. */
  @Transactional
  public Progress contact(UUID disruption) {
    progress(disruption);
    int released = store.release(disruption, clock.instant());
    audit.success("disruption.contact", "disruption", disruption, Map.of("patients", released));
    wakeAfterCommit();
    return progress(disruption);
  }

  /**
   * Staff called the patient (and moved or cancelled the visit by hand, or the patient keeps it):
   * the row leaves the call list, the held times are released.
   */
  @Transactional
  public AffectedPatient settle(UUID disruption, AppointmentId appointment, String by) {
    AffectedPatient row = locked(disruption, appointment);
    if (!row.state().open()) {
      return row;
    }
    releaseOffers(row);
    store.close(row, State.SETTLED, null, null, null, false, clock.instant());
    audit.success(
        "disruption.settle",
        "disruption",
        disruption,
        Map.of("appointment", appointment.value(), "by", by));
    timeline(row.patient(), "disruption.settled", data(row));
    return store.patient(disruption, appointment).orElseThrow();
  }

  // ----------------------------------------------------------------------- patients' answers

  /** The offer waiting for this patient's answer, if any (the soonest visit's). */
  public Optional<AffectedPatient> offeredTo(PatientId patient) {
    PatientId current = patients.current(patient).map(Patient::id).orElse(patient);
    return store.offeredTo(current);
  }

  /**
   * The patient's row on the call list (not answered in time), if their visit is still to come:
   * what a late answer is told.
   */
  public Optional<AffectedPatient> awaitingCall(PatientId patient) {
    PatientId current = patients.current(patient).map(Patient::id).orElse(patient);
    return store.ofPatient(current).stream()
        .filter(r -> r.state() == State.UNANSWERED)
        .filter(r -> r.originalEnd().isAfter(clock.instant()))
        .findFirst();
  }

  /** Whether the appointment is being worked on by a disruption (not yet moved or cancelled). */
  public boolean disrupted(AppointmentId appointment) {
    return store.openOf(appointment).isPresent();
  }

  /** The patient chose the offered time at {@code position}. */
  @Transactional
  public ReplyOutcome take(UUID disruption, AppointmentId appointment, int position, String by) {
    AffectedPatient row = locked(disruption, appointment);
    if (row.state() != State.OFFERED) {
      return new ReplyOutcome.Closed(row);
    }
    Optional<OfferedTime> chosen =
        row.offers().stream().filter(o -> o.position() == position).findFirst();
    if (chosen.isEmpty()) {
      throw ProblemException.of(HttpStatus.UNPROCESSABLE_CONTENT, "no-such-alternative")
          .detail("Choice {0} was not offered; choose 1 to {1}.", position, row.offers().size())
          .build();
    }
    OfferedTime o = chosen.get();
    BookingResult<Appointment> moved =
        appointments.moveIntoHold(appointment, o.hold(), o.start(), o.provider(), by);
    if (moved instanceof BookingResult.Success<Appointment>(Appointment a)) {
      // The AppointmentRescheduled listener has closed the row; the answer is the patient's.
      store.close(
          store.patient(disruption, appointment).orElseThrow(),
          State.REBOOKED,
          null,
          a.start(),
          a.provider(),
          true,
          clock.instant());
      return new ReplyOutcome.Moved(a);
    }
    // Taken meanwhile (the hold had lapsed and someone booked the time): new times, held.
    log.info("Disruption {}: offered time {} taken before the patient chose it", disruption, o);
    Appointment a = appointments.find(appointment).orElseThrow();
    Disruption d = store.find(disruption).orElseThrow();
    Instant now = clock.instant();
    return offerAgain(
        row,
        alternatives.hold(a, row.action(), d.end(), now, answerBy(row, now)),
        true,
        Escalation.TAKEN);
  }

  /** The patient would rather cancel. */
  @Transactional
  public ReplyOutcome cancel(UUID disruption, AppointmentId appointment, String by) {
    AffectedPatient row = locked(disruption, appointment);
    if (row.state() != State.OFFERED) {
      return new ReplyOutcome.Closed(row);
    }
    Appointment cancelled =
        appointments.cancel(
            new CancelAppointment(
                appointment, "cancelled by the patient after the provider became unavailable", by));
    store.close(
        store.patient(disruption, appointment).orElseThrow(),
        State.CANCELLED,
        null,
        null,
        null,
        true,
        clock.instant());
    return new ReplyOutcome.Cancelled(cancelled);
  }

  /** "Can I come tomorrow morning instead?": times in that window, held in place of the others. */
  @Transactional
  public ReplyOutcome askFor(UUID disruption, AppointmentId appointment, Instant from, Instant to) {
    AffectedPatient row = locked(disruption, appointment);
    if (row.state() != State.OFFERED) {
      return new ReplyOutcome.Closed(row);
    }
    Appointment a = appointments.find(appointment).orElseThrow();
    Instant now = clock.instant();
    // The times already held in that window stay offered; the search (made while they stand, so
    // it never finds them twice) adds others up to the number offered.
    List<OfferedTime> kept =
        row.offers().stream()
            .filter(o -> !o.start().isBefore(from) && o.start().isBefore(to))
            .toList();
    List<OfferedTime> found =
        alternatives.holdWithin(a, row.action(), from, to, now, answerBy(row, now));
    if (found.isEmpty()) {
      return new ReplyOutcome.NothingThen(row);
    }
    List<OfferedTime> offers = new ArrayList<>(kept);
    for (OfferedTime o : found) {
      if (offers.size() < properties.alternatives()) {
        offers.add(o);
      } else {
        holds.release(o.hold());
      }
    }
    offers.sort(java.util.Comparator.comparing(OfferedTime::start));
    return offerAgain(row, offers, false, Escalation.NOTHING_FREE);
  }

  /** Nothing offered suits the patient and they named no other time: staff take over. */
  @Transactional
  public ReplyOutcome toStaff(UUID disruption, AppointmentId appointment, Escalation why) {
    AffectedPatient row = locked(disruption, appointment);
    if (row.state() != State.OFFERED) {
      return new ReplyOutcome.Closed(row);
    }
    escalate(row, why, true);
    return new ReplyOutcome.ToStaff(store.patient(disruption, appointment).orElseThrow());
  }

  /**
   * The times a patient answering is offered are held until then: never less than the shortest
   * wait.
   */
  private Instant answerBy(AffectedPatient row, Instant now) {
    return later(deadline(row), now.plus(properties.shortestWait()));
  }

  /** New times in place of the row's: those no longer offered are released. */
  private ReplyOutcome offerAgain(
      AffectedPatient row, List<OfferedTime> found, boolean taken, Escalation whyNone) {
    for (OfferedTime o : row.offers()) {
      if (found.stream().noneMatch(f -> f.hold().equals(o.hold()))) {
        holds.find(o.hold()).ifPresent(h -> holds.release(h.id()));
      }
    }
    if (found.isEmpty()) {
      escalate(row, whyNone, true);
      return new ReplyOutcome.ToStaff(
          store.patient(row.disruption(), row.appointment()).orElseThrow());
    }
    Instant now = clock.instant();
    store.offered(row, renumbered(found), answerBy(row, now), row.rounds() + 1, now);
    AffectedPatient again = store.patient(row.disruption(), row.appointment()).orElseThrow();
    timeline(row.patient(), "disruption.offered", data(again));
    return new ReplyOutcome.Offered(again, taken);
  }

  private static List<OfferedTime> renumbered(List<OfferedTime> found) {
    List<OfferedTime> list = new ArrayList<>();
    for (OfferedTime o : found) {
      list.add(new OfferedTime(list.size() + 1, o.hold(), o.start(), o.provider()));
    }
    return list;
  }

  // --------------------------------------------------------------- what the messages became

  /** One patient of a disruption, with the times held for them. */
  public Optional<AffectedPatient> row(UUID disruption, AppointmentId appointment) {
    return store.patient(disruption, appointment);
  }

  /** Whether the offer the message carries still waits for the patient. */
  public boolean stillOffered(UUID disruption, AppointmentId appointment, int round) {
    return store
        .patient(disruption, appointment)
        .filter(r -> r.state() == State.OFFERED && r.rounds() == round)
        .isPresent();
  }

  /**
   * The message went out on {@code channel}: recorded once the sender's transaction commits, in a
   * transaction of its own. The sender holds the patient's conversation; an answer (or a move made
   * elsewhere) holds the row and then writes to that conversation: waiting for the row here would
   * deadlock with it.
   */
  public void reached(UUID disruption, AppointmentId appointment, String channel) {
    afterCommit(() -> store.reached(disruption, appointment, channel, clock.instant()));
  }

  /**
   * No channel reaches the patient: staff must call. Done after the sender's commit, for the same
   * reason as {@link #reached}; lost in a crash, the patient still reaches the call list at their
   * deadline.
   */
  public void unreachable(UUID disruption, AppointmentId appointment) {
    afterCommit(
        () ->
            store
                .lock(disruption, appointment)
                .filter(r -> r.state() == State.OFFERED)
                .ifPresent(r -> escalate(r, Escalation.NO_CHANNEL, false)));
  }

  // -------------------------------------------------------------------------- the pass

  /**
   * Contacts the pending patients and escalates the overdue ones. One pass at a time on this node
   * (a caller waits for the pass under way); nodes share the rows through SKIP LOCKED.
   *
   * @return how many rows were handled
   */
  public int runPass() {
    pass.lock();
    try {
      int handled = 0;
      List<String> seen = new ArrayList<>();
      while (true) {
        Instant now = clock.instant();
        Optional<String> done =
            Optional.ofNullable(
                transaction.execute(
                    s ->
                        store
                            .claimPending(seen)
                            .map(
                                row -> {
                                  contactNow(row, now);
                                  return key(row);
                                })
                            .or(
                                () ->
                                    store
                                        .claimOverdue(now, seen)
                                        .map(
                                            row -> {
                                              escalate(row, Escalation.NO_ANSWER, true);
                                              return key(row);
                                            }))
                            .orElse(null)));
        if (done.isEmpty()) {
          return handled;
        }
        seen.add(done.get());
        handled++;
      }
    } finally {
      pass.unlock();
    }
  }

  /** Runs a pass on this node's own thread once the current transaction commits. */
  public void wakeAfterCommit() {
    AfterCommit.run(this::wake);
  }

  private void wake() {
    if (wakePending.compareAndSet(false, true)) {
      waker.execute(
          () -> {
            wakePending.set(false);
            try {
              runPass();
            } catch (RuntimeException e) {
              log.warn("Disruption pass failed; the next one tries again", e);
            }
          });
    }
  }

  private static String key(AffectedPatient row) {
    return row.disruption().toString() + row.appointment().value();
  }

  /** The first contact: cancel (the practice's choice) or hold alternatives and offer them. */
  private void contactNow(AffectedPatient row, Instant now) {
    Optional<Appointment> found = appointments.find(row.appointment());
    if (found.isEmpty() || !standing(found.get())) {
      // Moved or cancelled meanwhile by other means: the listener closes such rows; one missed
      // (an appointment deleted) is closed here.
      store.close(row, State.SETTLED, Escalation.NO_LONGER_BOOKED.code(), null, null, false, now);
      return;
    }
    Appointment a = found.get();
    Disruption d = store.find(row.disruption()).orElseThrow();
    if (d.timeOff() == null) {
      // Staff (or the EHR) removed the block before this patient was reached: the visit stands.
      store.close(row, State.SETTLED, Escalation.BLOCK_LIFTED.code(), null, null, false, now);
      return;
    }
    if (row.action() == Action.CANCEL) {
      appointments.cancel(
          new CancelAppointment(
              a.id(), "cancelled by the practice: the provider is unavailable", BY));
      AffectedPatient after = store.patient(row.disruption(), row.appointment()).orElseThrow();
      store.reached(row.disruption(), row.appointment(), row.channel(), now);
      store.close(after, State.CANCELLED, null, null, null, false, now);
      return;
    }
    if (!a.start().isAfter(now)) {
      escalate(row, Escalation.BEGUN, false);
      return;
    }
    Instant until = deadline(row, now);
    List<OfferedTime> offers = alternatives.hold(a, row.action(), d.end(), now, until);
    if (offers.isEmpty()) {
      escalate(row, Escalation.NOTHING_FREE, false);
      return;
    }
    store.offered(row, offers, until, 1, now);
    AffectedPatient offered = store.patient(row.disruption(), row.appointment()).orElseThrow();
    timeline(row.patient(), "disruption.offered", data(offered));
    events.publishEvent(
        new DisruptionOffered(row.disruption(), row.appointment(), row.patient(), 1, until));
  }

  /**
   * When an unanswered patient goes to the call list: after {@code reply-within}, but no later than
   * {@code answer-before} the visit, and never sooner than {@code shortest-wait}.
   */
  private Instant deadline(AffectedPatient row, Instant now) {
    Instant latest = row.originalStart().minus(properties.answerBefore());
    Instant byReply = now.plus(properties.replyWithin());
    Instant at = byReply.isBefore(latest) ? byReply : latest;
    return later(at, now.plus(properties.shortestWait()));
  }

  private Instant deadline(AffectedPatient row) {
    return row.escalateAt() != null ? row.escalateAt() : deadline(row, clock.instant());
  }

  /** The row goes to the staff's call list; the conversation waits for staff. */
  private void escalate(AffectedPatient row, Escalation why, boolean reached) {
    Instant now = clock.instant();
    releaseOffers(row);
    store.close(row, State.UNANSWERED, why.code(), null, null, false, now);
    timeline(row.patient(), "disruption.unanswered", withWhy(data(row), why.code()));
    // In the staff's queue as well as on the call list (not marked urgent: urgent is for
    // emergencies and distress).
    afterCommit(
        () ->
            conversations.handOverToStaff(
                conversations.ofPatientOrNew(row.patient()).id(),
                "Disruption: "
                    + why.words()
                    + (reached ? "" : " (not reached)")
                    + "; call the patient",
                false));
  }

  private void releaseOffers(AffectedPatient row) {
    for (OfferedTime o : row.offers()) {
      holds.find(o.hold()).ifPresent(h -> holds.release(h.id()));
    }
    store.deleteOffers(row.disruption(), row.appointment());
  }

  // ------------------------------------------------------- appointments changed by other means

  /**
   * The appointment moved (by the patient's answer, staff, the EHR or a patient link): the row is
   * rebooked and its holds released.
   */
  void moved(AppointmentId appointment) {
    store
        .lockOpenOf(appointment)
        .ifPresent(
            row -> {
              Appointment a = appointments.find(appointment).orElseThrow();
              releaseOffers(row);
              store.close(
                  row, State.REBOOKED, null, a.start(), a.provider(), false, clock.instant());
              timeline(
                  row.patient(),
                  "disruption.rebooked",
                  withWhen(data(row), a.start(), a.provider()));
            });
  }

  /** The appointment was cancelled (by the patient's answer, the practice, staff or the EHR). */
  void cancelled(AppointmentId appointment) {
    store
        .lockOpenOf(appointment)
        .ifPresent(
            row -> {
              releaseOffers(row);
              store.close(row, State.CANCELLED, null, null, null, false, clock.instant());
              timeline(row.patient(), "disruption.cancelled", data(row));
            });
  }

  // -------------------------------------------------------------------------------- helpers

  /**
   * An event on the patient's timeline, written once the row's transaction commits. The
   * conversation is written after, never while the row is locked: a sender (or an answer) that
   * holds the conversation and then updates the row would otherwise deadlock with it.
   */
  private void timeline(PatientId patient, String event, Map<String, Object> data) {
    afterCommit(() -> conversations.record(patient, event, data));
  }

  private void afterCommit(Runnable work) {
    AfterCommit.run(() -> runAlone(work));
  }

  private void runAlone(Runnable work) {
    try {
      separately.executeWithoutResult(s -> work.run());
    } catch (RuntimeException e) {
      // The row is what counts (the call list reads it, the deadline escalates it): a timeline
      // event, a channel or a hand-over note is what this loses.
      log.warn("A disruption's follow-up after commit failed", e);
    }
  }

  private AffectedPatient locked(UUID disruption, AppointmentId appointment) {
    return store
        .lock(disruption, appointment)
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "disruption-patient", disruption + "/" + appointment.value()));
  }

  private static boolean standing(Appointment a) {
    return a.status() == AppointmentStatus.BOOKED || a.status() == AppointmentStatus.PENDING;
  }

  private static Map<String, Object> data(AffectedPatient row) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("disruption", row.disruption().toString());
    data.put("appointmentId", row.appointment().value().toString());
    data.put("originalStart", row.originalStart().toString());
    if (!row.offers().isEmpty()) {
      data.put("offered", row.offers().stream().map(o -> o.start().toString()).toList());
    }
    return data;
  }

  private static Map<String, Object> withWhy(Map<String, Object> data, String why) {
    data.put("why", why);
    return data;
  }

  private static Map<String, Object> withWhen(
      Map<String, Object> data, Instant start, ProviderId provider) {
    data.put("newStart", start.toString());
    data.put("provider", provider.value().toString());
    return data;
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() <= 500 ? t : t.substring(0, 499) + "…";
  }

  static OffsetDateTime utc(Instant i) {
    return i.atOffset(ZoneOffset.UTC);
  }
}
