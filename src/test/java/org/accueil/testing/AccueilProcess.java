package org.accueil.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Accueil in a JVM of its own, started by the test as an operator starts it, so that the test can
 * kill it as a crash does: {@link #kill()} sends SIGKILL ({@code Process.destroyForcibly()} on
 * Linux and macOS), which runs no shutdown hook, lets no delivery finish and commits nothing more.
 * {@link #start()} again brings a new process up on the same database and data directory, as a
 * restarted node.
 *
 * <p>The process runs {@link AccueilProcessMain} with the test JVM's own {@code java} and class
 * path, on PostgreSQL of the test JVM ({@link TestDatabase}: a database of its own by default),
 * with the test admin key ({@link Api#ADMIN_KEY}) and a free HTTP port. Settings are command-line
 * arguments ({@code --accueil.integration.outbox.lease=2s}), which win over application.yml. Its
 * output goes to target/accueil-process/&lt;name&gt;.log, every start appended. It ends with the
 * test JVM however that ends (a shutdown hook, and a watch on the parent process inside it).
 *
 * <p>A start takes 15-40 s on a busy 2-core machine: keep them few.
 */
public final class AccueilProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private static final List<String> JVM_OPTIONS =
      List.of(
          // A short-lived node: C1 alone and the serial GC start it with about a third less CPU,
          // and leave the cores to the test JVM.
          "-XX:TieredStopAtLevel=1",
          "-XX:+UseSerialGC",
          "-Xmx768m",
          "-XX:+ExitOnOutOfMemoryError",
          "-Xshare:auto");

  private static final AtomicInteger processes = new AtomicInteger();
  private static final Set<AccueilProcess> alive = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(() -> alive.forEach(AccueilProcess::kill), "accueil-process-kill"));
  }

  private final String name;
  private final String databaseUrl;
  private final List<String> settings;
  private final Path workDirectory;
  private final Path log;
  private @Nullable Process process;
  private int port;
  private Duration lastStart = Duration.ZERO;

  private AccueilProcess(String databaseUrl, List<String> settings) {
    this.name = "accueil-" + ProcessHandle.current().pid() + "-" + processes.incrementAndGet();
    this.databaseUrl = databaseUrl;
    this.settings = List.copyOf(settings);
    try {
      this.workDirectory = Files.createTempDirectory(name);
      this.log = Path.of("target", "accueil-process", name + ".log").toAbsolutePath();
      Files.createDirectories(log.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A node (not started yet) on a new, empty database; Flyway creates the schema at start. */
  public static AccueilProcess onNewDatabase(String... settings) {
    return new AccueilProcess(TestDatabase.createDatabase(), List.of(settings));
  }

  /** A node (not started yet) on {@code databaseUrl}, a database of the test JVM's server. */
  public static AccueilProcess onDatabase(String databaseUrl, String... settings) {
    return new AccueilProcess(databaseUrl, List.of(settings));
  }

  /**
   * Starts the process and returns once the application is ready (its port written, after Spring
   * Boot's run returned): the web server, the outbox's workers and every listener are up.
   */
  public synchronized AccueilProcess start() {
    if (isRunning()) {
      return this;
    }
    Path portFile = workDirectory.resolve("port");
    Path arguments = workDirectory.resolve("java.args");
    List<String> command = new ArrayList<>(JVM_OPTIONS);
    command.add("-Daccueil.test.parent-pid=" + ProcessHandle.current().pid());
    command.add("-Daccueil.test.port-file=" + portFile);
    command.add("-cp");
    command.add(classPath());
    command.add(AccueilProcessMain.class.getName());
    command.add("--server.port=0");
    command.add("--accueil.db.url=" + databaseUrl);
    command.add("--accueil.db.username=" + TestDatabase.username());
    command.add("--accueil.db.password=" + TestDatabase.password());
    command.add("--accueil.db.max-pool-size=6");
    command.add("--accueil.data-dir=" + TestDatabase.dataDirectory());
    command.add("--accueil.bootstrap.admin-api-key=" + Api.ADMIN_KEY);
    command.add("--accueil.demo.enabled=false");
    command.add("--accueil.rate-limit.enabled=false");
    command.add("--accueil.assistant.answers=false");
    command.add("--spring.jmx.enabled=false");
    command.addAll(settings);
    Instant started = Instant.now();
    try {
      Files.deleteIfExists(portFile);
      // An argument file: the class path alone may be longer than one argument may be (128 KB).
      Files.write(arguments, command.stream().map(AccueilProcess::quoted).toList());
      Files.writeString(
          log,
          "%n==== %s starting %s%n".formatted(started, name),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      process =
          new ProcessBuilder(javaExecutable(), "@" + arguments)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name, e);
    }
    alive.add(this);
    port = awaitPort(portFile, started);
    lastStart = Duration.between(started, Instant.now());
    return this;
  }

  /** SIGKILL, as a crash or the OOM killer: nothing runs after it, not even shutdown hooks. */
  public synchronized void kill() {
    Process running = process;
    if (running == null) {
      return;
    }
    running.destroyForcibly();
    try {
      running.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
    alive.remove(this);
  }

  /** SIGTERM: the graceful shutdown an orchestrator asks for (killed after 60 s). */
  public synchronized void stop() {
    Process running = process;
    if (running == null) {
      return;
    }
    running.destroy();
    try {
      if (!running.waitFor(60, TimeUnit.SECONDS)) {
        running.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running.destroyForcibly();
    }
    process = null;
    alive.remove(this);
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** The process id of the running node. */
  public synchronized long pid() {
    if (process == null) {
      throw new IllegalStateException(name + " is not running");
    }
    return process.pid();
  }

  /** {@code http://127.0.0.1:<port>}: a new port at every start. */
  public synchronized String baseUrl() {
    if (!isRunning()) {
      throw new IllegalStateException(name + " is not running");
    }
    return "http://127.0.0.1:" + port;
  }

  /** A client with the admin key for the node as it runs now. */
  public Api api() {
    return Api.at(baseUrl());
  }

  public String databaseUrl() {
    return databaseUrl;
  }

  /** The node's database, for a test to read what it wrote; it works while the node is down. */
  public JdbcClient database() {
    return JdbcClient.create(
        new SimpleDriverDataSource(
            new org.postgresql.Driver(),
            databaseUrl,
            TestDatabase.username(),
            TestDatabase.password()));
  }

  /** How long the last {@link #start()} took, until the application was ready. */
  public Duration lastStart() {
    return lastStart;
  }

  public Path log() {
    return log;
  }

  /** Kills the node if it runs, and forgets its working files (its log stays). */
  @Override
  public void close() {
    kill();
    try (Stream<Path> files = Files.walk(workDirectory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A temporary directory; the operating system cleans it up eventually.
    }
  }

  @Override
  public String toString() {
    return name;
  }

  private int awaitPort(Path portFile, Instant started) {
    while (true) {
      try {
        if (Files.exists(portFile)) {
          return Integer.parseInt(Files.readString(portFile).trim());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Process running = process;
      if (running == null || !running.isAlive()) {
        alive.remove(this);
        throw new IllegalStateException(
            name + " stopped while starting; its log ends with:\n" + tail(40));
      }
      if (Duration.between(started, Instant.now()).compareTo(START_TIMEOUT) > 0) {
        kill();
        throw new IllegalStateException(
            name + " was not ready within " + START_TIMEOUT + "; its log ends with:\n" + tail(40));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * The test class path. Surefire starts test JVMs with a manifest-only jar as class path and names
   * the real one in {@code surefire.test.class.path}; elsewhere (an IDE) it is the JVM's.
   */
  private static String classPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  private static String javaExecutable() {
    boolean windows = System.getProperty("os.name").toLowerCase().contains("win");
    return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java")
        .toString();
  }

  /** One argument of a {@code java @file}: quoted, with backslashes and quotes escaped. */
  private static String quoted(String argument) {
    return "\"" + argument.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private String tail(int lines) {
    try {
      List<String> all =
          new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(" + log + " unreadable: " + e.getMessage() + ")";
    }
  }
}
