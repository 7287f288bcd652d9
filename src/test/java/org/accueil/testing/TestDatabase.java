package org.accueil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.accueil.platform.db.EmbeddedPostgresServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * PostgreSQL for the tests: by default one embedded server (the same binaries Accueil ships) per
 * test JVM; with {@code -Daccueil.test.db.url=jdbc:postgresql://127.0.0.1:5432/postgres} (and
 * {@code accueil.test.db.username}/{@code password}) the machine's server instead. Every Spring
 * context gets a database of its own, created empty, so contexts never see each other's rows.
 */
public final class TestDatabase
    implements ApplicationContextInitializer<ConfigurableApplicationContext> {

  private static final AtomicInteger databases = new AtomicInteger();
  private static final java.util.List<String> created =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private static Server server;
  private static Path dataDirectory;

  private record Server(String adminUrl, String username, String password, String urlPrefix) {}

  @Override
  public void initialize(ConfigurableApplicationContext context) {
    Server server = server();
    String url = createDatabase();
    TestPropertyValues.of(
            "accueil.db.url=" + url,
            "accueil.db.username=" + server.username(),
            "accueil.db.password=" + server.password(),
            "accueil.data-dir=" + dataDirectory())
        .applyTo(context);
  }

  /**
   * One data directory per test JVM, so that every context (and a second node started by a test)
   * uses the keysets generated in it the first time, and the working tree stays clean.
   */
  public static synchronized Path dataDirectory() {
    if (dataDirectory == null) {
      try {
        dataDirectory = Files.createTempDirectory("accueil-test-data");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Path created = dataDirectory;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> deleteQuietly(created), "test-data-delete"));
    }
    return dataDirectory;
  }

  /** A new empty database; its JDBC URL. */
  public static String createDatabase() {
    Server server = server();
    String name =
        "accueil_test_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
    try (var connection =
            DriverManager.getConnection(server.adminUrl(), server.username(), server.password());
        var statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create test database " + name, e);
    }
    created.add(name);
    return server.urlPrefix() + name;
  }

  /** On a shared server, the databases this JVM created go when it ends. */
  private static void dropCreatedDatabases(Server server) {
    try (var connection =
            DriverManager.getConnection(server.adminUrl(), server.username(), server.password());
        var statement = connection.createStatement()) {
      for (String name : created) {
        // FORCE: the application contexts may still hold connections while the JVM stops.
        statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
      }
    } catch (SQLException e) {
      System.err.println("Could not drop the test databases " + created + ": " + e.getMessage());
    }
  }

  public static String username() {
    return server().username();
  }

  public static String password() {
    return server().password();
  }

  private static synchronized Server server() {
    if (server != null) {
      return server;
    }
    String external = System.getProperty("accueil.test.db.url");
    if (external != null && !external.isBlank()) {
      String prefix = external.substring(0, external.lastIndexOf('/') + 1);
      server =
          new Server(
              external,
              System.getProperty("accueil.test.db.username", "postgres"),
              System.getProperty("accueil.test.db.password", ""),
              prefix);
      Server shared = server;
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> dropCreatedDatabases(shared), "test-databases-drop"));
      return server;
    }
    try {
      Path dir = Files.createTempDirectory("accueil-test-pg");
      EmbeddedPostgresServer embedded =
          EmbeddedPostgresServer.start(
              dir.resolve("postgres"),
              Path.of(System.getProperty("java.io.tmpdir"), "accueil-postgres"),
              0);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    embedded.close();
                    deleteQuietly(dir);
                  },
                  "test-postgres-stop"));
      server =
          new Server(embedded.jdbcUrl("postgres"), embedded.username(), "", embedded.jdbcUrl(""));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var walk = Files.walk(dir)) {
      walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; the OS cleans it eventually
    }
  }
}
