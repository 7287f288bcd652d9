package org.accueil.disruptions.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.accueil.disruptions.Disruptions;
import org.accueil.disruptions.DisruptionsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class DisruptionsConfiguration {

  /**
   * Contacts pending patients and sends overdue ones to the call list, every {@code pass-interval}
   * on one node at a time (the pass itself is safe on several: rows are claimed with SKIP LOCKED).
   */
  @Bean
  RecurringTask<Void> disruptionPassTask(
      Disruptions disruptions, DisruptionsProperties properties) {
    return Tasks.recurring("disruption-pass", FixedDelay.of(properties.passInterval()))
        .execute((instance, context) -> disruptions.runPass());
  }
}
