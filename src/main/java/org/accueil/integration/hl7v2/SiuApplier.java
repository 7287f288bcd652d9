package org.accueil.integration.hl7v2;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.accueil.disruptions.Disruption;
import org.accueil.disruptions.Disruptions;
import org.accueil.integration.hl7v2.Hl7Links.Kind;
import org.accueil.integration.hl7v2.Hl7Links.Link;
import org.accueil.patients.PatientId;
import org.accueil.platform.ProblemException;
import org.accueil.practice.AppointmentType;
import org.accueil.practice.AppointmentTypeId;
import org.accueil.practice.Commands.TimeOffDetails;
import org.accueil.practice.LocationId;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.PracticeSnapshot;
import org.accueil.practice.Provider;
import org.accueil.practice.ProviderId;
import org.accueil.practice.TimeOff;
import org.accueil.scheduling.Appointment;
import org.accueil.scheduling.AppointmentId;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.BookingResult;
import org.accueil.scheduling.Commands.CancelAppointment;
import org.accueil.scheduling.Commands.ImportAppointment;
import org.accueil.scheduling.Commands.RecordMove;
import org.accueil.scheduling.Commands.RescheduleAppointment;
import org.accueil.scheduling.Source;
import org.accueil.scheduling.model.Busy;
import org.accueil.scheduling.model.Rejection;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What one SIU message does to the schedule. Runs in the worker's transaction, inside a savepoint
 * that is rolled back unless the outcome is {@link Outcome.Applied}: a booking that cannot be
 * recorded leaves no patient registered on the way.
 */
@Component
class SiuApplier {

  /** What became of a message. Texts name ids and fields, never the patient. */
  sealed interface Outcome {

    record Applied(@Nullable UUID appointment, @Nullable String note) implements Outcome {}

    /** Kept for staff: the practice must look at it (a time taken here, an unmapped id). */
    record Failed(String reason) implements Outcome {}

    /** A later message of the same appointment was applied already. */
    record Superseded(String note) implements Outcome {}

    /** Nothing to do (the cancellation of an appointment never recorded here). */
    record Ignored(String note) implements Outcome {}

    /** Waiting for an earlier message of the appointment (its booking) that may still come. */
    record Postponed(String note) implements Outcome {}
  }

  private final Appointments appointments;
  private final SiuPatients patients;
  private final Hl7Mappings mappings;
  private final Hl7Links links;
  private final PracticeDirectory practice;
  private final PracticeAdministration administration;
  private final PracticeZones zones;
  private final Hl7v2Properties properties;
  private final Disruptions disruptions;

  SiuApplier(
      Appointments appointments,
      SiuPatients patients,
      Hl7Mappings mappings,
      Hl7Links links,
      PracticeDirectory practice,
      PracticeAdministration administration,
      PracticeZones zones,
      Hl7v2Properties properties,
      Disruptions disruptions) {
    this.appointments = appointments;
    this.patients = patients;
    this.mappings = mappings;
    this.links = links;
    this.practice = practice;
    this.administration = administration;
    this.zones = zones;
    this.properties = properties;
    this.disruptions = disruptions;
  }

  /**
   * @param app MSH-3 of the message: filler ids are the sender's
   * @param orderedAt MSH-7, else the time of receipt
   * @param attempts how many times the message was tried before
   */
  Outcome apply(Siu siu, String app, Instant orderedAt, int attempts, Instant now) {
    Optional<Link> link = links.find(app, siu.fillerId());
    if (link.isPresent() && orderedAt.isBefore(link.get().lastMessageAt())) {
      return new Outcome.Superseded(
          "A later message of " + siu.fillerId() + " was applied already; this one is stale.");
    }
    String by = "hl7v2:" + abbreviate(app);
    return switch (siu.event()) {
      case "S12", "S13", "S14" -> record(siu, app, link, orderedAt, by, now);
      case "S15", "S16", "S17" -> cancel(siu, app, link, orderedAt, attempts, by, now);
      case "S26" -> noShow(siu, app, link, orderedAt, attempts, now);
      case "S23" -> block(siu, app, link, orderedAt, now);
      case "S24" -> open(siu, link);
      default -> new Outcome.Ignored("Accueil does not act on " + siu.event() + ".");
    };
  }

  // ------------------------------------------------------------------------ appointments

