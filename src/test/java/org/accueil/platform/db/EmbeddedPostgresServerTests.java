package org.accueil.platform.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database a fresh installation runs on: PostgreSQL started by Accueil in its data directory.
 */
class EmbeddedPostgresServerTests {

  static final Path BINARIES = Path.of(System.getProperty("java.io.tmpdir"), "accueil-postgres");

  @TempDir Path dataDir;

  @Test
  void whatWasCommittedIsStillThereAfterARestart() throws Exception {
    Path pg = dataDir.resolve("postgres");
    try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(pg, BINARIES, 0)) {
      first.createDatabaseIfMissing("accueil");
      execute(first, "CREATE TABLE note (text text)", "INSERT INTO note VALUES ('kept')");
    }

    try (EmbeddedPostgresServer second = EmbeddedPostgresServer.start(pg, BINARIES, 0)) {
      second.createDatabaseIfMissing("accueil");
      assertThat(single(second, "SELECT text FROM note")).isEqualTo("kept");
      assertThat(single(second, "SHOW synchronous_commit")).isEqualTo("on");
      assertThat(single(second, "SELECT current_setting('server_version_num')")).startsWith("17");
    }
  }

  @Test
  void aSecondProcessOnTheSameDirectoryIsRefusedWithAClearMessage() {
    Path pg = dataDir.resolve("postgres");
    try (EmbeddedPostgresServer first = EmbeddedPostgresServer.start(pg, BINARIES, 0)) {
      assertThatThrownBy(() -> EmbeddedPostgresServer.start(pg, BINARIES, 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use by another Accueil process");
    }
  }

  @Test
  void aServerOrphanedByAKilledJvmIsStoppedAndTheDataRecoveredAtTheNextStart() throws Exception {
    Path pg = dataDir.resolve("postgres");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                OrphanMaker.class.getName(),
                pg.toString(),
                BINARIES.toString())
            .redirectErrorStream(true)
            .start();
    var output =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = output.readLine()) != null && !line.startsWith("ready")) {
      // skip the child's log lines
    }
    assertThat(line).as("the child JVM started its server").startsWith("ready");
    long orphan =
        Long.parseLong(Files.readAllLines(pg.resolve("postmaster.pid")).getFirst().trim());

    child.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9: no shutdown hook runs
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).contains(true);

    try (EmbeddedPostgresServer recovered = EmbeddedPostgresServer.start(pg, BINARIES, 0)) {
      recovered.createDatabaseIfMissing("accueil");
      assertThat(single(recovered, "SELECT 'answering'")).isEqualTo("answering");
    }
    assertThat(running(orphan)).as("the orphaned postmaster was stopped").isFalse();
  }

  /**
   * Whether the process still runs. Orphans are re-parented to PID 1, which in a container may
   * never reap them: a stopped orphan then lingers as a zombie, "alive" to ProcessHandle.
   */
  private static boolean running(long pid) throws Exception {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (Files.exists(stat)) {
      String fields = Files.readString(stat);
      char state = fields.charAt(fields.lastIndexOf(')') + 2);
      return state != 'Z' && state != 'X';
    }
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  private static void execute(EmbeddedPostgresServer server, String... statements)
      throws Exception {
    try (var connection =
            DriverManager.getConnection(server.jdbcUrl("accueil"), server.username(), "");
        var statement = connection.createStatement()) {
      for (String sql : List.of(statements)) {
        statement.execute(sql);
      }
    }
  }

  private static String single(EmbeddedPostgresServer server, String query) throws Exception {
    try (var connection =
            DriverManager.getConnection(server.jdbcUrl("accueil"), server.username(), "");
        var statement = connection.createStatement();
        var rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
