package org.accueil.integration.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.accueil.integration.outbox.internal.OutboxDispatcher;
import org.accueil.platform.Scope;
import org.accueil.testing.AccueilTest;
import org.accueil.testing.Api;
import org.accueil.testing.ScriptedDestination;
import org.accueil.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code GET /actuator/prometheus}: the outbox's lag, failures and dead letters as a monitoring
 * system scrapes them, with a key holding the {@code metrics:read} scope and nothing else.
 */
@AccueilTest
class OutboxMetricsEndpointTests {

  @Autowired Api api;
  @Autowired Outbox outbox;
  @Autowired OutboxDispatcher dispatcher;
  @Autowired ScriptedDestination peer;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired TestClock clock;

  OutboxRows rows;

  @BeforeEach
  void realTime() {
    clock.reset();
    rows = new OutboxRows(outbox, new TransactionTemplate(transactionManager), jdbc, dispatcher);
  }

  @Test
  void aMonitoringKeyReadsDeliveriesFailuresAndDeadLettersInPrometheusFormat() {
    Api monitoring = key(List.of(Scope.METRICS_READ));
    String before = scrape(monitoring);
    double deadBefore = value(before, "accueil_integration_outbox_dead_lettered_total", "test");
    double failedBefore = value(before, "accueil_integration_outbox_failures_total", "test");

    String delivered = ScriptedDestination.fresh("scraped");
    String refused = ScriptedDestination.fresh("scraped-refused");
    peer.script(refused, m -> new Delivery.Failed("HTTP 422"));
    long ok = rows.write(delivered, "appointment:m1", "appointment.booked");
    long dead = rows.write(refused, "appointment:m2", "appointment.booked");
    rows.awaitState(ok, "delivered");
    rows.awaitState(dead, "dead");

    String after = scrape(monitoring);
    assertThat(after).contains("# TYPE accueil_integration_outbox_lag_seconds summary");
    assertThat(value(after, "accueil_integration_outbox_lag_seconds_count", "test"))
        .isGreaterThanOrEqualTo(1);
    // At least: rows of earlier tests may still be failing in the background.
    assertThat(value(after, "accueil_integration_outbox_dead_lettered_total", "test"))
        .isGreaterThanOrEqualTo(deadBefore + 1);
    assertThat(value(after, "accueil_integration_outbox_failures_total", "test"))
        .isGreaterThanOrEqualTo(failedBefore + 1);
    assertThat(after).containsPattern("(?m)^accueil_integration_outbox_dead_letters(\\{[^}]*})? ");
    assertThat(after).containsPattern("(?m)^accueil_integration_outbox_pending(\\{[^}]*})? ");
    // Nothing about a patient or a payload: the outbox's tags are kinds of destination.
    assertThat(after).doesNotContain(delivered).doesNotContain("appointment:m1");
  }

  @Test
  void metricsNeedTheMetricsScope() {
    assertThat(api.anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
    List<String> allButMetrics =
        Scope.ALL.stream().filter(s -> !s.equals(Scope.METRICS_READ)).toList();
    assertThat(key(allButMetrics).get("/actuator/prometheus").status()).isEqualTo(403);
    assertThat(api.get("/actuator/prometheus").status()).as("an administrator").isEqualTo(200);
    // The scope opens metrics, not the rest of the API.
    assertThat(key(List.of(Scope.METRICS_READ)).get("/api/v1/integration/deliveries").status())
        .isEqualTo(403);
  }

  private String scrape(Api monitoring) {
    var scraped = monitoring.get("/actuator/prometheus");
    assertThat(scraped.status()).as(scraped.toString()).isEqualTo(200);
    assertThat(scraped.header("Content-Type")).startsWith("text/plain");
    return scraped.text();
  }

  /** The sample of {@code name} whose destination tag is {@code destination}; 0 when absent. */
  private static double value(String exposition, String name, String destination) {
    Matcher m =
        Pattern.compile(
                "(?m)^"
                    + Pattern.quote(name)
                    + "\\{([^}]*destination=\""
                    + Pattern.quote(destination)
                    + "\"[^}]*)} (\\S+)")
            .matcher(exposition);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(2));
    }
    return sum;
  }

  private Api key(List<String> scopes) {
    return api.withNewKey("monitoring " + UUID.randomUUID(), scopes);
  }
}
