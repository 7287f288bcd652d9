package org.accueil.notifications.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.accueil.notifications.NotificationsProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationsProperties.class)
class NotificationsConfiguration {

  /**
   * The cluster's sweep: db-scheduler runs it on one node at a time, every sweep-interval, and
   * after an outage at once on the first node back, so what fell due meanwhile goes (or is skipped
   * as of no use any more, and logged).
   */
  @Bean
  RecurringTask<Void> notificationsSweep(
      Dispatcher dispatcher, NotificationsProperties properties) {
    return Tasks.recurring("notifications-sweep", FixedDelay.of(properties.sweepInterval()))
        .execute(
            (instance, context) -> {
              if (properties.enabled()) {
                dispatcher.sendDue();
              }
            });
  }
}
