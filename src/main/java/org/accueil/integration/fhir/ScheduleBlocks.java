package org.accueil.integration.fhir;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.accueil.disruptions.Disruption;
import org.accueil.disruptions.Disruptions;
import org.accueil.practice.Commands.TimeOffDetails;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.ProviderId;
import org.accueil.practice.TimeOff;
import org.accueil.scheduling.AppointmentStatus;
import org.accueil.scheduling.Appointments;
import org.accueil.scheduling.Commands.AppointmentQuery;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The EHR's schedule blocks ({@code Slot.status = busy-unavailable}) as time off of the schedule's
 * provider (the practice module's own way to make a provider unavailable), so Accueil offers none
 * of that time; a block freed, moved or deleted there is removed or moved here. Which time off came
 * from which Slot is kept in {@code fhir_schedule_block}; time off staff entered is never touched.
 * A new or moved block over booked appointments is also a disruption ({@link
 * Disruptions#blockedInEhr}): their patients are listed and offered other times.
 */
@Component
class ScheduleBlocks {

  private static final Logger log = LoggerFactory.getLogger(ScheduleBlocks.class);

  static final String REASON = "Blocked in the EHR";

  private final EhrParticipants participants;
  private final EhrWrites ehr;
  private final PracticeAdministration administration;
  private final PracticeDirectory practice;
  private final Disruptions disruptions;
  private final Appointments appointments;
  private final JdbcClient jdbc;
  private final Clock clock;

  /** A Schedule's actor does not change: each schedule is read once per node. */
  private final Map<String, ProviderId> schedules = new ConcurrentHashMap<>();

  ScheduleBlocks(
      EhrParticipants participants,
      EhrWrites ehr,
      PracticeAdministration administration,
      PracticeDirectory practice,
      Disruptions disruptions,
      Appointments appointments,
      JdbcClient jdbc,
      Clock clock) {
    this.participants = participants;
    this.ehr = ehr;
    this.administration = administration;
    this.practice = practice;
    this.disruptions = disruptions;
    this.appointments = appointments;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  record Block(String slotId, UUID timeOff, ProviderId provider, @Nullable String version) {}

  String apply(Slot slot, boolean again) {
    String slotId = slot.getIdElement().getIdPart();
    String version = EhrChanges.version(slot);
    Optional<Block> block = block(slotId);
    if (!again && block.isPresent() && EhrChanges.older(version, block.get().version())) {
      return "stale";
    }
    Optional<TimeOff> current = block.flatMap(b -> practice.timeOff(b.provider(), b.timeOff()));
    boolean blocks =
        slot.getStatus() == Slot.SlotStatus.BUSYUNAVAILABLE && slot.hasStart() && slot.hasEnd();
    if (!blocks) {
      if (current.isPresent()) {
        administration.removeTimeOff(block.get().provider(), current.get().id());
        return "unblocked";
      }
      return "ignored:" + (slot.getStatus() == null ? "no-status" : slot.getStatus().toCode());
    }
    Optional<ProviderId> provider = provider(slot);
    if (provider.isEmpty()) {
      return "ignored:unmapped-schedule";
    }
    Instant start = slot.getStart().toInstant();
    Instant end = slot.getEnd().toInstant();
    if (current.isPresent()
        && current.get().provider().equals(provider.get())
        && current.get().start().equals(start)
        && current.get().end().equals(end)) {
      record(slotId, current.get().id(), provider.get(), version);
      return "unchanged";
    }
    String reasonText = reasonText(slot, provider.get(), start, end);
    current.ifPresent(t -> administration.removeTimeOff(t.provider(), t.id()));
    TimeOff added =
        administration.addTimeOff(
            provider.get(),
            new TimeOffDetails(
                start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC), REASON));
    record(slotId, added.id(), provider.get(), version);
    // A new or moved block only (an unchanged one returned above), in this transaction, so a
    // change seen twice (subscription, poll, reconciliation) never makes a second disruption.
    Optional<Disruption> disruption =
        disruptions.blockedInEhr(provider.get(), start, end, reasonText, added.id(), "fhir");
    return disruption.isPresent() ? "blocked:disruption" : "blocked";
  }

  /**
   * What the EHR says of a new block, for a disruption. The inbox keeps no comment ({@link
   * FhirInbox#minimised}), so when appointments stand in the block the Slot is read again for it:
   * not for a block over nobody (no disruption), nor while holding the provider's booking lock. A
   * read that fails leaves the Slot's types to go by.
   */
  private @Nullable String reasonText(Slot slot, ProviderId provider, Instant start, Instant end) {
    if (slot.hasComment() || !anyStanding(provider, start, end)) {
      return reasonText(slot);
    }
    try {
      Slot full = ehr.read(Slot.class, slot.getIdElement().getIdPart());
      String comment = full.hasComment() ? full.getComment() : null;
      return comment == null || comment.isBlank() ? reasonText(slot) : comment.strip();
    } catch (RuntimeException e) {
      log.info("Slot {} not read again for its comment: {}", slot.getIdElement(), e.toString());
      return reasonText(slot);
    }
  }

  /** Whether an appointment seems to stand in the block (read without the booking lock). */
  private boolean anyStanding(ProviderId provider, Instant start, Instant end) {
    return appointments
        .list(
            new AppointmentQuery(start.minus(Duration.ofDays(1)), end, provider, null, null, 2000))
        .stream()
        .anyMatch(
            a ->
                (a.status() == AppointmentStatus.BOOKED || a.status() == AppointmentStatus.PENDING)
                    && a.end().isAfter(start)
                    && a.start().isBefore(end));
  }

  /**
   * What the EHR said of the block, read for a reason kind: the Slot's comment, else the text (or
   * the codings' display) of its appointmentType and serviceType. Their codes are not read: they
   * are the EHR's own, and mean nothing to the reason reader.
   */
  static @Nullable String reasonText(Slot slot) {
    if (slot.hasComment() && !slot.getComment().isBlank()) {
      return slot.getComment().strip();
    }
    List<String> texts = new ArrayList<>();
    List<CodeableConcept> concepts = new ArrayList<>();
    if (slot.hasAppointmentType()) {
      concepts.add(slot.getAppointmentType());
    }
    concepts.addAll(slot.getServiceType());
    for (CodeableConcept concept : concepts) {
      if (concept.hasText() && !concept.getText().isBlank()) {
        add(texts, concept.getText());
        continue;
      }
      for (Coding coding : concept.getCoding()) {
        if (coding.hasDisplay() && !coding.getDisplay().isBlank()) {
          add(texts, coding.getDisplay());
        }
      }
    }
    return texts.isEmpty() ? null : String.join("; ", texts);
  }

  private static void add(List<String> texts, String text) {
    String t = text.strip();
    if (!texts.contains(t)) {
      texts.add(t);
    }
  }

  /** The Slot was deleted in the EHR: its time off goes. */
  String gone(String slotId) {
    Optional<Block> block = block(slotId);
    if (block.isEmpty()) {
      return "ignored:deleted";
    }
    practice
        .timeOff(block.get().provider(), block.get().timeOff())
        .ifPresent(t -> administration.removeTimeOff(t.provider(), t.id()));
    jdbc.sql("DELETE FROM fhir_schedule_block WHERE slot_id = :slot")
        .param("slot", slotId)
        .update();
    return "unblocked:deleted";
  }

  private Optional<Block> block(String slotId) {
    return jdbc.sql(
            "SELECT slot_id, time_off_id, provider_id, version FROM fhir_schedule_block"
                + " WHERE slot_id = :slot")
        .param("slot", slotId)
        .query(
            (rs, n) ->
                new Block(
                    rs.getString("slot_id"),
                    rs.getObject("time_off_id", UUID.class),
                    ProviderId.of(rs.getObject("provider_id", UUID.class)),
                    rs.getString("version")))
        .optional();
  }

  private void record(String slotId, UUID timeOff, ProviderId provider, @Nullable String version) {
    jdbc.sql(
            """
            INSERT INTO fhir_schedule_block (slot_id, time_off_id, provider_id, version, synced_at)
            VALUES (:slot, :timeOff, :provider, :version, :now)
            ON CONFLICT (slot_id) DO UPDATE
               SET time_off_id = EXCLUDED.time_off_id, provider_id = EXCLUDED.provider_id,
                   version = EXCLUDED.version, synced_at = EXCLUDED.synced_at
            """)
        .param("slot", slotId)
        .param("timeOff", timeOff)
        .param("provider", provider.value())
        .param("version", version)
        .param("now", clock.instant().atOffset(ZoneOffset.UTC))
        .update();
  }

  private Optional<ProviderId> provider(Slot slot) {
    String reference = slot.getSchedule().getReference();
    if (reference == null || !reference.startsWith("Schedule/")) {
      return Optional.empty();
    }
    String scheduleId = reference.substring("Schedule/".length());
    ProviderId known = schedules.get(scheduleId);
    if (known != null) {
      return Optional.of(known);
    }
    Schedule schedule = ehr.read(Schedule.class, scheduleId);
    Optional<ProviderId> provider =
        schedule.getActor().stream()
            .map(participants::provider)
            .flatMap(Optional::stream)
            .findFirst();
    // An unmapped schedule is read again next time: an administrator may have mapped it since.
    provider.ifPresent(p -> schedules.put(scheduleId, p));
    return provider;
  }
}