  /** S12 books, S13 moves, S14 modifies; each carries the whole appointment, so each upserts. */
  private Outcome record(
      Siu siu, String app, Optional<Link> link, Instant orderedAt, String by, Instant now) {
    Provider provider = provider(siu);
    LocationId location = location(siu, provider);
    ZoneId zone = zones.of(location);
    Instant start = Hl7Times.instant(siu.start(), zone);
    Instant end = end(siu, start, zone);
    AppointmentStatus status = status(siu.fillerStatus());
    if (status == AppointmentStatus.CANCELLED) {
      return cancel(siu, app, link, orderedAt, 0, by, now);
    }
    Optional<Appointment> current = appointment(siu, link).filter(this::stillOccupies);
    if (current.isEmpty()) {
      AppointmentTypeId type = type(siu, provider);
      if (siu.patient() == null) {
        throw new NotApplicable("The patient is required to record an appointment: PID.");
      }
      PatientId patient = patients.resolve(siu.patient());
      BookingResult<Appointment> result =
          appointments.importAppointment(
              new ImportAppointment(
                  type,
                  provider.id(),
                  location,
                  null,
                  patient,
                  start,
                  status,
                  Source.EHR,
                  by,
                  end));
      return switch (result) {
        case BookingResult.Success<Appointment>(Appointment booked) -> {
          links.save(
              app, siu.fillerId(), Kind.APPOINTMENT, booked.id().value(), null, orderedAt, now);
          yield new Outcome.Applied(booked.id().value(), null);
        }
        case BookingResult.Refused<Appointment>(Rejection reason) ->
            new Outcome.Failed(
                "Not recorded: "
                    + describe(reason)
                    + " ("
                    + siu.event()
                    + " "
                    + siu.fillerId()
                    + " at "
                    + start
                    + ").");
      };
    }
    Appointment appointment = current.get();
    String note = null;
    if (!appointment.start().equals(start)
        || (appointment.source() == Source.EHR
            && appointment.status().occupiesTime()
            && end != null
            && !appointment.end().equals(end))
        || !appointment.provider().equals(provider.id())
        || !appointment.location().equals(location)) {
      // The PMS's own appointment is its decision: recorded where it says, only an overlap
      // refuses it. One Accueil booked goes through Accueil's rules, as a move made here would.
      BookingResult<Appointment> moved =
          appointment.source() == Source.EHR
              ? appointments.recordMove(
                  new RecordMove(appointment.id(), start, end, provider.id(), location, by))
              : appointments.reschedule(
                  new RescheduleAppointment(
                      appointment.id(),
                      start,
                      appointment.provider().equals(provider.id()) ? null : provider.id(),
                      location,
                      by));
      if (moved instanceof BookingResult.Refused<Appointment>(Rejection reason)) {
        return new Outcome.Failed(
            "Not moved: "
                + describe(reason)
                + " ("
                + siu.event()
                + " "
                + siu.fillerId()
                + " to "
                + start
                + ").");
      }
    }
    if (appointment.status() != status && appointment.status().canBecome(status)) {
      appointments.changeStatus(appointment.id(), status);
    } else if (appointment.status() != status && status != AppointmentStatus.BOOKED) {
      note =
          "Status "
              + siu.fillerStatus()
              + " not applied: the appointment is "
              + appointment.status().code()
              + " here.";
    }
    links.save(
        app, siu.fillerId(), Kind.APPOINTMENT, appointment.id().value(), null, orderedAt, now);
    return new Outcome.Applied(appointment.id().value(), note);
  }

  private Outcome cancel(
      Siu siu,
      String app,
      Optional<Link> link,
      Instant orderedAt,
      int attempts,
      String by,
      Instant now) {
    Optional<Appointment> appointment = appointment(siu, link);
    if (appointment.isEmpty()) {
      return notYetKnown(siu, attempts);
    }
    String reason = siu.reason() == null ? "Cancelled in " + app : siu.reason();
    appointments.cancel(new CancelAppointment(appointment.get().id(), abbreviate(reason), by));
    links.save(
        app,
        siu.fillerId(),
        Kind.APPOINTMENT,
        appointment.get().id().value(),
        null,
        orderedAt,
        now);
    return new Outcome.Applied(appointment.get().id().value(), null);
  }

  private Outcome noShow(
      Siu siu, String app, Optional<Link> link, Instant orderedAt, int attempts, Instant now) {
    Optional<Appointment> appointment = appointment(siu, link);
    if (appointment.isEmpty()) {
      return notYetKnown(siu, attempts);
    }
    appointments.changeStatus(appointment.get().id(), AppointmentStatus.NOSHOW);
    links.save(
        app,
        siu.fillerId(),
        Kind.APPOINTMENT,
        appointment.get().id().value(),
        null,
        orderedAt,
        now);
    return new Outcome.Applied(appointment.get().id().value(), null);
  }

