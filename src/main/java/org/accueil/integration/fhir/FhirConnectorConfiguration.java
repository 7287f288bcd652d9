package org.accueil.integration.fhir;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FhirConnectorProperties.class)
class FhirConnectorConfiguration {

  private static final Logger log = LoggerFactory.getLogger(FhirConnectorConfiguration.class);

  /**
   * The reconciliation, every {@code reconciliation.interval}, on one node at a time
   * (db-scheduler); it does nothing while the connector or the reconciliation is off.
   */
  @Bean
  RecurringTask<Void> fhirReconciliation(
      Reconciliation reconciliation, FhirConnectorProperties properties) {
    return Tasks.recurring(
            "fhir-reconciliation", FixedDelay.of(properties.reconciliation().interval()))
        .execute(
            (instance, context) -> {
              if (properties.active() && properties.reconciliation().enabled()) {
                var report = reconciliation.run(Reconciliation.scheduledBy());
                log.info(
                    "EHR reconciliation {} {}: {}", report.id(), report.status(), report.counts());
              }
            });
  }
}
