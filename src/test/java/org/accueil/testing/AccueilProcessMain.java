package org.accueil.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.accueil.AccueilApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/**
 * The main class of {@link AccueilProcess}: Accueil as {@code java -jar} runs it, plus two things a
 * test needs from a JVM it started. It writes the HTTP port it took (port 0) to the file named by
 * {@code -Daccueil.test.port-file} once the application is ready, and halts at once when the test
 * JVM ({@code -Daccueil.test.parent-pid}) is gone, so that no Accueil outlives a test run that
 * died.
 */
public final class AccueilProcessMain {

  private AccueilProcessMain() {}

  public static void main(String[] args) throws IOException {
    String parent = System.getProperty("accueil.test.parent-pid");
    if (parent != null) {
      ProcessHandle.of(Long.parseLong(parent))
          .ifPresentOrElse(
              p -> p.onExit().thenRun(() -> Runtime.getRuntime().halt(3)),
              () -> Runtime.getRuntime().halt(3));
    }
    var context = SpringApplication.run(AccueilApplication.class, args);
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    Path file = Path.of(System.getProperty("accueil.test.port-file"));
    Path written = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(written, Integer.toString(port));
    Files.move(written, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
