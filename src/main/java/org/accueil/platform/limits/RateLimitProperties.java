package org.accueil.platform.limits;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code accueil.rate-limit.*}: token buckets per client, kept in each node's memory. The four
 * limits have their defaults, and the reasons for them, in {@code application.yml} and in
 * docs/security/hardening.md.
 *
 * @param enabled whether requests are limited at all
 * @param maxClients how many clients (addresses, keys, users) each limit remembers; beyond it the
 *     least recently seen are forgotten, so memory stays bounded under a flood of addresses
 * @param idleExpiry how long a client's bucket is kept after its last request; never shorter than
 *     the time its bucket takes to fill up again, so forgetting a client never hands it a fresh
 *     burst
 * @param publicReads calls without credentials, per client address
 * @param login login attempts (password form, second factor, OpenID Connect return), per address
 * @param failedApiKeys calls refused for an unknown or revoked API key, per address
 * @param authenticated calls by one API key or signed-in user, whatever its address
 */
@ConfigurationProperties("accueil.rate-limit")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("100000") int maxClients,
    @DefaultValue("15m") Duration idleExpiry,
    Limit publicReads,
    Limit login,
    Limit failedApiKeys,
    Limit authenticated) {

  public RateLimitProperties {
    if (publicReads == null || login == null || failedApiKeys == null || authenticated == null) {
      throw new IllegalArgumentException(
          "accueil.rate-limit needs public-reads, login, failed-api-keys and authenticated limits"
              + " (application.yml has the defaults)");
    }
    if (maxClients < 1) {
      throw new IllegalArgumentException("accueil.rate-limit.max-clients must be at least 1");
    }
  }

  /**
   * A token bucket: {@code burst} calls at once, then {@code requests} per {@code per}.
   *
   * @param requests calls allowed per {@code per} once the burst is spent
   * @param per the period {@code requests} refill over
   * @param burst the most calls a client may make at once (the bucket's capacity)
   */
  public record Limit(int requests, Duration per, int burst) {
    public Limit {
      if (requests < 1 || burst < 1 || per.isNegative() || per.isZero()) {
        throw new IllegalArgumentException(
            "a rate limit needs requests and burst of at least 1 and a positive period");
      }
    }

    /** How long an empty bucket takes to be full again. */
    Duration refillTime() {
      return per.multipliedBy(burst).dividedBy(requests);
    }
  }
}