  /**
   * A cancellation or no-show of an appointment we do not know: its booking may be on its way (a
   * second connection, a retry), so it waits a while; then there is nothing to cancel.
   */
  private Outcome notYetKnown(Siu siu, int attempts) {
    if (attempts < properties.inbound().waitForBooking()) {
      return new Outcome.Postponed(
          "Waiting for the booking of " + siu.fillerId() + " (attempt " + (attempts + 1) + ").");
    }
    return new Outcome.Ignored(
        "No appointment "
            + siu.fillerId()
            + " was ever recorded here: nothing to "
            + (siu.event().equals("S26") ? "mark" : "cancel")
            + ".");
  }

  /**
   * The appointment the message is about: the one its SCH-2 was linked to, else ours when SCH-1
   * names one of ours (the peer answering what we sent).
   */
  private Optional<Appointment> appointment(Siu siu, Optional<Link> link) {
    if (link.isPresent() && link.get().kind() == Kind.APPOINTMENT) {
      Optional<Appointment> linked = appointments.find(AppointmentId.of(link.get().localId()));
      if (linked.isPresent()) {
        return linked;
      }
    }
    if (siu.placerId() != null
        && (siu.placerAuthority() == null
            || siu.placerAuthority().equalsIgnoreCase(properties.sendingApplication()))) {
      return ConfiguredMappings.parse(siu.placerId())
          .map(AppointmentId::of)
          .flatMap(appointments::find);
    }
    return Optional.empty();
  }

  /** A cancelled appointment booked again in the EHR is a new appointment here. */
  private boolean stillOccupies(Appointment appointment) {
    return appointment.status() != AppointmentStatus.CANCELLED
        && appointment.status() != AppointmentStatus.ENTERED_IN_ERROR;
  }

  /** The end the message gives (TQ1-8, or a duration in AIS-7); null: the type's duration. */
  private static @Nullable Instant end(Siu siu, Instant start, ZoneId zone) {
    if (siu.end() != null) {
      return Hl7Times.instant(siu.end(), zone);
    }
    return siu.duration() != null ? start.plus(siu.duration()) : null;
  }

  // ------------------------------------------------------------------------------ blocks

