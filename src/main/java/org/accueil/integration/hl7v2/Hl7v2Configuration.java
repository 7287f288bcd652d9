package org.accueil.integration.hl7v2;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.LocalTime;
import org.accueil.platform.crypto.EncryptedColumn;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(Hl7v2Properties.class)
class Hl7v2Configuration {

  /** Received messages name the patient: sealed, and resealed when the key rotates. */
  @Bean
  EncryptedColumn hl7v2InboxMessageColumn() {
    return EncryptedColumn.of("hl7v2_inbox", "id", "message", Hl7Inbox.MESSAGE_CONTEXT);
  }

  /** Every day at 04:15, on one node: received messages are kept for the retention only. */
  @Bean
  RecurringTask<Void> hl7v2InboxRetention(Hl7Inbox inbox, Hl7v2Properties properties, Clock clock) {
    return Tasks.recurring("hl7v2-inbox-retention", Schedules.daily(LocalTime.of(4, 15)))
        .execute(
            (instance, context) ->
                inbox.forgetSettledBefore(clock.instant().minus(properties.inbound().retention())));
  }
}
