package org.accueil.integration;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The test EHR: a real HAPI FHIR JPA server (R4, H2, REST-hook subscriptions) built from
 * tools/ehr-sandbox and run as a JVM of its own, since HAPI's JPA server needs Spring Boot 3 and
 * Accueil runs on Spring Boot 4.
 *
 * <p>One sandbox serves every test class of a test JVM ({@link #shared()}): it is built the first
 * time (when its jar is missing or older than its sources), started on a free port, and stopped by
 * a shutdown hook. Its database is an H2 file in a temporary directory, so {@link #stop()} then
 * {@link #start()} is an EHR that was down and came back with its data, on the same base URL;
 * {@link #kill()} is one that crashed. Its output goes to target/ehr-sandbox.log.
 *
 * <p>Tests share its data: create resources with identifiers of their own (see {@code Tags}).
 */
public final class EhrSandbox {

  /** A cold start takes 15–25 s on a 2-core machine, far more when the machine is busy. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);

  private static final List<String> JVM_OPTIONS =
      List.of(
          // A short-lived test server: C1 alone and the serial GC cut HAPI's start-up CPU by
          // about 30 % (27 s instead of 39), and one GC thread leaves the cores to the tests.
          "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx768m", "-XX:+ExitOnOutOfMemoryError");

  private static @Nullable EhrSandbox shared;

  private final Path root;
  private final Path project;
  private final Path dataDir;
  private final Path log;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private @Nullable Process process;
  private int port;
  private @Nullable FhirContext fhir;

  private EhrSandbox(Path root) {
    this.root = root;
    this.project = root.resolve("tools/ehr-sandbox");
    this.log = root.resolve("target/ehr-sandbox.log");
    try {
      this.dataDir = Files.createTempDirectory("accueil-ehr-sandbox-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The test JVM's sandbox, running: built and started on first use, started again if a test
   * stopped it and did not bring it back.
   */
  public static synchronized EhrSandbox shared() {
    if (shared == null) {
      EhrSandbox sandbox = new EhrSandbox(repositoryRoot());
      Runtime.getRuntime().addShutdownHook(new Thread(sandbox::discard, "ehr-sandbox-shutdown"));
      shared = sandbox;
    }
    shared.start();
    return shared;
  }

  /** {@code http://127.0.0.1:<port>/fhir}; the same after a restart. */
  public String baseUrl() {
    if (port == 0) {
      throw new IllegalStateException("The EHR sandbox has not started yet");
    }
    return "http://127.0.0.1:" + port + "/fhir";
  }

  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Starts the sandbox (building it first if needed) and returns once {@code /fhir/metadata}
   * answers. After a {@link #stop()} or {@link #kill()} it comes back on the same port with the
   * same data.
   */
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    Path jar = buildIfNeeded();
    Path portFile = dataDir.resolve("port");
    try {
      Files.deleteIfExists(portFile);
      Files.createDirectories(log.getParent());
      Files.writeString(
          log,
          "%n==== %s starting the EHR sandbox%n".formatted(Instant.now()),
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(JVM_OPTIONS);
    command.addAll(
        List.of(
            "-jar",
            jar.toString(),
            "--server.port=" + port, // 0 the first time: any free port
            "--ehr.data-dir=" + dataDir,
            "--ehr.port-file=" + portFile,
            // Ends with this JVM even when no shutdown hook runs (kill -9, a build timeout).
            "--ehr.parent-pid=" + ProcessHandle.current().pid()));
    Instant started = Instant.now();
    try {
      process =
          new ProcessBuilder(command)
              .directory(project.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the EHR sandbox: " + command, e);
    }
    port = awaitPort(portFile, started);
    awaitMetadata(started);
  }

  /** Stops the sandbox as an orderly shutdown would; its data stays for the next start. */
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
  }

  /**
   * Kills the sandbox's JVM at once, as a crash would. Every write it acknowledged is kept (its H2
   * database flushes each commit).
   */
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
  }

  /** A HAPI FHIR client for the sandbox (no CapabilityStatement check, 60 s read timeout). */
  public synchronized IGenericClient client() {
    if (fhir == null) {
      // A context of its own: the timeouts below are set on a context's client factory, and
      // FhirContext.forR4Cached() is shared with the rest of the test JVM.
      fhir = FhirContext.forR4();
      IRestfulClientFactory factory = fhir.getRestfulClientFactory();
      factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
      factory.setConnectTimeout(5_000);
      factory.setSocketTimeout(60_000);
    }
    return fhir.newRestfulGenericClient(baseUrl());
  }

  private void discard() {
    kill();
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // A temporary directory; the operating system cleans it up eventually.
    }
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
      checkAlive(started);
      pause();
    }
  }

  private void awaitMetadata(Instant started) {
    HttpRequest metadata =
        HttpRequest.newBuilder(URI.create(baseUrl() + "/metadata"))
            .header("Accept", "application/fhir+json")
            .timeout(Duration.ofSeconds(60))
            .build();
    while (true) {
      try {
        if (http.send(metadata, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      checkAlive(started);
      pause();
    }
  }

  private void checkAlive(Instant started) {
    Process running = process;
    if (running == null || !running.isAlive()) {
      throw new IllegalStateException(
          "The EHR sandbox stopped while starting; its log ends with:\n" + tail(log, 40));
    }
    if (Duration.between(started, Instant.now()).compareTo(START_TIMEOUT) > 0) {
      kill();
      throw new IllegalStateException(
          "The EHR sandbox did not answer within "
              + START_TIMEOUT
              + "; its log ends with:\n"
              + tail(log, 40));
    }
  }

  /**
   * Builds tools/ehr-sandbox with Accueil's Maven wrapper when its jar is missing or older than its
   * sources, then unpacks it (a plain class path starts faster than a nested jar). A lock file
   * keeps two test JVMs from building at once.
   */
  private Path buildIfNeeded() {
    Path target = project.resolve("target");
    Path fatJar = target.resolve("ehr-sandbox.jar");
    Path unpacked = target.resolve("unpacked");
    Path jar = unpacked.resolve("ehr-sandbox.jar");
    try {
      Files.createDirectories(target);
      try (FileChannel channel =
              FileChannel.open(
                  target.resolve(".build.lock"),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        if (!Files.exists(fatJar) || modified(fatJar).compareTo(newestSource()) < 0) {
          run(
              List.of(
                  root.resolve(isWindows() ? "mvnw.cmd" : "mvnw").toString(),
                  "--batch-mode",
                  "--no-transfer-progress",
                  "--quiet",
                  "-f",
                  project.resolve("pom.xml").toString(),
                  "package",
                  "-DskipTests"),
              root.resolve("target/ehr-sandbox-build.log"));
        }
        if (!Files.exists(jar) || modified(jar).compareTo(modified(fatJar)) < 0) {
          run(
              List.of(
                  javaExecutable(),
                  "-Djarmode=tools",
                  "-jar",
                  fatJar.toString(),
                  "extract",
                  "--force",
                  "--destination",
                  unpacked.toString()),
              root.resolve("target/ehr-sandbox-build.log"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }

  private FileTime newestSource() throws IOException {
    try (Stream<Path> files =
        Stream.concat(Stream.of(project.resolve("pom.xml")), Files.walk(project.resolve("src")))) {
      return files
          .filter(Files::isRegularFile)
          .map(EhrSandbox::modified)
          .max(Comparator.naturalOrder())
          .orElseThrow();
    }
  }

  private void run(List<String> command, Path output) {
    try {
      Files.createDirectories(output.getParent());
      Process build =
          new ProcessBuilder(command)
              .directory(root.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
              .start();
      if (!build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        build.destroyForcibly();
        throw new IllegalStateException("Timed out: " + command + "\n" + tail(output, 40));
      }
      if (build.exitValue() != 0) {
        throw new IllegalStateException(
            "Failed (exit " + build.exitValue() + "): " + command + "\n" + tail(output, 60));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static FileTime modified(Path path) {
    try {
      return Files.getLastModifiedTime(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The test JVM's own Java (17 or newer is all the sandbox needs). */
  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java")
        .toString();
  }

  private static boolean isWindows() {
    return System.getProperty("os.name").toLowerCase().contains("win");
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
      if (Files.exists(candidate.resolve("tools/ehr-sandbox/pom.xml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("tools/ehr-sandbox/pom.xml not found above " + dir);
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e.getMessage() + ")";
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
