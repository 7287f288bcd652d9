package org.accueil.integration.fhir;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.accueil.integration.fhir.EhrLinks.Link;
import org.accueil.practice.Commands.TimeOffDetails;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.ProviderId;
import org.accueil.practice.TimeOff;
import org.hl7.fhir.r4.model.Schedule;
import org.hl7.fhir.r4.model.Slot;
import org.springframework.stereotype.Component;

/**
 * The EHR's schedule blocks ({@code Slot.status = busy-unavailable}) as time off of the schedule's
 * provider, so Accueil offers none of that time; a block freed or deleted there is removed here.
 * The time off is linked to the Slot (resource type {@code Slot}) and is told from time off staff
 * entered by that link.
 */
@Component
class ScheduleBlocks {

  static final String SLOT = "Slot";
  static final String REASON = "Blocked in the EHR";

  private final EhrLinks links;
  private final EhrWrites ehr;
  private final EhrParticipants participants;
  private final PracticeAdministration administration;
  private final PracticeDirectory practice;

  /** A Schedule's actor does not change; read each schedule once per node. */
  private final Map<String, Optional<ProviderId>> schedules = new ConcurrentHashMap<>();

  ScheduleBlocks(
      EhrLinks links,
      EhrWrites ehr,
      EhrParticipants participants,
      PracticeAdministration administration,
      PracticeDirectory practice) {
    this.links = links;
    this.ehr = ehr;
    this.participants = participants;
    this.administration = administration;
    this.practice = practice;
  }

  String apply(Slot slot, boolean again) {
    String remoteId = slot.getIdElement().getIdPart();
    String version = EhrChanges.version(slot);
    Optional<Link> link = links.byRemote(SLOT, remoteId);
    if (!again && link.isPresent() && EhrChanges.older(version, link.get().version())) {
      return "stale";
    }
    Optional<ProviderId> provider = provider(slot);
    if (provider.isEmpty()) {
      return "ignored:unmapped-schedule";
    }
    Optional<TimeOff> current = link.flatMap(l -> practice.timeOff(provider.get(), l.localId()));
    if (slot.getStatus() != Slot.SlotStatus.BUSYUNAVAILABLE || !slot.hasStart() || !slot.hasEnd()) {
      if (current.isPresent()) {
        administration.removeTimeOff(provider.get(), current.get().id());
        links.unlink(SLOT, current.get().id());
        return "unblocked";
      }
      return "ignored:" + slot.getStatus().toCode();
    }
    Instant start = slot.getStart().toInstant();
    Instant end = slot.getEnd().toInstant();
    if (current.isPresent()
        && current.get().start().equals(start)
        && current.get().end().equals(end)) {
      links.link(SLOT, current.get().id(), remoteId, version);
      return "unchanged";
    }
    current.ifPresent(
        t -> {
          administration.removeTimeOff(provider.get(), t.id());
          links.unlink(SLOT, t.id());
        });
    TimeOff added =
        administration.addTimeOff(
            provider.get(),
            new TimeOffDetails(
                start.atOffset(ZoneOffset.UTC), end.atOffset(ZoneOffset.UTC), REASON));
    links.link(SLOT, added.id(), remoteId, version);
    return "blocked";
  }

  /** The Slot was deleted in the EHR: its time off goes. */
  String gone(String remoteId) {
    Optional<Link> link = links.byRemote(SLOT, remoteId);
    if (link.isEmpty()) {
      return "ignored:deleted";
    }
    for (var provider : practice.snapshot().providers()) {
      Optional<TimeOff> timeOff = practice.timeOff(provider.id(), link.get().localId());
      if (timeOff.isPresent()) {
        administration.removeTimeOff(provider.id(), timeOff.get().id());
        break;
      }
    }
    links.unlink(SLOT, link.get().localId());
    return "unblocked:deleted";
  }

  private Optional<ProviderId> provider(Slot slot) {
    String reference = slot.getSchedule().getReference();
    if (reference == null || !reference.startsWith("Schedule/")) {
      return Optional.empty();
    }
    String scheduleId = reference.substring("Schedule/".length());
    Optional<ProviderId> known = schedules.get(scheduleId);
    if (known != null && known.isPresent()) {
      return known;
    }
    Schedule schedule = ehr.read(Schedule.class, scheduleId);
    Optional<ProviderId> provider =
        schedule.getActor().stream()
            .map(participants::provider)
            .flatMap(Optional::stream)
            .findFirst();
    // An unmapped schedule is asked again next time: an administrator may have mapped it since.
    if (provider.isPresent()) {
      schedules.put(scheduleId, provider);
    }
    return provider;
  }
}
