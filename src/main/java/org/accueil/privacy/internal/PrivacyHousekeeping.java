package org.accueil.privacy.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.LocalTime;
import org.accueil.privacy.PrivacyProperties;
import org.accueil.privacy.RetentionSweep;
import org.accueil.scheduling.Appointments;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PrivacyHousekeeping {

  @Bean
  ConversationRetention conversationRetention(
      ObjectProvider<RetentionSweep> sweeps, PrivacyProperties properties, Clock clock) {
    return new ConversationRetention(sweeps.orderedStream().toList(), properties, clock);
  }

  @Bean
  ErasedAppointmentRetention erasedAppointmentRetention(
      ErasureRepository erasures,
      Appointments appointments,
      PrivacyProperties properties,
      Clock clock) {
    return new ErasedAppointmentRetention(erasures, appointments, properties, clock);
  }

  /**
   * Once a day at 03:30 UTC, a quiet hour for European practices, on one node at a time. A missed
   * run (every node down) runs at the next start.
   */
  @Bean
  RecurringTask<Void> conversationRetentionTask(ConversationRetention retention) {
    return Tasks.recurring("conversation-retention", Schedules.daily(LocalTime.of(3, 30)))
        .execute((instance, context) -> retention.sweep());
  }

  /** Once a day at 03:45 UTC, after the conversations, on one node at a time. */
  @Bean
  RecurringTask<Void> erasedAppointmentRetentionTask(ErasedAppointmentRetention retention) {
    return Tasks.recurring("erased-appointment-retention", Schedules.daily(LocalTime.of(3, 45)))
        .execute((instance, context) -> retention.sweep());
  }
}
