package org.accueil.platform.limits;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.accueil.platform.limits.RateLimitProperties.Limit;
import org.accueil.platform.limits.RateLimiter.Outcome;
import org.accueil.platform.limits.RateLimiter.Policy;
import org.junit.jupiter.api.Test;

/** The buckets themselves, on a clock the test turns. */
class RateLimiterTests {

  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final TimeMeter time =
      new TimeMeter() {
        @Override
        public long currentTimeNanos() {
          return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
          return false;
        }
      };

  /** public: 3 at once, then 1 every 10 s (6 a minute). */
  RateLimiter limiter(int maxClients) {
    return new RateLimiter(
        new RateLimitProperties(
            true,
            maxClients,
            Duration.ofMinutes(15),
            new Limit(6, Duration.ofMinutes(1), 3),
            new Limit(5, Duration.ofMinutes(1), 10),
            new Limit(1, Duration.ofMinutes(1), 2),
            new Limit(1200, Duration.ofMinutes(1), 300)),
        time);
  }

  void wait(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }

  @Test
  void aClientMayUseItsBurstAtOnceAndIsThenToldWhenToComeBack() {
    RateLimiter limiter = limiter(100);

    Outcome first = limiter.take(Policy.PUBLIC, "192.0.2.1");
    limiter.take(Policy.PUBLIC, "192.0.2.1");
    Outcome third = limiter.take(Policy.PUBLIC, "192.0.2.1");
    Outcome fourth = limiter.take(Policy.PUBLIC, "192.0.2.1");

    assertThat(first.allowed()).isTrue();
    assertThat(first.remaining()).isEqualTo(2);
    assertThat(third.allowed()).isTrue();
    assertThat(third.remaining()).isZero();
    assertThat(fourth.allowed()).isFalse();
    assertThat(fourth.retryAfterSeconds()).isEqualTo(10);
    assertThat(fourth.resetSeconds()).isEqualTo(30);
  }

  @Test
  void theBucketRefillsAtTheConfiguredRate() {
    RateLimiter limiter = limiter(100);
    for (int i = 0; i < 3; i++) {
      limiter.take(Policy.PUBLIC, "192.0.2.2");
    }

    wait(Duration.ofSeconds(9));
    Outcome early = limiter.take(Policy.PUBLIC, "192.0.2.2");
    wait(Duration.ofSeconds(1));
    Outcome onTime = limiter.take(Policy.PUBLIC, "192.0.2.2");
    Outcome again = limiter.take(Policy.PUBLIC, "192.0.2.2");

    assertThat(early.allowed()).isFalse();
    assertThat(early.retryAfterSeconds()).isEqualTo(1);
    assertThat(onTime.allowed()).isTrue();
    assertThat(again.allowed()).isFalse();
  }

  @Test
  void clientsAndPoliciesHaveBucketsOfTheirOwn() {
    RateLimiter limiter = limiter(100);
    for (int i = 0; i < 4; i++) {
      limiter.take(Policy.PUBLIC, "192.0.2.3");
    }

    assertThat(limiter.take(Policy.PUBLIC, "192.0.2.4").allowed()).isTrue();
    assertThat(limiter.take(Policy.LOGIN, "192.0.2.3").allowed()).isTrue();
    assertThat(limiter.take(Policy.AUTHENTICATED, "api-key:1").allowed()).isTrue();
  }

  @Test
  void checkingDoesNotCountOnlyRecordingDoes() {
    RateLimiter limiter = limiter(100);

    for (int i = 0; i < 5; i++) {
      assertThat(limiter.check(Policy.FAILED_API_KEYS, "192.0.2.5").allowed()).isTrue();
    }
    limiter.record(Policy.FAILED_API_KEYS, "192.0.2.5");
    limiter.record(Policy.FAILED_API_KEYS, "192.0.2.5");
    Outcome blocked = limiter.check(Policy.FAILED_API_KEYS, "192.0.2.5");

    assertThat(blocked.allowed()).isFalse();
    assertThat(blocked.remaining()).isZero();
    assertThat(blocked.retryAfterSeconds()).isEqualTo(60);
    assertThat(blocked.resetSeconds()).isEqualTo(120);
  }

  @Test
  void theHeaderFieldsFollowTheIetfDraft() {
    RateLimiter limiter = limiter(100);

    Outcome outcome = limiter.take(Policy.PUBLIC, "192.0.2.6");

    // 3 requests at once, refilled within 30 s.
    assertThat(outcome.policyHeader()).isEqualTo("\"public\";q=3;w=30");
    assertThat(outcome.stateHeader()).isEqualTo("\"public\";r=2;t=10");
  }

  @Test
  void memoryStaysBoundedUnderAFloodOfAddresses() {
    RateLimiter limiter = limiter(1000);

    for (int i = 0; i < 20_000; i++) {
      limiter.take(Policy.PUBLIC, "10.0." + (i / 256) + "." + (i % 256));
    }

    assertThat(limiter.clients(Policy.PUBLIC)).isLessThanOrEqualTo(1000);
  }

  @Test
  void aForgottenClientWouldHaveBeenFullAgainAnyway() {
    RateLimiter limiter = limiter(100);
    for (int i = 0; i < 4; i++) {
      limiter.take(Policy.PUBLIC, "192.0.2.7");
    }

    wait(Duration.ofMinutes(16));

    assertThat(limiter.clients(Policy.PUBLIC)).isZero();
    assertThat(limiter.take(Policy.PUBLIC, "192.0.2.7").remaining()).isEqualTo(2);
  }
}
