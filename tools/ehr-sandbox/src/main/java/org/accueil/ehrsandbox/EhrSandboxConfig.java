package org.accueil.ehrsandbox;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binstore.MemoryBinaryStorageSvcImpl;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.provider.SubscriptionTriggeringProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.LoggingInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The beans HAPI's JPA configuration expects its host to provide. The reference list is HAPI's own
 * R4 test configuration (TestR4Config, TestJPAConfig) and the HAPI starter project
 * (StarterJpaConfig, FhirServerConfigCommon); only what a test EHR needs is kept.
 */
@Configuration
@EnableConfigurationProperties(EhrSandboxProperties.class)
class EhrSandboxConfig {

  private static final Logger log = LoggerFactory.getLogger(EhrSandboxConfig.class);

  @Bean
  static ResourceTypeFilter resourceTypeFilter() {
    return new ResourceTypeFilter();
  }

  @Bean
  JpaStorageSettings storageSettings() {
    JpaStorageSettings settings = new JpaStorageSettings();
    // Every search runs against the database: HAPI otherwise answers an identical search from a
    // cached result for 60 s, and a poller asking "what changed since T?" twice would miss the
    // second change.
    settings.setReuseCachedSearchResultsForMillis(null);
    settings.setAllowMultipleDelete(true);
    return settings;
  }

  @Bean
  SubscriptionSettings subscriptionSettings(EhrSandboxProperties properties) {
    SubscriptionSettings settings = new SubscriptionSettings();
    settings.addSupportedSubscriptionType(
        org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType.RESTHOOK);
    // Every change, a Subscription's included, is stored in the creating transaction and handed
    // to the matcher at the next poll. HAPI's "queued immediately" mode is not used: it hands a
    // new Subscription over before its transaction commits, the activation fails to read it
    // (HAPI-2001, logged as an error) and succeeds on the retry a second later.
    settings.setSubscriptionIntervalInMs(properties.subscriptionPollInterval().toMillis());
    return settings;
  }

  @Bean
  PartitionSettings partitionSettings() {
    return new PartitionSettings();
  }

  @Bean(destroyMethod = "close")
  BasicDataSource dataSource(EhrSandboxProperties properties) {
    String url;
    if (properties.dataDir() == null) {
      url = "jdbc:h2:mem:ehr;DB_CLOSE_DELAY=-1";
    } else {
      // A file database survives a restart (the tests stop and start the EHR). WRITE_DELAY=0
      // flushes every commit, so a killed JVM loses nothing it had acknowledged.
      url =
          "jdbc:h2:file:"
              + properties.dataDir().toAbsolutePath().resolve("ehr")
              + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }
    log.info("EHR sandbox database: {}", url);
    BasicDataSource dataSource = new BasicDataSource();
    dataSource.setDriver(new org.h2.Driver());
    dataSource.setUrl(url);
    dataSource.setUsername("sa");
    dataSource.setPassword("");
    dataSource.setMaxTotal(20);
    return dataSource;
  }

  @Bean
  @Primary
  LocalContainerEntityManagerFactoryBean entityManagerFactory(
      ConfigurableListableBeanFactory beanFactory,
      FhirContext fhirContext,
      JpaStorageSettings storageSettings,
      DataSource dataSource) {
    LocalContainerEntityManagerFactoryBean factory =
        HapiEntityManagerFactoryUtil.newEntityManagerFactory(
            beanFactory, fhirContext, storageSettings);
    factory.setPersistenceUnitName("HAPI_PU");
    factory.setDataSource(dataSource);
    Properties jpa = new Properties();
    jpa.put("hibernate.dialect", HapiFhirH2Dialect.class.getName());
    jpa.put("hibernate.hbm2ddl.auto", "update");
    jpa.put("hibernate.format_sql", "false");
    jpa.put("hibernate.show_sql", "false");
    jpa.put("hibernate.search.enabled", "false");
    factory.setJpaProperties(jpa);
    return factory;
  }

  @Bean
  @Primary
  JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
    return new JpaTransactionManager(entityManagerFactory);
  }

  @Bean
  IBinaryStorageSvc binaryStorage() {
    return new MemoryBinaryStorageSvcImpl();
  }

  /** Required by HAPI's subscription delivery; e-mail subscriptions are not enabled here. */
  @Bean
  IEmailSender emailSender() {
    return details -> log.warn("E-mail subscriptions are not supported; not sent: {}", details);
  }

  @Bean
  RestfulServer fhirServer(
      FhirContext fhirContext,
      ResourceProviderFactory resourceProviders,
      @Qualifier("mySystemProviderR4") JpaSystemProvider<Bundle, Meta> systemProvider,
      IFhirSystemDao<Bundle, Meta> systemDao,
      JpaStorageSettings storageSettings,
      ISearchParamRegistry searchParamRegistry,
      IValidationSupport validationSupport,
      DatabaseBackedPagingProvider pagingProvider,
      SubscriptionTriggeringProvider subscriptionTriggeringProvider) {
    RestfulServer server = new RestfulServer(fhirContext);
    server.registerProviders(resourceProviders.createProviders());
    server.registerProvider(systemProvider);
    server.registerProvider(subscriptionTriggeringProvider);
    JpaCapabilityStatementProvider capabilities =
        new JpaCapabilityStatementProvider(
            server, systemDao, storageSettings, searchParamRegistry, validationSupport);
    capabilities.setImplementationDescription("Accueil test EHR (HAPI FHIR JPA, R4)");
    server.setServerConformanceProvider(capabilities);
    server.setPagingProvider(pagingProvider);
    server.setDefaultResponseEncoding(EncodingEnum.JSON);
    LoggingInterceptor requests = new LoggingInterceptor();
    requests.setLoggerName("ehr.requests");
    requests.setMessageFormat(
        "${requestVerb} ${requestUrl}${requestParameters} -> ${operationType} ${responseId} ${processingTimeMillis} ms");
    requests.setLogExceptions(true);
    server.registerInterceptor(requests);
    return server;
  }

  @Bean
  ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer fhirServer) {
    ServletRegistrationBean<RestfulServer> registration =
        new ServletRegistrationBean<>(fhirServer, "/fhir/*");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
