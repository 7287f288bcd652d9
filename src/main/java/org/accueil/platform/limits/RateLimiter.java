package org.accueil.platform.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.EstimationProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.accueil.platform.limits.RateLimitProperties.Limit;

/**
 * One token bucket per client and policy, in this node's memory. Each policy's buckets sit in a
 * Caffeine cache bounded by {@code max-clients} that forgets a client once its bucket would be full
 * again anyway, so a flood of addresses costs bounded memory and forgetting never forgives debt.
 */
final class RateLimiter {

  /** What is limited; {@code id} names the policy in the RateLimit header fields. */
  enum Policy {
    PUBLIC("public"),
    LOGIN("login"),
    FAILED_API_KEYS("failed-api-keys"),
    AUTHENTICATED("authenticated");

    final String id;

    Policy(String id) {
      this.id = id;
    }
  }

  /**
   * The state of a client's bucket after a request was counted (or checked).
   *
   * @param retryAfterSeconds when refused: the wait until one request is allowed again
   * @param resetSeconds the wait until the bucket is full again
   */
  record Outcome(
      Policy policy,
      Limit limit,
      boolean allowed,
      long remaining,
      long retryAfterSeconds,
      long resetSeconds) {

    /** {@code RateLimit-Policy} (draft-ietf-httpapi-ratelimit-headers): quota and window. */
    String policyHeader() {
      return "\"" + policy.id + "\";q=" + limit.burst() + ";w=" + seconds(limit.refillTime());
    }

    /** {@code RateLimit}: what is left of the quota and when it is whole again. */
    String stateHeader() {
      return "\"" + policy.id + "\";r=" + remaining + ";t=" + resetSeconds;
    }
  }

  private final Map<Policy, Limit> limits = new EnumMap<>(Policy.class);
  private final Map<Policy, Cache<String, Bucket>> buckets = new EnumMap<>(Policy.class);
  private final TimeMeter time;

  RateLimiter(RateLimitProperties properties, TimeMeter time) {
    this.time = time;
    limits.put(Policy.PUBLIC, properties.publicReads());
    limits.put(Policy.LOGIN, properties.login());
    limits.put(Policy.FAILED_API_KEYS, properties.failedApiKeys());
    limits.put(Policy.AUTHENTICATED, properties.authenticated());
    limits.forEach(
        (policy, limit) -> {
          Duration idle =
              limit.refillTime().compareTo(properties.idleExpiry()) > 0
                  ? limit.refillTime()
                  : properties.idleExpiry();
          buckets.put(
              policy,
              Caffeine.newBuilder()
                  .maximumSize(properties.maxClients())
                  .expireAfterAccess(idle)
                  .ticker(time::currentTimeNanos)
                  .build());
        });
  }

  /** Counts one request of {@code client}; refused when its bucket is empty. */
  Outcome take(Policy policy, String client) {
    Limit limit = limits.get(policy);
    ConsumptionProbe probe = bucket(policy, client).tryConsumeAndReturnRemaining(1);
    return new Outcome(
        policy,
        limit,
        probe.isConsumed(),
        probe.getRemainingTokens(),
        probe.isConsumed() ? 0 : atLeastOneSecond(probe.getNanosToWaitForRefill()),
        seconds(probe.getNanosToWaitForReset()));
  }

  /** Whether {@code client} could make a request, without counting one. */
  Outcome check(Policy policy, String client) {
    Limit limit = limits.get(policy);
    Bucket bucket = buckets.get(policy).getIfPresent(client);
    if (bucket == null) {
      return new Outcome(policy, limit, true, limit.burst(), 0, 0);
    }
    EstimationProbe probe = bucket.estimateAbilityToConsume(1);
    long remaining = Math.max(0, bucket.getAvailableTokens());
    long reset =
        seconds(limit.refillTime().toNanos() / limit.burst() * (limit.burst() - remaining));
    return new Outcome(
        policy,
        limit,
        probe.canBeConsumed(),
        remaining,
        probe.canBeConsumed() ? 0 : atLeastOneSecond(probe.getNanosToWaitForRefill()),
        reset);
  }

  /** Counts a request that already happened, such as one refused for a wrong API key. */
  void record(Policy policy, String client) {
    bucket(policy, client).tryConsume(1);
  }

  private Bucket bucket(Policy policy, String client) {
    Limit limit = limits.get(policy);
    return buckets
        .get(policy)
        .get(
            client,
            key ->
                Bucket.builder()
                    .addLimit(
                        l -> l.capacity(limit.burst()).refillGreedy(limit.requests(), limit.per()))
                    .withCustomTimePrecision(time)
                    .build());
  }

  /** How many clients each policy remembers now; for tests of the bound. */
  long clients(Policy policy) {
    Cache<String, Bucket> cache = buckets.get(policy);
    cache.cleanUp();
    return cache.estimatedSize();
  }

  private static long atLeastOneSecond(long nanos) {
    return Math.max(1, seconds(nanos));
  }

  private static long seconds(long nanos) {
    return TimeUnit.NANOSECONDS.toSeconds(nanos + 999_999_999L);
  }

  private static long seconds(Duration duration) {
    return seconds(duration.toNanos());
  }
}
