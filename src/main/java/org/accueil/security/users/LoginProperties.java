package org.accueil.security.users;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.security.login.*}: how sign-in to the web UI resists guessing.
 *
 * @param maxFailedAttempts wrong passwords or codes in a row that lock the account
 * @param lockDuration how long a locked account refuses every sign-in, the right password included
 * @param secondFactorTimeout how long the TOTP step waits after the password was accepted
 * @param totpIssuer the name authenticator apps show next to the account
 */
@ConfigurationProperties("accueil.security.login")
public record LoginProperties(
    @DefaultValue("5") int maxFailedAttempts,
    @DefaultValue("15m") Duration lockDuration,
    @DefaultValue("5m") Duration secondFactorTimeout,
    @DefaultValue("Accueil") String totpIssuer) {

  public LoginProperties {
    if (maxFailedAttempts < 1) {
      throw new IllegalArgumentException(
          "accueil.security.login.max-failed-attempts must be at least 1");
    }
    if (lockDuration.isNegative() || secondFactorTimeout.isNegative()) {
      throw new IllegalArgumentException("accueil.security.login durations must be positive");
    }
  }
}
