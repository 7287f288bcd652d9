package org.accueil.platform.db;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL server run by Accueil itself, from the binaries zonky publishes on Maven Central,
 * with its files in a directory that survives restarts.
 *
 * <p>We use zonky's binaries but not its {@code EmbeddedPostgres} runner: that one stops the server
 * from its own JVM shutdown hook, which runs concurrently with Spring's graceful shutdown and cuts
 * the connections of requests still being answered. Here the server stops only when {@link
 * #close()} is called, after the connection pool is closed, and a server orphaned by a killed JVM
 * is stopped at the next start instead of blocking it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
  private static final String SUPERUSER = "postgres";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Path binaries;
  private final Path dataDirectory;
  private final int port;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private boolean running;

  private EmbeddedPostgresServer(
      Path binaries, Path dataDirectory, int port, FileChannel lockChannel, FileLock lock) {
    this.binaries = binaries;
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Starts the server on {@code dataDirectory}, creating the cluster on first use.
   *
   * @param port 0 picks a free port
   * @throws IllegalStateException when another Accueil process already runs on this directory
   */
  public static EmbeddedPostgresServer start(Path dataDirectory, Path binariesCache, int port) {
    try {
      Files.createDirectories(dataDirectory);
      FileChannel channel =
          FileChannel.open(
              dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw new IllegalStateException(
            "The database directory "
                + dataDirectory.toAbsolutePath()
                + " is in use by another Accueil process. Stop it, or give this one its own"
                + " accueil.data-dir.");
      }
      Path binaries = unpackBinaries(binariesCache);
      int chosenPort = port == 0 ? freePort() : port;
      EmbeddedPostgresServer server =
          new EmbeddedPostgresServer(binaries, dataDirectory, chosenPort, channel, lock);
      server.startCluster();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
    }
  }

  /** JDBC URL of {@code database} on this server, for the superuser. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public String username() {
    return SUPERUSER;
  }

  public int port() {
    return port;
  }

  /** Creates {@code database} unless it exists. */
  public void createDatabaseIfMissing(String database) {
    if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw new IllegalArgumentException("Unsupported database name: " + database);
    }
    try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
        var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, database);
      try (var rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (var create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + database);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + database, e);
    }
  }

  private void startCluster() throws IOException {
    if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
      initdb();
    }
    stopOrphanedServer();
    writeAccueilSettings();
    Files.createDirectories(dataDirectory.resolve("log"));
    run(
        START_TIMEOUT,
        pgBin("pg_ctl"),
        "start",
        "-D",
        dataDirectory.toString(),
        "-w",
        "-t",
        Long.toString(START_TIMEOUT.toSeconds()),
        "-l",
        dataDirectory.resolve("log").resolve("postgresql.log").toString());
    running = true;
    log.info(
        "Embedded PostgreSQL started on 127.0.0.1:{} with its data in {}",
        port,
        dataDirectory.toAbsolutePath());
  }

  private void initdb() throws IOException {
    // An empty or half-initialised directory (a crash during the first initdb) is rebuilt.
    try (var entries = Files.list(dataDirectory)) {
      if (entries.findAny().isPresent()) {
        throw new IllegalStateException(
            dataDirectory.toAbsolutePath()
                + " is not empty but holds no PostgreSQL cluster; move it away and start again.");
      }
    }
    long started = System.nanoTime();
    run(
        START_TIMEOUT,
        pgBin("initdb"),
        "-A",
        "trust",
        "-U",
        SUPERUSER,
        "-D",
        dataDirectory.toString(),
        "-E",
        "UTF-8",
        // Deterministic, platform-independent text ordering, whatever the host's locale.
        "--locale-provider=builtin",
        "--builtin-locale=C.UTF-8",
        "--locale=C.UTF-8");
    Files.writeString(
        dataDirectory.resolve("postgresql.conf"),
        "\ninclude_if_exists = 'accueil.conf'\n",
        StandardOpenOption.APPEND);
    log.info(
        "Created the embedded PostgreSQL cluster in {} ({} ms)",
        dataDirectory.toAbsolutePath(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /**
   * Settings rewritten at each start: only the embedded server reads them. Durability stays at
   * PostgreSQL's defaults (fsync, synchronous commit): what Accueil acknowledged is on disk.
   */
  private void writeAccueilSettings() throws IOException {
    String unixSockets = isWindows() ? "" : "unix_socket_directories = ''\n";
    Files.writeString(
        dataDirectory.resolve("accueil.conf"),
        "# Written by Accueil at every start of the embedded server; edits are overwritten.\n"
            + "port = "
            + port
            + "\nlisten_addresses = '127.0.0.1'\n"
            + unixSockets
            + "max_connections = 200\n"
            + "timezone = 'UTC'\n"
            + "log_timezone = 'UTC'\n"
            + "logging_collector = off\n");
  }

  /**
   * A JVM killed without shutting down leaves its server running on this directory; we hold the
   * directory lock, so that server belongs to no live Accueil process and can be stopped.
   */
  private void stopOrphanedServer() {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    try {
      String firstLine = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).getFirst().trim();
      long pid = Long.parseLong(firstLine);
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        log.warn("Stopping an embedded PostgreSQL (pid {}) left behind by a previous run", pid);
        run(
            START_TIMEOUT,
            pgBin("pg_ctl"),
            "stop",
            "-D",
            dataDirectory.toString(),
            "-m",
            "fast",
            "-w");
      }
      // A dead pid: PostgreSQL removes its own stale lock file on start.
    } catch (IOException | RuntimeException e) {
      log.warn("Could not inspect {}: {}", pidFile, e.toString());
    }
  }

  /** Stops the server; waits for it so the data directory is consistent on return. */
  @Override
  public synchronized void close() {
    try {
      if (running) {
        run(
            START_TIMEOUT,
            pgBin("pg_ctl"),
            "stop",
            "-D",
            dataDirectory.toString(),
            "-m",
            "fast",
            "-w");
        running = false;
        log.info("Embedded PostgreSQL stopped");
      }
    } catch (RuntimeException e) {
      log.error("Could not stop the embedded PostgreSQL in {}", dataDirectory, e);
    } finally {
      try {
        lock.release();
        lockChannel.close();
      } catch (IOException e) {
        log.warn("Could not release the lock on {}", dataDirectory, e);
      }
    }
  }

  private String pgBin(String name) {
    return binaries.resolve("bin").resolve(isWindows() ? name + ".exe" : name).toString();
  }

  private void run(Duration timeout, String... command) {
    List<String> args = new ArrayList<>(ROOT_WORKAROUND);
    args.addAll(List.of(command));
    try {
      Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
      // pg_ctl's own output is short; drain it so the child never blocks on a full pipe.
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(args.getFirst() + " did not finish within " + timeout);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", args)
                + " failed ("
                + process.exitValue()
                + "): "
                + new String(output, StandardCharsets.UTF_8).trim());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while running " + args.getFirst(), e);
    }
  }

  /**
   * Unpacks the binaries of this platform from the classpath into {@code cache/<digest>}, once per
   * version. Several JVMs may start at once (tests, two nodes on one machine): they serialise on a
   * file lock and the later ones find the {@code .complete} marker.
   */
  static Path unpackBinaries(Path cache) throws IOException {
    byte[] archive;
    try (InputStream in =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(operatingSystem(), architecture())) {
      archive = in.readAllBytes();
    }
    Path target = cache.resolve("pg-" + sha256(archive).substring(0, 16));
    Path complete = target.resolve(".complete");
    if (Files.exists(complete)) {
      return target;
    }
    Files.createDirectories(cache);
    try (FileChannel channel =
            FileChannel.open(
                cache.resolve(target.getFileName() + ".lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      if (Files.exists(complete)) {
        return target;
      }
      deleteRecursively(target);
      Files.createDirectories(target);
      extractTarXz(archive, target);
      Files.createFile(complete);
    }
    return target;
  }

  private static void extractTarXz(byte[] archive, Path target) throws IOException {
    try (var tar =
        new TarArchiveInputStream(
            new XZInputStream(new BufferedInputStream(new ByteArrayInputStream(archive))))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("Refusing archive entry outside the target: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isLink()) {
          Files.createDirectories(path.getParent());
          Files.createLink(path, target.resolve(entry.getLinkName()).normalize());
        } else {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          if ((entry.getMode() & 0100) != 0 || entry.getName().contains("bin/")) {
            path.toFile().setExecutable(true, false);
          }
        }
      }
    }
  }

  private static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (var walk = Files.walk(path)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * PostgreSQL refuses to run as root. In containers and CI we often are root; as zonky does, we
   * then run it in a fresh user namespace ({@code unshare -U}), where it is an unprivileged user
   * that still owns the data directory.
   */
  private static final List<String> ROOT_WORKAROUND = rootWorkaround();

  private static List<String> rootWorkaround() {
    if (!"Linux".equals(operatingSystem()) || !"root".equals(System.getProperty("user.name"))) {
      return List.of();
    }
    try {
      Process probe =
          new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true).start();
      String uid =
          new String(probe.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0 && !"0".equals(uid)) {
        return List.of("unshare", "-U");
      }
    } catch (IOException e) {
      log.debug("unshare is not available", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.warn(
        "Running as root and 'unshare -U' is unavailable: the embedded PostgreSQL will refuse"
            + " to start. Run Accueil as another user, or point accueil.db.url at a server.");
    return List.of();
  }

  private static String operatingSystem() {
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.contains("win")) {
      return "Windows";
    }
    if (os.contains("mac")) {
      return "Darwin";
    }
    return "Linux";
  }

  private static String architecture() {
    String arch = System.getProperty("os.arch");
    return "amd64".equals(arch) ? "x86_64" : arch;
  }

  private static boolean isWindows() {
    return "Windows".equals(operatingSystem());
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
