package org.accueil.testing;

import org.accueil.integration.hl7v2.TestPeer;
import org.accueil.practice.PracticeAdministration;
import org.accueil.practice.PracticeDirectory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.json.JsonMapper;

@org.springframework.boot.test.context.TestConfiguration(proxyBeanMethods = false)
@Import(TestPeer.Settings.class)
class TestConfiguration {

  /** Named like the application's clock so it replaces it. */
  @Bean
  @Primary
  TestClock clock() {
    return new TestClock();
  }

  @Bean
  @Lazy
  Api testApi(WebServerApplicationContext context, JsonMapper json) {
    return new Api("http://localhost:" + context.getWebServer().getPort(), json);
  }

  /** Delivers the outbox rows of {@code test:*} destinations as each test scripts it. */
  @Bean
  ScriptedDestination scriptedDestination() {
    return new ScriptedDestination();
  }

  @Bean
  AuditEvents auditEvents() {
    return new AuditEvents();
  }

  @Bean
  @Lazy
  StaffSessions staffSessions(Api testApi) {
    return new StaffSessions(testApi);
  }

  @Bean
  Demo demoFixture(
      PracticeAdministration administration, PracticeDirectory directory, TestClock clock) {
    return new Demo(administration, directory, clock);
  }
}
