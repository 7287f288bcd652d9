package org.accueil.integration.outbox.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.LocalTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class OutboxConfiguration {

  private static final Logger log = LoggerFactory.getLogger(OutboxConfiguration.class);

  /**
   * Deletes delivered rows older than {@code accueil.integration.outbox.keep-delivered}, with their
   * attempts, every day at 04:10 UTC on one node. Dead and pending rows are never deleted.
   */
  @Bean
  RecurringTask<Void> deliveredOutboxSweep(
      OutboxStore store, OutboxProperties properties, Clock clock) {
    return Tasks.recurring("integration-outbox-retention", Schedules.daily(LocalTime.of(4, 10)))
        .execute(
            (instance, context) -> {
              long deleted =
                  store.deleteDeliveredBefore(clock.instant().minus(properties.keepDelivered()));
              if (deleted > 0) {
                log.info("Deleted {} delivered outbox rows past their retention", deleted);
              }
            });
  }
}
