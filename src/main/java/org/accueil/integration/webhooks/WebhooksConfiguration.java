package org.accueil.integration.webhooks;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import java.time.Clock;
import java.time.LocalTime;
import org.accueil.platform.crypto.EncryptedColumn;
import org.accueil.platform.crypto.FieldCipher;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhooksProperties.class)
class WebhooksConfiguration {

  @Bean
  EndpointRepository webhookEndpointRepository(JdbcClient jdbc, FieldCipher cipher) {
    return new EndpointRepository(jdbc, cipher);
  }

  @Bean
  DeliveryLog webhookDeliveryLog(JdbcClient jdbc) {
    return new DeliveryLog(jdbc);
  }

  @Bean
  EndpointAddresses webhookEndpointAddresses(WebhooksProperties properties) {
    return new EndpointAddresses(properties.allowLocalhost(), properties.allowPrivateNetworks());
  }

  /** Key rotation re-seals the secrets with the rest. */
  @Bean
  EncryptedColumn webhookSecretColumn() {
    return EndpointRepository.secretColumn();
  }

  @Bean
  EncryptedColumn webhookPreviousSecretColumn() {
    return EndpointRepository.previousSecretColumn();
  }

  /** Forgets the delivery log's attempts older than {@code accueil.webhooks.log-retention}. */
  @Bean
  RecurringTask<Void> webhookLogExpiry(
      DeliveryLog log, WebhooksProperties properties, Clock clock) {
    return Tasks.recurring("webhook-log-expiry", Schedules.daily(LocalTime.of(3, 50)))
        .execute(
            (instance, context) -> log.prune(clock.instant().minus(properties.logRetention())));
  }
}
