package org.accueil.scheduling;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.accueil.practice.PracticeDirectory;
import org.accueil.practice.ProviderId;
import org.accueil.practice.RoomId;
import org.accueil.scheduling.jdbc.AppointmentRepository;
import org.accueil.scheduling.model.Busy;
import org.accueil.scheduling.model.BusyTimes;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** Everything that occupies providers and rooms over a window: appointments, holds, time off. */
@Component
class BusyCalendar {

  private final AppointmentRepository appointments;
  private final PracticeDirectory practice;

  BusyCalendar(AppointmentRepository appointments, PracticeDirectory practice) {
    this.appointments = appointments;
    this.practice = practice;
  }

  BusyTimes load(
      Collection<ProviderId> providers,
      Collection<RoomId> rooms,
      Instant from,
      Instant to,
      Instant now,
      @Nullable UUID excluding) {
    List<Busy> entries =
        new ArrayList<>(appointments.busy(providers, rooms, from, to, now, excluding));
    practice
        .timeOff(providers, from, to)
        .forEach(t -> entries.add(Busy.timeOff(t.provider(), t.start(), t.end())));
    return new BusyTimes(entries);
  }
}
