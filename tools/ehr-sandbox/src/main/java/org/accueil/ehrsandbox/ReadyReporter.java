package org.accueil.ehrsandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Tells whoever started the sandbox which port it listens on, once the FHIR servlet answers: one
 * line on standard output, {@code EHR-SANDBOX-READY port=<port> base=<url> startup-ms=<ms>}, and
 * the port alone in {@code --ehr.port-file} when given (written whole, then moved into place).
 */
@Component
class ReadyReporter implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger(ReadyReporter.class);

  private final EhrSandboxProperties properties;

  ReadyReporter(EhrSandboxProperties properties) {
    this.properties = properties;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    int port =
        ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
    String address = event.getApplicationContext().getEnvironment().getProperty("server.address");
    String host = address == null || address.isBlank() ? "127.0.0.1" : address;
    long startupMillis =
        System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    String line =
        "EHR-SANDBOX-READY port=%d base=http://%s:%d/fhir startup-ms=%d"
            .formatted(port, host, port, startupMillis);
    log.info(line);
    System.out.println(line);
    System.out.flush();
    if (properties.portFile() != null) {
      writePortFile(properties.portFile(), port);
    }
  }

  private static void writePortFile(Path file, int port) {
    try {
      Path absolute = file.toAbsolutePath();
      Files.createDirectories(absolute.getParent());
      Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
      Files.writeString(partial, Integer.toString(port));
      Files.move(partial, absolute, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the port file " + file, e);
    }
  }
}
