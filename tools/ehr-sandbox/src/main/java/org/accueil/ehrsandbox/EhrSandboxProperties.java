package org.accueil.ehrsandbox;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sandbox's own settings ({@code ehr.*}, e.g. {@code --ehr.data-dir=/tmp/ehr}).
 *
 * @param dataDir where the H2 database lives; unset: in memory, lost when the JVM stops
 * @param portFile a file the chosen HTTP port is written to once the server answers
 * @param subscriptionPollInterval how often HAPI hands stored resource changes to the subscription
 *     matcher (HAPI's default is 5 s; a short one makes a change reach a REST hook in well under a
 *     second)
 * @param parentPid a process whose end ends the sandbox too (the test JVM that started it, so a
 *     test run killed outright leaves no sandbox behind)
 */
@ConfigurationProperties("ehr")
public record EhrSandboxProperties(
    Path dataDir, Path portFile, Duration subscriptionPollInterval, Long parentPid) {

  public EhrSandboxProperties {
    if (subscriptionPollInterval == null) {
      subscriptionPollInterval = Duration.ofMillis(200);
    }
  }
}
