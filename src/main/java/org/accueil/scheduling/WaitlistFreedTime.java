package org.accueil.scheduling;

import java.time.Clock;
import org.accueil.platform.Ids;
import org.accueil.scheduling.jdbc.WaitlistRepository;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Notes time that frees up (a cancellation, the old time of a move; from Accueil or from the EHR,
 * whose changes go through the same calls) in the freeing transaction: one insert, and nothing at
 * all while nobody is waiting. A node dying right after the commit loses nothing; the next pass, on
 * any node, offers the time.
 */
@Component
class WaitlistFreedTime {

  private final WaitlistRepository waitlist;
  private final Clock clock;

  WaitlistFreedTime(WaitlistRepository waitlist, Clock clock) {
    this.waitlist = waitlist;
    this.clock = clock;
  }

  @EventListener
  void on(AppointmentCancelled cancelled) {
    waitlist.recordCancelled(Ids.newId(), cancelled.appointment().value(), clock.instant());
  }

  @EventListener
  void on(AppointmentRescheduled moved) {
    if (moved.previousStart().equals(moved.start())
        && moved.previousProvider().equals(moved.provider())) {
      return;
    }
    waitlist.recordMovedFrom(
        Ids.newId(),
        moved.appointment().value(),
        moved.previousProvider().value(),
        moved.previousStart(),
        clock.instant());
  }
}
