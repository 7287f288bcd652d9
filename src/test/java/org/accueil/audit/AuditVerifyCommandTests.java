package org.accueil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.accueil.AccueilApplication;
import org.accueil.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * {@code java -jar accueil.jar --accueil.audit.verify}: checks the chain of the configured database
 * without starting a web server, says what it found, and exits 0 (intact), 1 (broken) or 2 (could
 * not check). The sandbox application writes the trail; the command reads its database as another
 * process would.
 */
@AuditSandbox
@ExtendWith(OutputCaptureExtension.class)
class AuditVerifyCommandTests {

  @Autowired ApplicationEventPublisher events;
  @Autowired Environment environment;

  Attacker attacker;

  @BeforeEach
  void threeRows() {
    attacker = new Attacker(environment);
    attacker.wipesTheTrail();
    for (int i = 0; i < 3; i++) {
      events.publishEvent(AuditRecords.viewed("patient", UUID.randomUUID().toString()));
    }
  }

  @Test
  void anIntactChainIsReportedWithStatusZeroAndNoWebServer(CapturedOutput output) {
    try (ConfigurableApplicationContext command = verify(databaseArguments())) {
      assertThat(command).isNotInstanceOf(WebServerApplicationContext.class);
      assertThat(SpringApplication.exit(command)).isZero();
    }
    assertThat(output.getOut())
        .contains("Audit trail intact: 3 rows checked; the chain head is row 3, hash ");
  }

  @Test
  void aBrokenChainIsReportedAtItsFirstBrokenRowWithStatusOne(CapturedOutput output) {
    attacker.runs("UPDATE audit_event SET entity_id = 'someone-else' WHERE seq = 2");

    try (ConfigurableApplicationContext command = verify(databaseArguments())) {
      assertThat(SpringApplication.exit(command)).isEqualTo(1);
    }
    assertThat(output.getOut())
        .contains(
            "Audit trail BROKEN at row 2 (modified): Row 2 was changed after it was written",
            "1 rows checked intact before the break; the chain head records row 3.");
  }

  @Test
  void aDatabaseWithoutAnAuditTrailIsReportedWithStatusTwoAndLeftUntouched(CapturedOutput output) {
    String empty = TestDatabase.createDatabase();

    try (ConfigurableApplicationContext command =
        verify(
            "--accueil.db.url=" + empty,
            "--accueil.db.username=" + TestDatabase.username(),
            "--accueil.db.password=" + TestDatabase.password())) {
      assertThat(SpringApplication.exit(command)).isEqualTo(2);
    }
    assertThat(output.getErr())
        .contains("Could not verify the audit trail: This database holds no audit trail");
    // No migration ran: checking the trail changes nothing in the database it checks.
    try (var connection =
            java.sql.DriverManager.getConnection(
                empty, TestDatabase.username(), TestDatabase.password());
        var rows =
            connection
                .createStatement()
                .executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
      rows.next();
      assertThat(rows.getInt(1)).isZero();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theJarsMainEndsWithStatusOneOnABrokenChainAndTwoWhenTheDatabaseIsUnreachable()
      throws Exception {
    attacker.runs("DELETE FROM audit_event WHERE seq = 3");

    Run broken = runMain(databaseArguments());
    Run unreachable =
        runMain(
            "--accueil.db.url=jdbc:postgresql://127.0.0.1:" + closedPort() + "/accueil",
            "--accueil.db.username=accueil",
            "--accueil.db.connection-timeout=2s");

    assertThat(broken.status()).as(broken.output()).isEqualTo(1);
    assertThat(broken.output()).contains("Audit trail BROKEN at row 3 (truncated)");
    assertThat(unreachable.status()).as(unreachable.output()).isEqualTo(2);
    assertThat(unreachable.output()).contains("Could not verify the audit trail:");
  }

  @Test
  void theEmbeddedDatabaseOfAStoppedAccueilIsVerifiedInPlace(
      @TempDir Path dataDir, CapturedOutput output) {
    String[] embedded = {"--accueil.data-dir=" + dataDir, "--logging.level.root=INFO"};
    List<String> node = new ArrayList<>(List.of(embedded));
    node.add("--server.port=0");
    node.add("--spring.jmx.enabled=false");
    try (ConfigurableApplicationContext accueil =
        SpringApplication.run(AccueilApplication.class, node.toArray(String[]::new))) {
      for (int i = 0; i < 4; i++) {
        accueil.publishEvent(AuditRecords.viewed("patient", UUID.randomUUID().toString()));
      }
    }

    try (ConfigurableApplicationContext command = verify(embedded)) {
      assertThat(SpringApplication.exit(command)).isZero();
    }
    assertThat(output.getOut()).contains("Audit trail intact: 4 rows checked");
    assertThat(Files.exists(dataDir.resolve("postgres").resolve("PG_VERSION"))).isTrue();
  }

  private String[] databaseArguments() {
    return new String[] {
      "--accueil.db.url=" + environment.getRequiredProperty("accueil.db.url"),
      "--accueil.db.username=" + environment.getRequiredProperty("accueil.db.username"),
      "--accueil.db.password=" + environment.getProperty("accueil.db.password", "")
    };
  }

  /** The command in this JVM; the caller reads its exit code as {@code main} does. */
  private static ConfigurableApplicationContext verify(String... arguments) {
    List<String> all = new ArrayList<>(List.of(arguments));
    all.add("--accueil.audit.verify");
    all.add("--spring.jmx.enabled=false");
    if (all.stream().noneMatch(a -> a.startsWith("--logging.level.root"))) {
      // Keep this JVM's log level for the tests that follow.
      all.add("--logging.level.root=INFO");
    }
    return SpringApplication.run(AccueilApplication.class, all.toArray(String[]::new));
  }

  record Run(int status, String output) {}

  /** {@code java -cp <this classpath> org.accueil.AccueilApplication --accueil.audit.verify}. */
  private static Run runMain(String... arguments) throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                AccueilApplication.class.getName(),
                "--accueil.audit.verify"));
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }

  private static int closedPort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
