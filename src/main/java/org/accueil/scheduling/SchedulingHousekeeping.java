package org.accueil.scheduling;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import org.accueil.scheduling.jdbc.AppointmentRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SchedulingHousekeeping {

  /**
   * Deletes expired holds. Correctness does not depend on it (expired holds are ignored by searches
   * and deleted by any booking they would stand in the way of); it keeps the table small.
   * db-scheduler runs it on one node at a time.
   */
  @Bean
  RecurringTask<Void> expiredHoldSweeper(AppointmentRepository appointments, Clock clock) {
    return Tasks.recurring("expired-hold-sweeper", FixedDelay.ofMinutes(1))
        .execute((instance, context) -> appointments.deleteExpiredHolds(clock.instant()));
  }

  /**
   * Offers freed time to waiting patients and passes on lapsed offers, every {@link
   * WaitlistProperties#passInterval()} on one node at a time. The pass itself is safe on several
   * nodes at once (freed times are claimed with SKIP LOCKED): db-scheduler only keeps the nodes
   * from all polling the same rows.
   */
  @Bean
  RecurringTask<Void> waitlistPassTask(Waitlist waitlist, WaitlistProperties properties) {
    return Tasks.recurring("waitlist-pass", FixedDelay.of(properties.passInterval()))
        .execute((instance, context) -> waitlist.offerFreedTime());
  }
}
