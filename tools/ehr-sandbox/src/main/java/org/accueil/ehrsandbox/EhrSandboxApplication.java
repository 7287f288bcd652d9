package org.accueil.ehrsandbox;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.data.jpa.JpaRepositoriesAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration;
import org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration;
import org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The test EHR: a HAPI FHIR JPA server (FHIR R4) at {@code /fhir}, on H2, with REST-hook
 * subscriptions. Accueil's integration tests start it as a JVM of its own (see
 * src/test/java/org/accueil/integration/EhrSandbox.java in Accueil).
 *
 * <p>The configuration imported here is HAPI's own, the one HAPI's R4 JPA tests and the HAPI
 * starter project assemble; {@link EhrSandboxConfig} adds the few beans HAPI expects its host to
 * provide (data source, entity manager factory, settings, the RESTful server).
 */
@SpringBootApplication(
    exclude = {
      // HAPI builds its own entity manager factory and repositories (JpaConfig).
      DataSourceAutoConfiguration.class,
      HibernateJpaAutoConfiguration.class,
      JpaRepositoriesAutoConfiguration.class,
      // HAPI's schema migrator brings Flyway; Hibernate creates the schema here.
      FlywayAutoConfiguration.class,
      // Elasticsearch's client is on the class path through HAPI; nothing uses it.
      ElasticsearchClientAutoConfiguration.class,
      ElasticsearchRestClientAutoConfiguration.class,
      // HAPI runs its own Quartz schedulers; Thymeleaf only renders HAPI's narratives.
      QuartzAutoConfiguration.class,
      ThymeleafAutoConfiguration.class
    })
@Import({
  JpaR4Config.class,
  HapiJpaConfig.class,
  ThreadPoolFactoryConfig.class,
  JpaBatch2Config.class,
  Batch2JobsConfig.class,
  SubscriptionSubmitterConfig.class,
  SubscriptionProcessorConfig.class,
  SubscriptionChannelConfig.class
})
public class EhrSandboxApplication {

  public static void main(String[] args) {
    SpringApplication.run(EhrSandboxApplication.class, args);
  }
}
