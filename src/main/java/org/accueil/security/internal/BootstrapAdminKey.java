package org.accueil.security.internal;

import java.time.Clock;
import org.accueil.security.BootstrapProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Creates the key of {@code accueil.bootstrap.admin-api-key} while the application starts, before
 * the web server accepts calls.
 */
@Component
class BootstrapAdminKey implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(BootstrapAdminKey.class);
  private static final int MINIMUM_LENGTH = 12;

  private final BootstrapProperties properties;
  private final ApiKeyRepository keys;
  private final Clock clock;

  BootstrapAdminKey(BootstrapProperties properties, ApiKeyRepository keys, Clock clock) {
    this.properties = properties;
    this.keys = keys;
    this.clock = clock;
  }

  @Override
  public void afterPropertiesSet() {
    String key = properties.adminApiKey();
    if (key == null || key.isBlank()) {
      return;
    }
    if (key.length() < MINIMUM_LENGTH || !key.matches("[\\x21-\\x7e]+")) {
      throw new IllegalStateException(
          "accueil.bootstrap.admin-api-key must be at least "
              + MINIMUM_LENGTH
              + " printable characters without spaces.");
    }
    if (keys.ensureBootstrapKey(key, clock.instant())) {
      log.info("Created the bootstrap administrator API key from accueil.bootstrap.admin-api-key");
    }
  }
}