  /**
   * S23: the provider's time is blocked in the EHR; here it becomes the provider's time off. A new
   * or moved block over booked appointments is also a disruption: their patients are offered other
   * times.
   */
  private Outcome block(Siu siu, String app, Optional<Link> link, Instant orderedAt, Instant now) {
    Provider provider = provider(siu);
    ZoneId zone = zones.of(provider.locations().isEmpty() ? null : provider.locations().getFirst());
    Instant start = Hl7Times.instant(siu.start(), zone);
    Instant end = end(siu, start, zone);
    if (end == null) {
      throw new NotApplicable("A blocked time needs its end: TQ1-8, or a duration (AIS-7).");
    }
    if (link.isPresent() && link.get().kind() == Kind.BLOCK) {
      Optional<TimeOff> existing =
          practice.timeOff(ProviderId.of(link.get().provider()), link.get().localId());
      if (existing.isPresent()
          && existing.get().start().equals(start)
          && existing.get().end().equals(end)
          && existing.get().provider().equals(provider.id())) {
        links.save(
            app,
            siu.fillerId(),
            Kind.BLOCK,
            link.get().localId(),
            link.get().provider(),
            orderedAt,
            now);
        return new Outcome.Applied(null, "Already blocked.");
      }
      existing.ifPresent(t -> administration.removeTimeOff(t.provider(), t.id()));
    }
    String reason = "Blocked in " + app + (siu.reason() == null ? "" : ": " + siu.reason());
    TimeOff off =
        administration.addTimeOff(
            provider.id(),
            new TimeOffDetails(
                start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC), abbreviate(reason)));
    links.save(app, siu.fillerId(), Kind.BLOCK, off.id(), provider.id().value(), orderedAt, now);
    // A new or moved block only (one already applied returned above), in this transaction, so a
    // message sent again never makes a second disruption.
    Optional<Disruption> disruption =
        disruptions.blockedInEhr(provider.id(), start, end, blockReason(siu), off.id(), "hl7v2");
    return new Outcome.Applied(
        null,
        "Time off "
            + off.id()
            + disruption
                .map(d -> "; disruption " + d.id() + " for the appointments in it")
                .orElse("")
            + ".");
  }

  /**
   * What the sender said of the block, read for a reason kind: SCH-6 (its text, else its
   * identifier), unless it only repeats the event code ({@code S23}).
   */
  static @Nullable String blockReason(Siu siu) {
    String reason = siu.reason();
    return reason == null || reason.equalsIgnoreCase(siu.event()) ? null : reason;
  }

  /** S24: a time blocked by S23 is open again. Opening time beyond the provider's hours is not. */
  private Outcome open(Siu siu, Optional<Link> link) {
    if (link.isEmpty() || link.get().kind() != Kind.BLOCK || link.get().provider() == null) {
      return new Outcome.Ignored(
          "No time blocked by "
              + siu.fillerId()
              + " here; opening time beyond the provider's"
              + " hours is configured in Accueil, not by S24.");
    }
    ProviderId provider = ProviderId.of(link.get().provider());
    if (practice.timeOff(provider, link.get().localId()).isPresent()) {
      administration.removeTimeOff(provider, link.get().localId());
    }
    return new Outcome.Applied(null, "Time off " + link.get().localId() + " removed.");
  }

  // ----------------------------------------------------------------------------- mapping

  private Provider provider(Siu siu) {
    PracticeSnapshot snapshot = practice.snapshot();
    for (String remote : siu.personnel()) {
      Optional<Provider> provider = mappings.provider(remote).flatMap(snapshot::provider);
      if (provider.isPresent()) {
        return provider.get();
      }
    }
    throw new NotApplicable(
        siu.personnel().isEmpty()
            ? "No provider: AIP-3 is required."
            : "AIP-3 "
                + siu.personnel()
                + " is none of our providers: map it (accueil.integration.hl7v2.mapping.providers).");
  }

  private LocationId location(Siu siu, Provider provider) {
    for (String remote : siu.locations()) {
      Optional<LocationId> location = mappings.location(remote);
      if (location.isPresent()) {
        return location.get();
      }
    }
    if (provider.locations().size() == 1) {
      return provider.locations().getFirst();
    }
    throw new NotApplicable(
        "AIL-3 "
            + siu.locations()
            + " is none of our locations and the provider works at several: map it"
            + " (accueil.integration.hl7v2.mapping.locations).");
  }

  private AppointmentTypeId type(Siu siu, Provider provider) {
    for (String remote : siu.services()) {
      Optional<AppointmentTypeId> type = mappings.appointmentType(remote);
      if (type.isPresent()) {
        return type.get();
      }
    }
    String fallback = properties.mapping().defaultAppointmentType();
    if (fallback != null) {
      Optional<AppointmentTypeId> type =
          ConfiguredMappings.parse(fallback).map(AppointmentTypeId::of);
      if (type.isPresent()) {
        return type.get();
      }
    }
    List<AppointmentType> offered =
        practice.snapshot().appointmentTypes().stream()
            .filter(t -> t.active() && t.offeredBy(provider.id()))
            .toList();
    if (offered.size() == 1) {
      return offered.getFirst().id();
    }
    throw new NotApplicable(
        "AIS-3 / SCH-8 "
            + siu.services()
            + " is none of our appointment types: map it"
            + " (accueil.integration.hl7v2.mapping.appointment-types).");
  }

  /** HL7 table 0278, filler status codes; booked when the sender says nothing. */
  static AppointmentStatus status(@Nullable String code) {
    if (code == null) {
      return AppointmentStatus.BOOKED;
    }
    return switch (code.toLowerCase(Locale.ROOT)) {
      case "pending", "waitlist" -> AppointmentStatus.PENDING;
      case "started" -> AppointmentStatus.ARRIVED;
      case "complete" -> AppointmentStatus.FULFILLED;
      case "cancelled", "dc", "deleted" -> AppointmentStatus.CANCELLED;
      case "noshow" -> AppointmentStatus.NOSHOW;
      default -> AppointmentStatus.BOOKED;
    };
  }

  static String describe(Rejection reason) {
    return switch (reason) {
      case Rejection.SlotTaken(List<Busy> inTheWay) ->
          "the time is taken here by "
              + inTheWay.stream()
                  .map(
                      b ->
                          b.appointment() == null
                              ? b.kind().name().toLowerCase(Locale.ROOT)
                              : "appointment " + b.appointment())
                  .distinct()
                  .toList();
      case Rejection.PatientAlreadyBooked(UUID other) ->
          "the patient already has appointment " + other + " at that time";
      case Rejection.NoRoomAvailable n -> "no " + n.kind() + " room is free then";
      case Rejection.ProviderAway p -> "the provider is away then";
      default -> reason.getClass().getSimpleName();
    };
  }

  static String describe(RuntimeException e) {
    if (e instanceof ProblemException p && p.getBody().getDetail() != null) {
      // Problem details may quote what was sent (an identifier): the outcome is kept unsealed.
      return p.getBody().getDetail().replaceAll("\"[^\"]*\"", "\"…\"");
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 199) + "…";
  }
}
